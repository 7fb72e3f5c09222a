package aikpi.billing.completeness;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/**
 * How complete the ledger's FOCUS imports are for a period, as {@code GET /api/v1/completeness} answers it.
 *
 * @param period      the period as asked
 * @param from        its first day (reporting zone)
 * @param to          its last day
 * @param zone        the reporting zone the billing months end in
 * @param dataThrough the last day of the period through which every billing month is final and imported, or null
 * @param isFinal     every billing month of the period final and imported: only a correction changes it now
 * @param lateItems   the rows of first imports received after their month was final, by day received
 * @param months      each billing month the period touches
 * @param notes       the rules, and what is still missing
 * @param dataVersion the data version of this answer, for {@code GET /api/v1/changes?since=}
 */
@Serdeable
public record Completeness(String period, LocalDate from, LocalDate to, String zone, @Nullable LocalDate dataThrough,
                           @JsonProperty("final") boolean isFinal,
                           LateItems lateItems, List<Month> months, List<String> notes,
                           @Schema(description = "The data version the answer was computed at: the service's clock "
                                   + "before anything was read, an ISO-8601 instant to the microsecond. "
                                   + "GET /api/v1/changes?since= with it lists what was received after it.",
                                   example = "2025-04-06T00:00:00.123456Z") String dataVersion) {

    @Serdeable
    public record LateItems(long total, List<DayCount> byDayReceived) {
    }

    @Serdeable
    public record DayCount(LocalDate day, long items) {
    }

    /** A billing month: final (closed), imported (any FOCUS file brought it), restatements made before its close. */
    @Serdeable
    public record Month(String month, @JsonProperty("final") boolean isFinal,
                        boolean imported, long restatements) {
    }
}
