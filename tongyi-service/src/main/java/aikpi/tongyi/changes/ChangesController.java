package aikpi.tongyi.changes;

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
import java.time.Instant;
import java.util.List;

@Tag(name = "completeness")
@Secured({Roles.SERVICE, Roles.TONGYI_WRITER})
@Controller("/api/v1/changes")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ChangesController {

    private final UsageChanges changes;

    public ChangesController(UsageChanges changes) {
        this.changes = changes;
    }

    @Operation(summary = "What was received after a data version that changes a period's figures: the late usage "
            + "events, per day of use and instant received (kind LATE_EVENTS), oldest first",
            description = "since is the dataVersion of a completeness answer; only what was received strictly after it "
                    + "is listed. A page of up to limit (1..1,000, default 1,000); when more follow, Link: rel=\"next\" "
                    + "gives the next page. A malformed period or since, a period not begun, a bad limit or cursor: 400.")
    @Get
    public HttpResponse<List<DataChange>> list(@QueryValue String period, @QueryValue @Nullable String since,
                                               @QueryValue @Nullable String limit, @QueryValue @Nullable String cursor,
                                               HttpRequest<?> request) {
        Period p = Period.parse(period);
        Instant after = DataVersion.parse(since);
        PageRequest page = PageRequest.of(DataChanges.LIST, DataChanges.KEY_PARTS, limit, cursor);
        return DataChanges.page(changes.since(p, after), page).respond(request);
    }
}
