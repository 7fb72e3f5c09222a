package aikpi.tongyi.completeness;

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
@Secured({Roles.SERVICE, Roles.TONGYI_WRITER})
@Controller("/api/v1/completeness")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CompletenessController {

    private final UsageCompleteness completeness;

    public CompletenessController(UsageCompleteness completeness) {
        this.completeness = completeness;
    }

    @Operation(summary = "How complete the usage data of a period is: the day it is complete through, whether it is "
            + "final, and the events that arrived late, by day received",
            description = "A day is complete TONGYI_LATENESS (48 h by default) after it ends in the reporting zone and, "
                    + "with Kafka, once the usage consumers have no lag. A period not yet begun, or malformed: 400.")
    @Get
    public Completeness get(@QueryValue String period) {
        return completeness.of(Period.parse(period));
    }
}
