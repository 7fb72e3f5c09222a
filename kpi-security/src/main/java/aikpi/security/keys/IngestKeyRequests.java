package aikpi.security.keys;

import aikpi.platform.problem.ProblemResponses;
import aikpi.platform.problem.RetryLaterException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Around the security filter, for requests that carry an ingest key ({@link PresentedKey}): a key past
 * its rate limit is answered 429 with {@code Retry-After} before it is even looked up (a runaway client costs no
 * database read), and every refusal of a key (401, 403) is counted on {@code /prometheus} by its reason.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(bean = IngestKeys.class)
public class IngestKeyRequests implements Ordered {

    private final IngestKeys keys;

    public IngestKeyRequests(IngestKeys keys) {
        this.keys = keys;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        String key = PresentedKey.of(request);
        if (key == null) {
            return null;
        }
        return keys.overLimit(key).map(wait -> {
            RetryLaterException refusal = IngestKeys.rateLimited(wait);
            return ProblemResponses.retryLater(refusal.status(), refusal.title(), refusal.getMessage(),
                    refusal.retryAfterSeconds());
        }).orElse(null);
    }

    @ResponseFilter
    public void count(HttpRequest<?> request, MutableHttpResponse<?> response) {
        IngestKeys.Verdict verdict = request.getAttribute(IngestKeyAuthenticationFetcher.VERDICT, IngestKeys.Verdict.class)
                .orElse(null);
        if (verdict == null || PresentedKey.of(request) == null) {
            return;
        }
        if (verdict.refusal() != null) {
            keys.count(verdict.refusal());
        } else if (response.code() == HttpStatus.FORBIDDEN.getCode()) {
            keys.count(IngestKeys.Refusal.NOT_ITS_STREAM);
        }
    }
}
