package aikpi.gateway.targets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.math.BigDecimal;
import java.time.Instant;

/** One stored version of a target: a row of {@code kpi_target}, never changed once written. */
@MappedEntity("kpi_target")
public record TargetVersion(
        @Id String targetVersionId,
        int fiscalYear,
        String scope,
        String kpiId,
        int version,
        BigDecimal target,
        String direction,
        BigDecimal weight,
        String targetPeriod,
        @Nullable String floorKpiId,
        @Nullable BigDecimal floorMin,
        @Nullable BigDecimal floorMax,
        @Nullable String note,
        String setBy,
        Instant setAt) {

    static String idOf(int fiscalYear, String scope, String kpiId, int version) {
        return "FY" + fiscalYear + "/" + scope + "/" + kpiId + "/" + version;
    }
}
