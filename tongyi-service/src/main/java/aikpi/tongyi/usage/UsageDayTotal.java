package aikpi.tongyi.usage;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.LocalDate;

/** One day's metered usage across every customer and model: the rollup a breakdown by day reads. */
@MappedEntity("usage_day_total")
public record UsageDayTotal(@Id LocalDate usageDay, long events, long inputTokens, long outputTokens) {
}
