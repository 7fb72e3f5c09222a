package aikpi.tongyi.resources;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;

/** One resource-usage entry as sent; every field is checked by {@link ResourceUsageService}. */
@Serdeable
public record ResourceUsageRequest(
        @Nullable String entryId,
        @Nullable LocalDate date,
        @Nullable Purpose purpose,
        @Nullable String modelId,
        @Nullable BigDecimal gpuHours,
        @Nullable BigDecimal costCny) {
}
