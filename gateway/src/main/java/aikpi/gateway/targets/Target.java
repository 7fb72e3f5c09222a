package aikpi.gateway.targets;

import aikpi.vocabulary.Money;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A target a business unit (or the group) is reviewed against in a fiscal year: a KPI of the executive view, the
 * value to reach, which way is better, its weight in the unit's score, whether it is set for the year or for each
 * fiscal quarter, and the quality floor a volume target must hold to count at all.
 */
@Serdeable
public record Target(
        String fiscalYear,
        String scope,
        String kpiId,
        int version,
        BigDecimal target,
        Direction direction,
        BigDecimal weight,
        TargetPeriod period,
        @Nullable QualityFloor qualityFloor,
        @Nullable String note,
        String setBy,
        Instant setAt) {

    /** Which way is better: the actual should reach the target, or stay at or under it. */
    public enum Direction { AT_LEAST, AT_MOST }

    /** A YEAR target is for the fiscal year as a whole; a QUARTER target applies to each of its fiscal quarters. */
    public enum TargetPeriod { YEAR, QUARTER }

    /** The band a quality KPI must stay in (either bound may be open) for the target to count. */
    @Serdeable
    public record QualityFloor(String kpiId, @Nullable BigDecimal min, @Nullable BigDecimal max) {

        public boolean holds(BigDecimal actual) {
            return (min == null || actual.compareTo(min) >= 0) && (max == null || actual.compareTo(max) <= 0);
        }
    }

    static Target of(TargetVersion v) {
        QualityFloor floor = v.floorKpiId() == null ? null
                : new QualityFloor(v.floorKpiId(), Money.plain(v.floorMin()), Money.plain(v.floorMax()));
        return new Target(FiscalYears.label(v.fiscalYear()), v.scope(), v.kpiId(), v.version(),
                Money.plain(v.target()), Direction.valueOf(v.direction()), Money.plain(v.weight()),
                TargetPeriod.valueOf(v.targetPeriod()), floor, v.note(), v.setBy(), v.setAt());
    }
}
