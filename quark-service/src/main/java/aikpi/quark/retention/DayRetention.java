package aikpi.quark.retention;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** N-day retention of the users first seen on one day. */
@Serdeable
@Schema(description = "Of the users first seen on a day, those active exactly on day N (onDay: Amplitude's N-day "
        + "retention) and those active on day N or any day after it up to today (onOrAfter: Amplitude's unbounded "
        + "retention).")
public record DayRetention(
        String appId,
        LocalDate day,
        String returnOn,
        String zone,
        LocalDate asOf,
        @Schema(description = "users first seen on the day (exact)") long cohortSize,
        boolean estimate,
        @Nullable Double relativeStandardError,
        @Schema(description = "how the cohort is made when not from first-seen days, or why there are no figures",
                nullable = true) @Nullable String note,
        List<Figure> days) {

    /** Day N's figures. */
    @Serdeable
    public record Figure(
            int n,
            LocalDate date,
            @Schema(description = "day N has not ended yet (or is still to come: then both figures are null)")
            boolean partial,
            @Schema(nullable = true) @Nullable Share onDay,
            @Schema(nullable = true) @Nullable Share onOrAfter) {
    }

    /** Users and their share of the cohort, with 95% bounds when estimated. */
    @Serdeable
    public record Share(long users, @Nullable BigDecimal share, @Nullable Long low, @Nullable Long high) {
    }
}
