package aikpi.gateway.scorecards;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/** One business unit's AI conversion in a period, the previous period's figures, and the change between them. */
@Serdeable
public record Scorecard(String businessUnit, Figures current, Figures previous, Figures change) {

    /**
     * Its AI features, sessions and their resolution rate and conversions (quark), its tokens as an internal customer
     * of the model platform (tongyi) and its cloud spend (billing). Null where the source gave nothing.
     */
    @Serdeable
    public record Figures(@Nullable Long aiFeatures, @Nullable Long aiSessions, @Nullable BigDecimal resolutionRate,
                          @Nullable Long conversions, @Nullable Long tokens, @Nullable BigDecimal cloudSpendCny) {
    }
}
