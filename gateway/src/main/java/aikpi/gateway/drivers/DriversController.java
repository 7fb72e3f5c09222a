package aikpi.gateway.drivers;

import aikpi.gateway.scorecards.BusinessUnitController;
import aikpi.gateway.targets.TargetRules;
import aikpi.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.concurrent.CompletableFuture;

@Tag(name = "drivers")
@Controller("/api/v1/executive")
public class DriversController {

    private final KpiDrivers drivers;
    private final TargetRules rules;

    public DriversController(KpiDrivers drivers, TargetRules rules) {
        this.drivers = drivers;
        this.rules = rules;
    }

    @Operation(summary = "What moved a KPI between two periods: its change split over the members of a dimension "
            + "(executives; a unit's lead with scope=<its unit>)",
            description = "by: unit, app, feature, customer, customerKind, model, product, purpose or platform, as "
                    + "the KPI allows (GET /api/v1/executive/drivers/dimensions). compareTo: an earlier period of the "
                    + "same kind (default: the one before). A sum's member contributes its change; a ratio's its rate effect "
                    + "plus its mix effect (shift-share, midpoint form); the AI lift's its contribution to the AI users' "
                    + "retention less that to the others', in points. The top members by absolute contribution, "
                    + "the rest as others; residual: what the source cannot break down, with why. change = Σ "
                    + "contributions + rounding, exactly (docs/DRIVERS.md).")
    @Secured({Roles.EXECUTIVE, Roles.BU_LEAD})
    @Get("/kpis/{kpiId}/drivers")
    public CompletableFuture<Drivers> drivers(@PathVariable String kpiId, @QueryValue String period,
                                              @Nullable @QueryValue String by, @Nullable @QueryValue String compareTo,
                                              @Nullable @QueryValue String scope, @Nullable @QueryValue Integer top,
                                              Authentication caller) {
        DriverRequest request = DriverRequest.check(kpiId, by, scope, period, compareTo, top, rules.scopes());
        checkReader(caller, request.scope());
        return drivers.drivers(request);
    }

    @Operation(summary = "A KPI in one period split over the members of a dimension, for drilling down from the "
            + "group to a unit and from a unit to its apps, features, models or products (executives; a unit's "
            + "lead with scope=<its unit>)",
            description = "A member that is a business unit names its drill-down: the same request with "
                    + "scope=<unit> and one of the dimensions offered within a unit.")
    @Secured({Roles.EXECUTIVE, Roles.BU_LEAD})
    @Get("/breakdown")
    public CompletableFuture<BreakdownView> breakdown(@QueryValue String kpi, @QueryValue String period,
                                                      @Nullable @QueryValue String by,
                                                      @Nullable @QueryValue String scope, Authentication caller) {
        DriverRequest request = DriverRequest.check(kpi, by, scope, period, null, null, rules.scopes());
        checkReader(caller, request.scope());
        return drivers.breakdown(request);
    }

    @Operation(summary = "Which KPI can be split over which dimension, for the group and within a business unit")
    @Secured({Roles.EXECUTIVE, Roles.BU_LEAD})
    @Get("/drivers/dimensions")
    public List<KpiDrivers.TableRow> dimensions() {
        return KpiDrivers.table();
    }

    private static void checkReader(Authentication caller, String scope) {
        if (!BusinessUnitController.mayRead(caller, scope)) {
            throw new AuthorizationException(caller);
        }
    }
}
