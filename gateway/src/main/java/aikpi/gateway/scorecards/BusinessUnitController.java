package aikpi.gateway.scorecards;

import aikpi.gateway.scorecards.BusinessUnitScorecards.ScorecardView;
import aikpi.gateway.targets.TargetRules;
import aikpi.security.Roles;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.Slug;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;

@Tag(name = "executive view")
@Controller("/api/v1/executive/business-units")
public class BusinessUnitController {

    private final BusinessUnitScorecards scorecards;

    public BusinessUnitController(BusinessUnitScorecards scorecards) {
        this.scorecards = scorecards;
    }

    @Operation(summary = "One scorecard per business unit: AI features, sessions, resolution, conversions, tokens, "
            + "cloud spend, and how each moved on the previous period (executives)")
    @Secured(Roles.EXECUTIVE)
    @Get
    public CompletableFuture<ScorecardView> scorecards(@QueryValue String period) {
        return scorecards.scorecards(Period.parse(period));
    }

    @Operation(summary = "One business unit's scorecard (executives, and that unit's lead)")
    @Secured({Roles.EXECUTIVE, Roles.BU_LEAD})
    @Get("/{businessUnit}")
    public CompletableFuture<ScorecardView> scorecard(@PathVariable String businessUnit, @QueryValue String period,
                                                      Authentication caller) {
        String unit = Slug.require("businessUnit", businessUnit);
        if (!mayRead(caller, unit)) {
            throw new AuthorizationException(caller);
        }
        return scorecards.scorecard(Period.parse(period), unit);
    }

    /**
     * Executives read every scope; a BU lead only the business unit its token names. The group's own scope is never a
     * lead's, even for a token whose unit claim says {@code group}: that names no business unit.
     */
    public static boolean mayRead(Authentication caller, String scope) {
        if (caller.getRoles().contains(Roles.EXECUTIVE)) {
            return true;
        }
        return caller.getRoles().contains(Roles.BU_LEAD) && !TargetRules.GROUP.equals(scope)
                && scope.equals(caller.getAttributes().get(Roles.BUSINESS_UNIT_CLAIM));
    }
}
