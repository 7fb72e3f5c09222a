package aikpi.quark.metrics;

import aikpi.security.Roles;
import aikpi.vocabulary.Period;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "kpis")
@Secured({Roles.SERVICE, Roles.QUARK_WRITER})
@Controller("/api/v1/kpis")
@ExecuteOn(TaskExecutors.BLOCKING)
public class KpiController {

    private final MetricsService metrics;

    public KpiController(MetricsService metrics) {
        this.metrics = metrics;
    }

    @Operation(summary = "The To-C KPIs of a period: every app, totals by business unit and for the whole group",
            description = "Totals count a user of two apps once. Exact: totalUsers, newUsers, installs, aiFeatures, "
                    + "volume, quality. HLL sketch estimates (relative standard error 0.41%): dau, mau, activeUsers, "
                    + "aiUsers and the ratios on them. Each app, unit and the group also carries its retention "
                    + "summary (week-1 and week-4 retention of the weekly cohorts that completed week 4 in the period, "
                    + "and the AI lift); retention=false leaves it out (null), for callers that do not need it.")
    @Get
    public QuarkKpis get(@QueryValue String period, @QueryValue(defaultValue = "true") boolean retention) {
        return metrics.kpis(Period.parse(period), retention);
    }

    @Operation(summary = "A period's AI sessions, turns, resolved sessions and conversions per day and business unit",
            description = "Days are cut in the reporting zone; a day and unit without sessions has no row. The same "
                    + "daily counts as the KPIs' totals, so a period's rows add up to its KPIs' volume and quality "
                    + "counts.")
    @Get("/daily")
    public DailySessions daily(@QueryValue String period) {
        return metrics.dailySessions(Period.parse(period));
    }
}
