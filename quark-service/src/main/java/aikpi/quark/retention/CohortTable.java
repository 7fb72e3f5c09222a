package aikpi.quark.retention;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** An app's retention by cohort: for each cohort, the share of it active again in each later window. */
@Serdeable
@Schema(description = "Cohorts by the week (ISO, Monday start) or month of the users' first-seen day; offset 0 is the "
        + "cohort's own window. Sizes of whole cohorts are exact (the first-seen store); the users active again, and the "
        + "AI and non-AI parts of a cohort, are counted with Theta sketches: exact below 4,096 users per set, above "
        + "that estimates (estimate: true) with 95% bounds per cell.")
public record CohortTable(
        String appId,
        @Schema(description = "week or month") String cohort,
        @Schema(description = "open or ai-session: what counts as active again") String returnOn,
        @Schema(description = "all, ai (an AI session in the cohort's first window) or non-ai") String segment,
        @Schema(description = "first day of the first cohort") LocalDate from,
        @Schema(description = "last day of the last cohort") LocalDate to,
        String zone,
        @Schema(description = "today in the reporting zone: windows not ended by it are partial") LocalDate asOf,
        @Schema(description = "whether any figure is an estimate") boolean estimate,
        @Schema(description = "relative standard error of one set's estimate, when any figure is an estimate",
                nullable = true) @Nullable Double relativeStandardError,
        @Schema(description = "how the cohorts are made when not from first-seen days, or why there are none",
                nullable = true) @Nullable String note,
        List<Cohort> cohorts) {

    /** One cohort and its windows (those begun by today). */
    @Serdeable
    public record Cohort(
            LocalDate start,
            LocalDate end,
            @Schema(description = "users in the cohort (or in its segment)") long size,
            @Schema(description = "whether size is exact") boolean sizeExact,
            List<Cell> offsets) {
    }

    /** The cohort's users active in one window. */
    @Serdeable
    public record Cell(
            int offset,
            LocalDate start,
            LocalDate end,
            long users,
            @Schema(description = "users ÷ cohort size; null for an empty cohort", nullable = true) @Nullable BigDecimal share,
            @Schema(description = "the window has not ended yet") boolean partial,
            @Schema(description = "95% lower bound of users, when estimated", nullable = true) @Nullable Long low,
            @Schema(description = "95% upper bound of users, when estimated", nullable = true) @Nullable Long high) {
    }
}
