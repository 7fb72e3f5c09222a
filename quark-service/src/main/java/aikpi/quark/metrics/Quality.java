package aikpi.quark.metrics;

import aikpi.quark.sessions.SessionTotals;
import aikpi.vocabulary.Money;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * Whether the AI helped: the figures that stand beside every volume figure. Exact; ratios have six decimals and
 * are null (never NaN) when their denominator is zero.
 */
@Serdeable
@Schema(description = "AI session quality in the period (exact). Ratios have 6 decimals and are null when undefined.")
public record Quality(
        @Schema(description = "resolved ÷ sessions with a known outcome (UNKNOWN outcomes left out)", nullable = true)
        @Nullable BigDecimal resolutionRate,
        long resolvedSessions,
        long knownOutcomeSessions,
        @Schema(description = "all turns ÷ resolved sessions: the effort spent per success", nullable = true)
        @Nullable BigDecimal turnsPerResolved,
        @Schema(description = "mean rating (1-5) over rated sessions only", nullable = true)
        @Nullable BigDecimal avgRating,
        @Schema(description = "sessions with a rating") long ratedSessions,
        @Schema(description = "sessions that led to a downstream action (a product page, an order)") long conversions,
        @Schema(description = "conversions ÷ sessions", nullable = true) @Nullable BigDecimal conversionRate,
        @Schema(description = "sum of the conversion values reported, CNY, exact to the fen") BigDecimal conversionValueCny) {

    /** Quality figures of some sessions. */
    public static Quality of(SessionTotals t) {
        return new Quality(
                // QK-RES: a turn that solved nothing is not value, so resolution counts only sessions whose outcome is known.
                Money.ratio(t.resolved(), t.knownOutcome()),
                t.resolved(),
                t.knownOutcome(),
                // QK-TPR: effort per success; rising turns with flat resolutions is the vanity pattern.
                Money.ratio(t.turns(), t.resolved()),
                Money.ratio(t.ratingSum(), t.rated()),
                t.rated(),
                t.conversions(),
                Money.ratio(t.conversions(), t.sessions()),
                Money.cny(t.conversionValueCny()));
    }
}
