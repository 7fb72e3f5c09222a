package aikpi.quark.apps;

import aikpi.platform.problem.NotFoundException;
import aikpi.security.audit.AuditedWrite;
import aikpi.security.Roles;
import aikpi.vocabulary.CalendarDates;
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

    private final AppService apps;
    private final AppRepository repository;

    public AppController(AppService apps, AppRepository repository) {
        this.apps = apps;
        this.repository = repository;
    }

    @Operation(summary = "Create or replace an app",
            description = "201 when created, 200 when replaced. Moving an app to another business unit recounts "
                    + "the users of both units, so the units' totals stay exact.")
    @Secured(Roles.QUARK_WRITER)
    @AuditedWrite
    @Put("/{appId}")
    public HttpResponse<App> put(@PathVariable @Pattern(regexp = SLUG, message = "must be a lower-case slug") String appId,
                                 @Body @Valid AppRequest request) {
        CalendarDates.check("launchedOn", request.launchedOn());
        AppService.Saved saved = apps.put(new App(appId, request.name(), request.businessUnit(), request.launchedOn()));
        return saved.created() ? HttpResponse.created(saved.app()) : HttpResponse.ok(saved.app());
    }

    @Operation(summary = "List apps")
    @Get
    public List<App> list() {
        return repository.findAllOrderByAppId();
    }

    @Operation(summary = "One app")
    @Get("/{appId}")
    public App get(@PathVariable String appId) {
        return repository.findById(appId).orElseThrow(() -> new NotFoundException("app", appId));
    }
}
