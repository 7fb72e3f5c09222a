package aikpi.billing.attribution;

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

@Tag(name = "attribution")
@Secured({Roles.SERVICE, Roles.BILLING_WRITER})
@Controller("/api/v1/attribution")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AttributionController {

    private final AttributionService attribution;

    public AttributionController(AttributionService attribution) {
        this.attribution = attribution;
    }

    @Operation(summary = "A quarter's cloud revenue attributed to AI, cash versus vouchers, cloud's share of group "
            + "revenue, and billed tokens reconciled with tongyi-service's metering",
            description = "period is a calendar (2024-Q4) or fiscal (FY2025-Q3) quarter. Answers 200 even when the "
                    + "quarter's group revenue is not reported (reported: false, the ratios that need it null) or "
                    + "tongyi-service cannot be reached (reconciliation.status: UNAVAILABLE).")
    @Get
    public Attribution get(@QueryValue String period) {
        return attribution.attribution(Period.parse(period));
    }
}
