package aikpi.platform.store;

import aikpi.platform.problem.ProblemResponses;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Duration;

/**
 * Answers every API request with 503 (problem+json, {@code Retry-After}) while the service's derived figures are not
 * ready: a summary read mid-recut would be short, and a write would be advanced into a table being rebuilt. The
 * standard formats' own paths under {@code /v1} (OTLP, Segment) too; {@code /health} and the metrics keep answering.
 */
@ServerFilter({"/api/**", "/v1/**"})
@Requires(beans = DerivedFiguresGuard.class)
public class FiguresReadinessFilter {

    /** When a refused client may try again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private final FiguresReadiness readiness;

    public FiguresReadinessFilter(FiguresReadiness readiness) {
        this.readiness = readiness;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseUntilReady() {
        return readiness.reason()
                .map(why -> ProblemResponses.unavailable("The service's figures are not ready: " + why, RETRY_AFTER))
                .orElse(null);
    }
}
