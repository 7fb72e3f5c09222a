package aikpi.quark.completeness;

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

@Tag(name = "completeness")
@Secured({Roles.SERVICE, Roles.QUARK_WRITER})
@Controller("/api/v1/completeness")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CompletenessController {

    private final CompletenessService completeness;

    public CompletenessController(CompletenessService completeness) {
        this.completeness = completeness;
    }

    @Operation(summary = "How complete quark's data is for a period",
            description = "dataThrough: the last day of the period up to which every app's data is complete; final: "
                    + "the whole period is. Apps fed by events: a day is complete kpi.ingest.lateness (48 h) after it "
                    + "ends, and events received later are counted in lateItems by day received. Apps fed by daily "
                    + "aggregates: a day is complete once sent; missing lists the ended days not sent. dataVersion: the "
                    + "instant taken before anything was read, for GET /api/v1/changes?since=.")
    @Get
    public Completeness get(@QueryValue String period) {
        return completeness.of(Period.parse(period));
    }
}
