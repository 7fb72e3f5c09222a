package aikpi.gateway.reviews;

import aikpi.gateway.reviews.seals.SealedSource;
import aikpi.gateway.sources.SourceReport;
import aikpi.gateway.targets.Target.Direction;
import aikpi.gateway.targets.Target.TargetPeriod;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A business review of one period: every target in force, its actual, attainment, pace and status, and each scope's
 * weighted score, the business units ranked by it. {@code complete}/{@code sources} are as in the executive view: a
 * source that did not answer makes its KPIs {@code UNKNOWN}, never zero. {@code sources} also says how complete each
 * source's data is for the review's period; {@code provisional} is true until all three say the period is final.
 * {@code sealed} is null for the live computation, and says which sealed version this is when the review is one.
 */
@Serdeable
public record Review(
        String period,
        LocalDate from,
        LocalDate to,
        String fiscalYear,
        LocalDate asOf,
        ReviewCalculator.Progress progress,
        BigDecimal elapsedShare,
        boolean complete,
        boolean provisional,
        Map<String, SourceReport> sources,
        ReviewRules rules,
        List<ScopeReview> scopes,
        @Nullable Seal sealed) {

    /** This review as the sealed version {@code seal}. */
    public Review sealedAs(Seal seal) {
        return new Review(period, from, to, fiscalYear, asOf, progress, elapsedShare, complete, provisional, sources,
                rules, scopes, seal);
    }

    /** This review cut to one scope (its rank stays its rank among all units). */
    public Review forScope(String scope) {
        return new Review(period, from, to, fiscalYear, asOf, progress, elapsedShare, complete, provisional, sources,
                rules, scopes.stream().filter(s -> s.scope().equals(scope)).toList(), sealed);
    }

    /**
     * Which sealed version a review is: when and by whom it was sealed, why, whether it was forced although a source
     * had not finished the period, and each source's data version and completeness at that moment.
     */
    @Serdeable
    public record Seal(int version, Instant sealedAt, String sealedBy, @Nullable String reason, boolean forced,
                      Map<String, SealedSource> sources) {
    }

    /** How a KPI stands against its target. */
    public enum Status {
        /** Reached: the period is over and the target met, or a flow has already reached its whole target. */
        MET,
        /** Running and on pace (a flow), or meeting its target as it stands (a level). */
        ON_TRACK,
        /** Running, behind pace (or short of a level target) by less than the at-risk threshold. */
        AT_RISK,
        /** Behind by more than that, an AT_MOST flow already over its whole budget, or a finished period missed. */
        OFF_TRACK,
        /** The period has not begun. */
        NOT_STARTED,
        /** No figure: its source did not answer, or a running period has nothing to measure yet. Not scored. */
        UNKNOWN
    }

    /**
     * One scope's review. {@code score} = Σ weight × min(attainment, cap) over counted KPIs ÷ Σ weight over the KPIs
     * with a known figure; {@code scoreAtPace} is the same with a running flow's pace in place of its attainment.
     * {@code rank} orders the business units by score (the group is not ranked).
     */
    @Serdeable
    public record ScopeReview(String scope, @Nullable Integer rank, @Nullable BigDecimal score,
                              @Nullable BigDecimal scoreAtPace, boolean complete, int targets, int counted,
                              List<KpiReview> kpis) {
    }

    /**
     * One target in force. {@code target} is the value for this review's period (a year target pro-rated by days for
     * a quarter, a quarter target times four for a year, for flows); {@code setTarget} is what was set.
     * {@code scored} is what the KPI adds to the score before weighting (null: left out of it); {@code known} is
     * false when a source its figure or its floor needs did not answer. A flow of a running period with a daily
     * series also carries its projected end (docs/PROJECTIONS.md): {@code projected} within the 80% interval
     * {@code projectedLow}…{@code projectedHigh}, its attainment, and {@code projectedStatus} (ON_TRACK only when
     * the projection meets the target), beside the pace figures; all null otherwise.
     */
    @Serdeable
    public record KpiReview(String kpiId, String scope, String unit, String nature, BigDecimal target,
                            BigDecimal setTarget, TargetPeriod targetPeriod, int targetVersion, Direction direction,
                            @Nullable BigDecimal actual, @Nullable BigDecimal attainment,
                            @Nullable BigDecimal expectedToDate, @Nullable BigDecimal pace, Status status,
                            BigDecimal weight, @Nullable FloorReview qualityFloor, boolean counted,
                            @Nullable BigDecimal scored, boolean known, @Nullable String reason,
                            @Nullable String projectionMethod, @Nullable BigDecimal projected,
                            @Nullable BigDecimal projectedLow, @Nullable BigDecimal projectedHigh,
                            @Nullable BigDecimal projectedAttainment, @Nullable Status projectedStatus) {

        /** This review with a projected period end. */
        public KpiReview withProjection(String method, BigDecimal value, BigDecimal low, BigDecimal high,
                                        @Nullable BigDecimal projectedAttainment, Status projectedStatus) {
            return new KpiReview(kpiId, scope, unit, nature, target, setTarget, targetPeriod, targetVersion, direction,
                    actual, attainment, expectedToDate, pace, status, weight, qualityFloor, counted, scored, known,
                    reason, method, value, low, high, projectedAttainment, projectedStatus);
        }
    }

    /** The quality floor of a volume target, and whether it held ({@code met} null: its figure is unknown). */
    @Serdeable
    public record FloorReview(String kpiId, @Nullable BigDecimal min, @Nullable BigDecimal max,
                              @Nullable BigDecimal actual, @Nullable Boolean met) {
    }
}
