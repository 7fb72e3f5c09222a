package aikpi.gateway.reviews;

import aikpi.gateway.scorecards.BusinessUnitController;
import aikpi.gateway.targets.TargetRules;
import aikpi.security.Roles;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;

@Tag(name = "reviews")
@Controller("/api/v1/executive/reviews")
// The targets in force are read over JDBC before the sources are asked: off the event loop.
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReviewController {

    private final ReviewService reviews;
    private final TargetRules rules;

    public ReviewController(ReviewService reviews, TargetRules rules) {
        this.reviews = reviews;
        this.rules = rules;
    }

    @Operation(summary = "Every scope's targets in force for a quarter or a fiscal year: actual, attainment, pace, "
            + "status, whether its quality floor held, and each scope's score, the business units ranked (executives)",
            description = "period: a calendar (2025-Q3) or fiscal (FY2026-Q2) quarter, or a fiscal year (FY2026). "
                    + "The rules (cap, thresholds, pro-rating) are in docs/REVIEWS.md.")
    @Secured(Roles.EXECUTIVE)
    @Get
    public CompletableFuture<Review> all(@QueryValue String period) {
        return reviews.review(period, null);
    }

    @Operation(summary = "One scope's review (executives, and the unit's lead)")
    @Secured({Roles.EXECUTIVE, Roles.BU_LEAD})
    @Get("/{scope}")
    public CompletableFuture<Review> one(@PathVariable String scope, @QueryValue String period, Authentication caller) {
        rules.checkScope(scope);
        if (!BusinessUnitController.mayRead(caller, scope)) {
            throw new AuthorizationException(caller);
        }
        return reviews.review(period, scope);
    }
}
