package aikpi.billing.changes;

import aikpi.platform.changes.DataChange;
import aikpi.platform.changes.DataChanges;
import aikpi.platform.changes.DataVersion;
import aikpi.platform.paging.PageRequest;
import aikpi.security.Roles;
import aikpi.vocabulary.Period;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

@Tag(name = "changes")
@Secured({Roles.SERVICE, Roles.BILLING_WRITER})
@Controller("/api/v1/changes")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ChangesController {

    private final ChangesService changes;

    public ChangesController(ChangesService changes) {
        this.changes = changes;
    }

    @Operation(summary = "What the ledger received after a data version that touches a period's figures: FOCUS "
            + "imports of its billing months (IMPORT), a final month's corrections (CORRECTION), ledger lines posted "
            + "for its days (LEDGER_LINES), its days reconverted at corrected rates (FX_REBOOK) and its quarters' reported revenue (REPORTED_REVENUE), oldest first",
            description = "period is any period of the suite (2025-03, 2025-Q1, FY2025-Q4, FY2025) that has begun; "
                    + "since is a completeness answer's dataVersion. A page of up to limit (1,000 at most and by "
                    + "default), the next page's address in the Link: rel=\"next\" header.")
    @Get
    public HttpResponse<List<DataChange>> list(@QueryValue String period, @QueryValue String since,
                                               @QueryValue @Nullable String limit,
                                               @QueryValue @Nullable String cursor, HttpRequest<?> request) {
        Period asked = Period.parse(period);
        PageRequest page = PageRequest.of(DataChanges.LIST, DataChanges.KEY_PARTS, limit, cursor);
        return DataChanges.page(changes.since(asked, DataVersion.parse(since)), page).respond(request);
    }
}
