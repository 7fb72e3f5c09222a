package aikpi.gateway.scorecards;

import aikpi.gateway.conversion.KpiDefinition;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/** One business unit's AI conversion in a period, the previous period's figures, and the change between them. */
@Serdeable
public record Scorecard(String businessUnit, Figures current, Figures previous, Figures change) {

    /**
     * Its AI features and users, its AI sessions and their turns, resolution, rating and conversions, its apps'
     * monthly actives and stickiness, week-4 retention and the AI lift beside its AI users (quark), its tokens as an internal customer of the model platform (tongyi),
     * what they cost ({@code aiCostCny}: its tokens priced at each model's inference cost, tongyi) and that cost per
     * resolved session, and
     * its cloud spend (billing). Null where the source gave nothing. Each figure is the unit's value of the executive
     * view's KPI of the same meaning ({@link #value}), which is what the unit's targets are reviewed against.
     */
    @Serdeable
    public record Figures(@Nullable Long aiFeatures, @Nullable Long aiSessions, @Nullable BigDecimal resolutionRate,
                          @Nullable Long conversions, @Nullable Long tokens, @Nullable BigDecimal cloudSpendCny,
                          @Nullable Long aiUsers, @Nullable Long turns, @Nullable Long resolvedSessions,
                          @Nullable BigDecimal turnsPerResolved, @Nullable BigDecimal avgRating,
                          @Nullable BigDecimal conversionRate, @Nullable BigDecimal mau,
                          @Nullable BigDecimal stickiness, @Nullable BigDecimal week4Retention,
                          @Nullable BigDecimal aiLiftPp, @Nullable BigDecimal aiCostCny,
                          @Nullable BigDecimal costPerResolvedSession) {

        /**
         * The unit's value of a KPI its scorecard computes ({@link KpiDefinition.Trait#UNIT}); null when its source
         * gave nothing.
         *
         * @throws IllegalArgumentException for a KPI a unit's scorecard does not compute
         */
        @Nullable
        public BigDecimal value(KpiDefinition kpi) {
            return switch (kpi) {
                case AI_SESSIONS -> decimal(aiSessions);
                case TURNS -> decimal(turns);
                case RESOLVED_SESSIONS -> decimal(resolvedSessions);
                case CONVERSIONS -> decimal(conversions);
                case AI_USERS -> decimal(aiUsers);
                case MAU -> mau;
                case STICKINESS -> stickiness;
                case RESOLUTION_RATE -> resolutionRate;
                case TURNS_PER_RESOLVED -> turnsPerResolved;
                case AVG_RATING -> avgRating;
                case CONVERSION_RATE -> conversionRate;
                case TOKENS -> decimal(tokens);
                case BU_CLOUD_SPEND -> cloudSpendCny;
                case WEEK4_RETENTION -> week4Retention;
                case AI_LIFT -> aiLiftPp;
                case COST_PER_RESOLVED_SESSION -> costPerResolvedSession;
                default -> throw new IllegalArgumentException(kpi.id() + " is not computed per business unit");
            };
        }

        private static BigDecimal decimal(Long value) {
            return value == null ? null : BigDecimal.valueOf(value);
        }
    }
}
