package aikpi.gateway.targets;

import aikpi.gateway.targets.Target.Direction;
import aikpi.gateway.targets.Target.QualityFloor;
import aikpi.gateway.targets.Target.TargetPeriod;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/** The body of {@code PUT /api/v1/targets/{fiscalYear}/{scope}/{kpiId}}. */
@Serdeable
public record TargetRequest(
        @Nullable BigDecimal target,
        @Nullable Direction direction,
        @Nullable BigDecimal weight,
        @Nullable TargetPeriod period,
        @Nullable QualityFloor qualityFloor,
        @Nullable String note) {
}
