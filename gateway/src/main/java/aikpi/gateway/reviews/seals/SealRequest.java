package aikpi.gateway.reviews.seals;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code POST /api/v1/executive/reviews/{period}/seal}, optional as a whole: why the period is sealed (needed
 * to seal it again, and to force a seal of a period some source has not finished), and whether to seal although a
 * source is not final.
 */
@Serdeable
public record SealRequest(@Nullable String reason, @Nullable Boolean force) {

    public static final int MAX_REASON = 2000;

    public boolean forced() {
        return Boolean.TRUE.equals(force);
    }
}
