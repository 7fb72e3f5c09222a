package aikpi.quark.completeness;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/** How complete quark's data is for a period, by its rules for apps fed by events and by daily aggregates. */
@Serdeable
public record Completeness(
        String period,
        LocalDate from,
        LocalDate to,
        @Schema(description = "The reporting zone the days are cut in") String zone,
        @Nullable @Schema(description = "The last day of the period up to which every app's data is complete; null "
                + "when not even its first day is") LocalDate dataThrough,
        @JsonProperty("final") @Schema(name = "final", description = "Whether the whole period is complete")
        boolean complete,
        @Schema(description = "quark's data version when the answer was computed: the instant (UTC, to the "
                + "microsecond) taken before anything was read. GET /api/v1/changes?since= with it lists what quark "
                + "received afterwards", example = "2025-04-10T04:00:00.123456Z") String dataVersion,
        LateItemsStore lateItems,
        @Schema(description = "The apps fed by daily aggregates and the days of the period, ended, that they have not "
                + "sent") List<Missing> missing,
        List<String> notes) {

    /** Events of the period received after their day was complete. */
    @Serdeable
    public record LateItemsStore(long total, List<DayItems> byDayReceived) {
    }

    @Serdeable
    public record DayItems(LocalDate day, long items) {
    }

    @Serdeable
    public record Missing(String appId, List<LocalDate> days) {
    }
}
