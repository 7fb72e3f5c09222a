package aikpi.gateway.sources.quark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;

/**
 * The part of quark-service's {@code GET /api/v1/kpis/daily} the gateway reads: AI session counts per day and
 * business unit (a day and unit without sessions has no row).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record DailySessions(String period, List<Row> rows) {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Row(LocalDate day, String businessUnit, long aiSessions, long turns, long resolvedSessions,
                      long conversions) {
    }
}
