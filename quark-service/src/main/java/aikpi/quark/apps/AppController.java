package aikpi.quark.apps;

import aikpi.platform.paging.PageRequest;
import aikpi.platform.problem.NotFoundException;
import aikpi.security.audit.AuditedWrite;
import aikpi.security.Roles;
import aikpi.vocabulary.CalendarDates;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.List;

@Tag(name = "apps")
@Secured({Roles.SERVICE, Roles.QUARK_WRITER})
@Controller("/api/v1/apps")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AppController {

    /** App and feature ids are lower-case slugs. */
    public static final String SLUG = "[a-z0-9][a-z0-9.\\-]{0,63}";
    /** Business unit ids are lower-case slugs, the same in every service. */
    static final String BUSINESS_UNIT = "[a-z0-9][a-z0-9\\-]{0,63}";
    /** iOS bundle identifiers and Android package names, as SDKs send them in {@code context.app.namespace}. */
    static final String BUNDLE_ID = "[A-Za-z0-9][A-Za-z0-9._\\-]{0,254}";
    static final int MAX_BUNDLE_IDS = 50;

    private final AppService apps;

    public AppController(AppService apps) {
        this.apps = apps;
    }

    @Operation(summary = "Create or replace an app",
            description = "201 when created, 200 when replaced (whole: what is left out takes its default). Moving an "
                    + "app to another business unit recounts the users of both units, so the units' totals stay exact. "
                    + "feed: EVENTS (default) or AGGREGATES, changed only while the app holds no figures of its "
                    + "present feed; bundleIds: the context.app.namespace values of its Segment calls, each listed by "
                    + "one app at most. 409 when either rule is broken.")
    @Secured(Roles.QUARK_WRITER)
    @AuditedWrite
    @Put("/{appId}")
    public HttpResponse<AppView> put(@PathVariable @Pattern(regexp = SLUG, message = "must be a lower-case slug") String appId,
                                     @Body @Valid AppRequest request) {
        CalendarDates.check("launchedOn", request.launchedOn());
        AppService.Saved saved = apps.put(new App(appId, request.name(), request.businessUnit(), request.launchedOn(),
                request.feedOrDefault()), request.bundleIdsOrNone());
        return saved.created() ? HttpResponse.created(saved.app()) : HttpResponse.ok(saved.app());
    }

    @Operation(summary = "List apps by id; a page of up to limit (1,000 at most and by default), the next page's "
            + "address in the Link: rel=\"next\" header")
    @Get
    public HttpResponse<List<AppView>> list(@QueryValue @Nullable String limit, @QueryValue @Nullable String cursor,
                                            HttpRequest<?> request) {
        return apps.list(PageRequest.of("apps", 1, limit, cursor)).respond(request);
    }

    @Operation(summary = "One app")
    @Get("/{appId}")
    public AppView get(@PathVariable String appId) {
        return apps.find(appId).orElseThrow(() -> new NotFoundException("app", appId));
    }
}
