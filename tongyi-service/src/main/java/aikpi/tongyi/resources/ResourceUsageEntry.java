package aikpi.tongyi.resources;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Cloud resources burned on one day for training or serving, with their cost. */
@MappedEntity("resource_usage")
public record ResourceUsageEntry(
        @Id String entryId,
        LocalDate usageDate,
        Purpose purpose,
        @Nullable String modelId,
        BigDecimal gpuHours,
        BigDecimal costCny) {
}
