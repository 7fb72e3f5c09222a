package aikpi.quark.retention;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * Whether a period's new users stay, and whether AI users stay more: week-1 and week-4 retention (an app open in the
 * week) of the weekly cohorts that began in the period and completed their week 4 within it.
 */
@Serdeable
@Schema(description = "Weekly cohorts (first-seen week) that began in the period and whose week 4 ended within it (and "
        + "by yesterday); shares of their users who opened the app again in week 1 and week 4. AI users: an AI session "
        + "in the cohort's first week. aiLiftPp = aiWeek4 − nonAiWeek4 in percentage points: whether AI brings users "
        + "who stay. Null figures when no cohort qualifies (a period shorter than five weeks, or still running). The "
        + "counts behind each share are reported beside it (estimates from Theta sketches when estimate is true), so "
        + "the shares of apps and units can be added up by a caller.")
public record RetentionSummary(
        @Schema(description = "cohorts counted") int cohorts,
        @Schema(description = "their users (exact)") long cohortUsers,
        @Schema(description = "their AI users") long aiCohortUsers,
        @Schema(description = "their other users (null without AI figures)", nullable = true) @Nullable Long nonAiCohortUsers,
        @Schema(description = "their users back in week 4: week4 = week4Users ÷ cohortUsers") long week4Users,
        @Schema(description = "their AI users back in week 4: aiWeek4 = aiWeek4Users ÷ aiCohortUsers", nullable = true)
        @Nullable Long aiWeek4Users,
        @Schema(description = "their other users back in week 4: nonAiWeek4 = nonAiWeek4Users ÷ nonAiCohortUsers",
                nullable = true) @Nullable Long nonAiWeek4Users,
        @Nullable BigDecimal week1,
        @Nullable BigDecimal week4,
        @Nullable BigDecimal aiWeek4,
        @Nullable BigDecimal nonAiWeek4,
        @Schema(description = "aiWeek4 − nonAiWeek4, percentage points", nullable = true) @Nullable BigDecimal aiLiftPp,
        boolean estimate,
        @Nullable Double relativeStandardError,
        @Schema(description = "what the figures cover when it is not every user of the scope, or why they are null",
                nullable = true) @Nullable String note) {

    /** A period in which no weekly cohort completed its week 4. */
    public static final RetentionSummary NO_COHORTS = new RetentionSummary(0, 0, 0, null, 0, null, null, null, null,
            null, null, null, false, null, null);

    static final String NO_AI_USERS = "fed by daily aggregates, which carry no user's AI sessions: no AI and non-AI "
            + "figures, no AI lift; cohorts by first active day";

    /** No figures, and why. */
    public static RetentionSummary unavailable(String why) {
        return new RetentionSummary(0, 0, 0, null, 0, null, null, null, null, null, null, null, false, null, why);
    }

    /** The same figures, with what they cover. */
    public RetentionSummary noting(String what) {
        return new RetentionSummary(cohorts, cohortUsers, aiCohortUsers, nonAiCohortUsers, week4Users, aiWeek4Users,
                nonAiWeek4Users, week1, week4, aiWeek4, nonAiWeek4, aiLiftPp,
                estimate, relativeStandardError, note == null ? what : note + "; " + what);
    }
}
