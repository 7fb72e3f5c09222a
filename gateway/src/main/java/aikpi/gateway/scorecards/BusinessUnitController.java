package aikpi.gateway.scorecards;

import aikpi.gateway.scorecards.BusinessUnitScorecards.ScorecardView;
import aikpi.vocabulary.Period;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
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
            + "cloud spend, and how each moved on the previous period")
    @Get
    public CompletableFuture<ScorecardView> scorecards(@QueryValue String period) {
        return scorecards.scorecards(Period.parse(period));
    }
}
