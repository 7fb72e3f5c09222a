package aikpi.quark.metrics;

import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;

/**
 * A period's AI session counts day by day and business unit by unit (a day without sessions has no row): the daily
 * series the gateway projects a running period's end from.
 */
@Serdeable
public record DailySessions(String period, LocalDate from, LocalDate to, String zone, List<Row> rows) {

    @Serdeable
    public record Row(LocalDate day, String businessUnit, long aiSessions, long turns, long resolvedSessions,
                      long conversions) {
    }
}
