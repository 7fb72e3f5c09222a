package aikpi.quark.retention;

import aikpi.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "retention")
@Secured({Roles.SERVICE, Roles.QUARK_WRITER})
@Controller("/api/v1/apps/{appId}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RetentionController {

    private final RetentionService retention;

    public RetentionController(RetentionService retention) {
        this.retention = retention;
    }

    @Operation(summary = "Retention by cohort: do the users an app gains come back?",
            description = "cohort: week (ISO, Monday start; default) or month of the users' first-seen day. from/to: "
                    + "dates; the cohorts whose window holds a day from..to (default: the last 13 weeks or months to "
                    + "today; at most 104 weekly or 36 monthly cohorts). returnOn: open (default) or ai-session. "
                    + "segment: all (default), ai (an AI session in the cohort's first window) or non-ai. offsets: the "
                    + "windows after the cohort's own (default 12). A window not ended yet is partial.")
    @Get("/retention")
    public CohortTable cohorts(@PathVariable String appId, @Nullable @QueryValue String cohort,
                               @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                               @Nullable @QueryValue String returnOn, @Nullable @QueryValue String segment,
                               @Nullable @QueryValue Integer offsets) {
        return retention.cohorts(appId, CohortQuery.parse(cohort, from, to, returnOn, segment, offsets, retention.today()));
    }

    @Operation(summary = "N-day retention of the users first seen on a day",
            description = "day: the cohort's day. n: days after it, 1..365 (default 1,7,30). For each: the users active "
                    + "exactly on day N (onDay) and on day N or any later day up to today (onOrAfter). returnOn: open "
                    + "(default) or ai-session.")
    @Get("/retention/days")
    public DayRetention days(@PathVariable String appId, @Nullable @QueryValue String day, @Nullable @QueryValue String n,
                             @Nullable @QueryValue String returnOn) {
        return retention.days(appId, DayRetentionQuery.parse(day, n, returnOn, retention.today()));
    }

    @Operation(summary = "Lifecycle: new, returning, resurrecting and dormant users per interval",
            description = "period: 2025-03-14, 2025-03, 2025-Q1, FY2025-Q3, FY2026. interval: day, week (default) or "
                    + "month; every interval overlapping the period, whole. Active = an app open.")
    @Get("/lifecycle")
    public Lifecycle lifecycle(@PathVariable String appId, @Nullable @QueryValue String period,
                               @Nullable @QueryValue String interval) {
        return retention.lifecycle(appId, LifecycleQuery.parse(period, interval));
    }
}
