package aikpi.gateway.reviews;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/**
 * The review's thresholds ({@code gateway.reviews.*}): an attainment counts up to {@code attainmentCap} times its
 * target; progress at or above {@code onTrack} is ON_TRACK, at or above {@code atRisk} AT_RISK, below it OFF_TRACK.
 */
@Serdeable
@ConfigurationProperties("gateway.reviews")
public record ReviewRules(BigDecimal attainmentCap, BigDecimal onTrack, BigDecimal atRisk) {

    public ReviewRules {
        if (attainmentCap.compareTo(BigDecimal.ONE) < 0 || atRisk.compareTo(onTrack) > 0 || atRisk.signum() <= 0) {
            throw new IllegalArgumentException("gateway.reviews: attainment-cap must be at least 1 and "
                    + "0 < at-risk <= on-track (were " + attainmentCap + ", " + atRisk + ", " + onTrack + ")");
        }
    }
}
