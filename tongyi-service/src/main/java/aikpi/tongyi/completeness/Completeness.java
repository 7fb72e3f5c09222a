package aikpi.tongyi.completeness;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/** How complete the service's usage data is for a period (days cut in {@code zone}). */
@Serdeable
public record Completeness(
        String period,
        LocalDate from,
        LocalDate to,
        String zone,
        @Nullable @Schema(description = "the last day of the period up to which the data is complete; null: not even the first")
        LocalDate dataThrough,
        @JsonProperty("final") @Schema(name = "final",
                description = "every day of the period is complete: only a late event, which is counted, may change its figures")
        boolean isFinal,
        LateItems lateItems,
        List<String> notes,
        @Schema(description = "the service's data version when it began this answer (an instant to the microsecond): "
                + "GET /api/v1/changes?since= with it lists what was received after, which this answer may not hold",
                example = "2026-04-06T00:00:00.123456Z")
        String dataVersion) {

    /** Events for the period's days received after those days were complete, by the day they were received. */
    @Serdeable
    public record LateItems(long total, List<DayCount> byDayReceived) {
    }

    @Serdeable
    public record DayCount(LocalDate day, long items) {
    }
}
