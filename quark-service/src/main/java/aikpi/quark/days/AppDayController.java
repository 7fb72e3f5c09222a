package aikpi.quark.days;

import aikpi.security.Roles;
import aikpi.security.keys.IngestStreams;
import aikpi.security.audit.AuditedWrite;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;

@Tag(name = "daily aggregates")
@Secured({Roles.SERVICE, Roles.QUARK_WRITER})
@Controller("/api/v1/apps/{appId}/days")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AppDayController {

    private final AppDayService days;

    public AppDayController(AppDayService days) {
        this.days = days;
    }

    @Operation(summary = "One day of an app fed by daily aggregates, from its pipeline",
            description = "Body: {installs, opens, aiSessions: {sessions, turns, agentCalls, resolved, abandoned, "
                    + "escalated, unknown, rated, ratingSum, converted, conversionValueCny}, activeUsers, newUsers, "
                    + "aiUsers: base64 of HllSketch.toCompactByteArray() (Apache DataSketches, lgK up to 21), "
                    + "activeUsersTheta?: base64 of a Theta CompactSketch.toByteArray()}. 201 for the day's first "
                    + "version; 200 when it replaces the day (the replaced version is kept, see GET) or repeats its "
                    + "figures (nothing changes). 400 naming every wrong field (sketches that do not deserialise, of "
                    + "another family or lgK over 21, negative counts, outcomes that do not add up to the sessions, a "
                    + "day in the future), 404 for an unknown app, 409 for an app fed by events; nothing is stored.")
    @Secured({Roles.QUARK_WRITER, IngestStreams.QUARK_DAYS})
    @AuditedWrite
    @Put("/{date}")
    public HttpResponse<DayView> put(@PathVariable String appId, @PathVariable LocalDate date, @Body DayRequest body) {
        AppDayService.Stored stored = days.put(appId, date, body);
        return stored.created() ? HttpResponse.created(stored.day()) : HttpResponse.ok(stored.day());
    }

    @Operation(summary = "A stored day: the version counted now and the versions it replaced")
    @Get("/{date}")
    public DayView get(@PathVariable String appId, @PathVariable LocalDate date) {
        return days.get(appId, date);
    }
}
