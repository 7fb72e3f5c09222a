package aikpi.tongyi.kpis;

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
@Secured({Roles.SERVICE, Roles.TONGYI_WRITER})
@Controller("/api/v1/kpis")
@ExecuteOn(TaskExecutors.BLOCKING)
public class KpiController {

    private final TongyiKpiService kpis;

    public KpiController(TongyiKpiService kpis) {
        this.kpis = kpis;
    }

    @Operation(summary = "The model team's KPIs for a period: releases, hub influence, customers, tokens, GPU resources")
    @Get
    public TongyiKpis get(@QueryValue String period) {
        return kpis.compute(Period.parse(period));
    }
}
