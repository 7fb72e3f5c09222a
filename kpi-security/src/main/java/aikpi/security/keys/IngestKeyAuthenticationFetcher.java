package aikpi.security.keys;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Micronaut Security's way in for ingest keys ({@link PresentedKey}): a known, live key of this service authenticates
 * with the roles of its streams, so the routes' own {@code @Secured} let it write its streams and nothing else;
 * another service's key authenticates with no role (403 everywhere); an unknown, revoked or expired key with nothing
 * (401). The look-up is a database read, made off the event loop. Runs before the JWT bearer authentication, which a
 * request without a key reaches as before.
 */
@Singleton
@Requires(bean = IngestKeys.class)
public class IngestKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    /** The request attribute holding the presented key's {@link IngestKeys.Verdict}. */
    static final String VERDICT = "kpi.ingest-key.verdict";

    private final IngestKeys keys;
    private final Scheduler blocking;

    public IngestKeyAuthenticationFetcher(IngestKeys keys, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.keys = keys;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public int getOrder() {
        return TokenAuthenticationFetcher.ORDER - 100;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        String key = PresentedKey.of(request);
        if (key == null) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> keys.verify(key)).subscribeOn(blocking).flatMap(verdict -> {
            request.setAttribute(VERDICT, verdict);
            return Mono.justOrEmpty(verdict.authentication());
        });
    }
}
