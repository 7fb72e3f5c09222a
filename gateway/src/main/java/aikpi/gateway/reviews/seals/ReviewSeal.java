package aikpi.gateway.reviews.seals;

import aikpi.gateway.reviews.Review;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.Map;

/**
 * One sealed version of a period's review: the review as it stood, who sealed it and why, and each source's data
 * version and completeness at that moment (by service id). Never changed once stored.
 */
public record ReviewSeal(String period, int version, Instant sealedAt, String sealedBy, @Nullable String reason,
                         boolean forced, Map<String, SealedSource> sources, Review review) {

    /** This seal as a review shows it. */
    public Review.Seal summary() {
        return new Review.Seal(version, sealedAt, sealedBy, reason, forced, sources);
    }
}
