package aikpi.quark.metrics;

import aikpi.security.Roles;
import aikpi.vocabulary.Period;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "metrics")
@Secured({Roles.SERVICE, Roles.QUARK_WRITER})
@Controller("/api/v1/apps/{appId}/metrics")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AppMetricsController {

    private final MetricsService metrics;

    public AppMetricsController(MetricsService metrics) {
        this.metrics = metrics;
    }

    @Operation(summary = "One app's figures in a period, and each AI feature's",
            description = "period: a day (2025-03-14), a month (2025-03), a calendar quarter (2025-Q1) or a fiscal "
                    + "quarter (FY2025-Q3); days are cut in the reporting zone. Exact: totalUsers, newUsers, installs, "
                    + "aiFeatures, volume, quality. HLL sketch estimates (relative standard error 0.41%, ~95% within "
                    + "0.81%): dau, mau, activeUsers, aiUsers and the ratios on them.")
    @Get
    public AppMetrics get(@PathVariable String appId, @QueryValue String period) {
        return metrics.forApp(appId, Period.parse(period));
    }
}
