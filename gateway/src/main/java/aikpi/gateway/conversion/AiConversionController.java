package aikpi.gateway.conversion;

import aikpi.gateway.sources.ServerTiming;
import aikpi.security.Roles;
import aikpi.vocabulary.Period;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.concurrent.CompletableFuture;

@Tag(name = "executive view")
@Secured(Roles.EXECUTIVE)
@Controller("/api/v1/executive/ai-conversion")
public class AiConversionController {

    private final AiConversionService conversion;

    public AiConversionController(AiConversionService conversion) {
        this.conversion = conversion;
    }

    @Operation(summary = "Is AI turning into users, usage and cloud revenue? One period (quarter, calendar or fiscal; or month)",
            description = "Asks the three services in parallel. A source that fails or is slow leaves its figures null "
                    + "and is marked in `sources` (complete=false); only when all three fail is the answer 503.")
    @ApiResponse(responseCode = "200", description = "The view; the Server-Timing header says how long each source call took",
            content = @Content(schema = @Schema(implementation = AiConversionView.class)))
    @Get
    public CompletableFuture<HttpResponse<AiConversionView>> view(@QueryValue String period) {
        return conversion.timedView(Period.parse(period)).thenApply(timed -> {
            MutableHttpResponse<AiConversionView> answer = HttpResponse.ok(timed.view());
            if (!timed.timings().isEmpty()) {
                answer.header(ServerTiming.HEADER, ServerTiming.header(timed.timings()));
            }
            return answer;
        });
    }

    @Operation(summary = "The headline figures per quarter, from one quarter to another")
    @Get("/trend")
    public CompletableFuture<List<TrendPoint>> trend(@QueryValue String from, @QueryValue String to) {
        return conversion.trend(Period.parse(from), Period.parse(to));
    }
}
