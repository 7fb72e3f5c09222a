package aikpi.tongyi.resources;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * GPU hours and their cost in a period: the whole, and one row per model or purpose. By model, entries that name no
 * model are in the whole and in no row, so the rows may add up to less than it.
 */
@Serdeable
public record ResourceSummary(String period, LocalDate from, LocalDate to, String groupBy, BigDecimal gpuHours,
                              BigDecimal costCny, List<Row> rows) {

    @Serdeable
    public record Row(String key, BigDecimal gpuHours, BigDecimal costCny) {
    }
}
