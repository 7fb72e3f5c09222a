package aikpi.quark.changes;

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
@Secured({Roles.SERVICE, Roles.QUARK_WRITER})
@Controller("/api/v1/changes")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ChangesController {

    private final ChangesService changes;

    public ChangesController(ChangesService changes) {
        this.changes = changes;
    }

    @Operation(summary = "What quark received after a data version that touches a period's figures",
            description = "since: a dataVersion from GET /api/v1/completeness. The changes received strictly after "
                    + "it, oldest first, for the days of the period: DAY_SENT (an app fed by daily aggregates sent a "
                    + "day for the first time), DAY_SENT_AGAIN (a new version of a day replaced the one counted: "
                    + "oldVersion, newVersion; one change per replacement), LATE_EVENTS (installs, app opens or AI "
                    + "sessions received after their day was complete: subject the stream INSTALL, ACTIVITY or "
                    + "AI_SESSION, items, one change per request, stream and day). A page of up to limit (1,000 at "
                    + "most and by default), the next page's address in the Link: rel=\"next\" header. A malformed "
                    + "period or since, or a period not begun, is 400.")
    @Get
    public HttpResponse<List<DataChange>> list(@QueryValue String period, @QueryValue String since,
                                               @QueryValue @Nullable String limit, @QueryValue @Nullable String cursor,
                                               HttpRequest<?> request) {
        Period p = Period.parse(period);
        PageRequest page = PageRequest.of(DataChanges.LIST, DataChanges.KEY_PARTS, limit, cursor);
        return changes.since(p, DataVersion.parse(since), page).respond(request);
    }
}
