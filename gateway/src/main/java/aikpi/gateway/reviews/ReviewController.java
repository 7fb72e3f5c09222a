package aikpi.gateway.reviews;

import aikpi.gateway.reviews.seals.ReviewChanges;
import aikpi.gateway.reviews.seals.ReviewSeal;
import aikpi.gateway.reviews.seals.ReviewSealStore;
import aikpi.gateway.reviews.seals.ReviewSeals;
import aikpi.gateway.reviews.seals.ReviewSeals.View;
import aikpi.gateway.reviews.seals.SealComparison;
import aikpi.gateway.reviews.seals.SealRequest;
import aikpi.gateway.reviews.seals.SealedSource;
import aikpi.gateway.scorecards.BusinessUnitController;
import aikpi.gateway.targets.TargetRules;
import aikpi.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

@Tag(name = "reviews")
@Controller("/api/v1/executive/reviews")
// The targets in force and the seals are read over JDBC before the sources are asked: off the event loop.
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReviewController {

    private final ReviewSeals seals;
    private final SealComparison comparison;
    private final TargetRules rules;

    public ReviewController(ReviewSeals seals, SealComparison comparison, TargetRules rules) {
        this.seals = seals;
        this.comparison = comparison;
        this.rules = rules;
    }

    /** A stored seal, as its {@code POST} answers it. */
    @Serdeable
    public record SealReceipt(String period, int version, Instant sealedAt, String sealedBy,
                              @Nullable String reason, boolean forced,
                              Map<String, SealedSource> sources) {
        static SealReceipt of(ReviewSeal s) {
            return new SealReceipt(s.period(), s.version(), s.sealedAt(), s.sealedBy(), s.reason(), s.forced(),
                    s.sources());
        }
    }

    @Operation(summary = "Every scope's targets in force for a quarter or a fiscal year: actual, attainment, pace, "
            + "status, whether its quality floor held, and each scope's score, the business units ranked (executives)",
            description = "period: a calendar (2025-Q3) or fiscal (FY2026-Q2) quarter, or a fiscal year (FY2026). "
                    + "A sealed period answers its latest sealed version (sealed: version, when, who, why); "
                    + "as=live the live computation; version=N that sealed version. "
                    + "The rules (cap, thresholds, pro-rating, seals) are in docs/REVIEWS.md.")
    @Secured(Roles.EXECUTIVE)
    @Get
    public CompletableFuture<Review> all(@QueryValue String period, @Nullable @QueryValue String as,
                                         @Nullable @QueryValue Integer version) {
        return seals.review(period, null, View.parse(as), version);
    }

    @Operation(summary = "One scope's review, sealed or live as for every scope (executives, and the unit's lead)")
    @Secured({Roles.EXECUTIVE, Roles.BU_LEAD})
    @Get("/{scope}")
    public CompletableFuture<Review> one(@PathVariable String scope, @QueryValue String period,
                                         @Nullable @QueryValue String as, @Nullable @QueryValue Integer version,
                                         Authentication caller) {
        rules.checkScope(scope);
        if (!BusinessUnitController.mayRead(caller, scope)) {
            throw new AuthorizationException(caller);
        }
        return seals.review(period, scope, View.parse(as), version);
    }

    @Operation(summary = "Seal an ended quarter's or fiscal year's review as it stands (executives)",
            description = "201 with the version stored. 409 while a source is not final for the period (unless "
                    + "force with a reason), while the period runs, or when another seal took the version first; "
                    + "503 when a source does not answer. Sealing again makes the next version and needs a reason.")
    @Secured(Roles.EXECUTIVE)
    @Post("/{period}/seal")
    public HttpResponse<SealReceipt> seal(@PathVariable String period, @Nullable @Body SealRequest body,
                                          Authentication caller) {
        ReviewSeal seal = seals.seal(period, body, caller.getName());
        return HttpResponse.<SealReceipt>status(HttpStatus.CREATED).body(SealReceipt.of(seal))
                .header("Location", "/api/v1/executive/reviews?period=" + seal.period() + "&version=" + seal.version());
    }

    @Operation(summary = "Every sealed version of a period, oldest first (executives)")
    @Secured(Roles.EXECUTIVE)
    @Get("/{period}/seals")
    public List<ReviewSealStore.Summary> versions(@PathVariable String period) {
        return seals.versions(period);
    }

    @Operation(summary = "What differs between a sealed review and the live one, and why (executives)",
            description = "Every KPI whose figures moved, with both values and the difference; each scope's score and "
                    + "rank before and now; and the causes: what each source received since its data version at the "
                    + "seal, and the target versions set since. version: a sealed version (the latest by default).")
    @Secured(Roles.EXECUTIVE)
    @Get("/{period}/changes")
    public CompletableFuture<ReviewChanges> changes(@PathVariable String period,
                                                    @Nullable @QueryValue Integer version) {
        return comparison.changes(period, version);
    }
}
