package aikpi.gateway.targets;

import aikpi.gateway.scorecards.BusinessUnitController;
import aikpi.gateway.targets.TargetService.Outcome;
import aikpi.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

@Tag(name = "targets")
@Controller("/api/v1/targets")
// Targets are read and written over JDBC: off the event loop.
@ExecuteOn(TaskExecutors.BLOCKING)
public class TargetController {

    /** Says whether a PUT made a new version ({@code false}: the target already said this). */
    public static final String CHANGED_HEADER = "X-Target-Changed";

    private final TargetService targets;
    private final TargetRules rules;

    public TargetController(TargetService targets, TargetRules rules) {
        this.targets = targets;
        this.rules = rules;
    }

    /** The targets of a fiscal year, or of one scope in it. */
    @Serdeable
    public record TargetList(String fiscalYear, List<Target> targets) {
    }

    @Operation(summary = "Set a target for a KPI of the group or of a business unit in a fiscal year (executives)",
            description = "201 with the first version, 200 with a new version when the target changed, 200 with the "
                    + "current version (unchanged) when it says what the current one says.")
    @Secured(Roles.EXECUTIVE)
    @Put("/{fiscalYear}/{scope}/{kpiId}")
    public HttpResponse<Target> put(@PathVariable String fiscalYear, @PathVariable String scope,
                                    @PathVariable String kpiId, @Body TargetRequest body, Authentication caller) {
        int year = FiscalYears.parse(fiscalYear);
        Outcome outcome = targets.put(year, scope, kpiId, body, caller.getName());
        Target t = outcome.target();
        HttpStatus status = outcome.created() ? HttpStatus.CREATED : HttpStatus.OK;
        return HttpResponse.<Target>status(status).body(t)
                .header("Location", "/api/v1/targets/" + t.fiscalYear() + "/" + t.scope() + "/" + t.kpiId())
                .header(CHANGED_HEADER, Boolean.toString(outcome.changed()));
    }

    @Operation(summary = "The current target (executives, and the unit's lead)")
    @Secured({Roles.EXECUTIVE, Roles.BU_LEAD})
    @Get("/{fiscalYear}/{scope}/{kpiId}")
    public Target get(@PathVariable String fiscalYear, @PathVariable String scope, @PathVariable String kpiId,
                      Authentication caller) {
        int year = readable(fiscalYear, scope, caller);
        return targets.get(year, scope, kpiId);
    }

    @Operation(summary = "Every version of a target, oldest first, with who set it and when")
    @Secured({Roles.EXECUTIVE, Roles.BU_LEAD})
    @Get("/{fiscalYear}/{scope}/{kpiId}/history")
    public TargetList history(@PathVariable String fiscalYear, @PathVariable String scope, @PathVariable String kpiId,
                              Authentication caller) {
        int year = readable(fiscalYear, scope, caller);
        return new TargetList(FiscalYears.label(year), targets.history(year, scope, kpiId));
    }

    @Operation(summary = "Every current target of a fiscal year (executives)")
    @Secured(Roles.EXECUTIVE)
    @Get("/{fiscalYear}")
    public TargetList year(@PathVariable String fiscalYear) {
        int year = FiscalYears.parse(fiscalYear);
        return new TargetList(FiscalYears.label(year), targets.of(year));
    }

    @Operation(summary = "The current targets of one scope in a fiscal year (executives, and the unit's lead)")
    @Secured({Roles.EXECUTIVE, Roles.BU_LEAD})
    @Get("/{fiscalYear}/{scope}")
    public TargetList scope(@PathVariable String fiscalYear, @PathVariable String scope, Authentication caller) {
        int year = readable(fiscalYear, scope, caller);
        return new TargetList(FiscalYears.label(year), targets.of(year, scope));
    }

    private int readable(String fiscalYear, String scope, Authentication caller) {
        int year = FiscalYears.parse(fiscalYear);
        rules.checkScope(scope);
        if (!BusinessUnitController.mayRead(caller, scope)) {
            throw new AuthorizationException(caller);
        }
        return year;
    }
}
