package aikpi.tongyi.resources;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The GPU resources burned per day of a period, training and inference together: the daily series a running period's
 * AI resource cost is projected from. A day without an entry has no row.
 */
@Serdeable
public record DailyResourceCosts(String period, LocalDate from, LocalDate to, List<Day> rows) {

    @Serdeable
    public record Day(LocalDate day, BigDecimal gpuHours, BigDecimal costCny) {
    }
}
