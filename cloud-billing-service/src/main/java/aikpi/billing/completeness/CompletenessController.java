package aikpi.billing.completeness;

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
@Secured({Roles.SERVICE, Roles.BILLING_WRITER})
@Controller("/api/v1/completeness")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CompletenessController {

    private final CompletenessService completeness;

    public CompletenessController(CompletenessService completeness) {
        this.completeness = completeness;
    }

    @Operation(summary = "How complete the revenue ledger is for a period: each billing month final (BILLING_CLOSE_DAY "
            + "days after it ends in the reporting zone) and imported, the last day through which all are, and the "
            + "rows of late first imports by day received",
            description = "period is any period of the suite (2025-03, 2025-Q1, FY2025-Q4, FY2025, 2025-03-14).")
    @Get
    public Completeness get(@QueryValue String period) {
        return completeness.completeness(Period.parse(period));
    }
}
