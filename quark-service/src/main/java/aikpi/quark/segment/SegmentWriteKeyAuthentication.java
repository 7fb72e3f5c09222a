package aikpi.quark.segment;

import aikpi.security.keys.IngestKeys;
import aikpi.security.keys.IngestStreams;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
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
 * A Segment write key found in the body ({@link SegmentWriteKeyFilter}) authenticates as the ingest key it is, for the
 * segment stream only, so the routes' own {@code @Secured} and the audit trail treat it as a key sent in the header.
 * An unknown, revoked or expired key is 401, a key of another stream or service 403, a key past its rate limit 429.
 */
@Singleton
class SegmentWriteKeyAuthentication implements AuthenticationFetcher<HttpRequest<?>> {

    private final IngestKeys keys;
    private final Scheduler blocking;

    SegmentWriteKeyAuthentication(IngestKeys keys, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.keys = keys;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    @Override
    public int getOrder() {
        return TokenAuthenticationFetcher.ORDER - 100;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        return request.getAttribute(SegmentWriteKeyFilter.WRITE_KEY, String.class)
                .map(key -> Mono.fromCallable(() -> keys.authenticate(request, key, IngestStreams.QUARK_SEGMENT))
                        .subscribeOn(blocking)
                        // Not authenticated: the route's rule answers 401, with the key's refusal as detail.
                        .onErrorResume(AuthorizationException.class, e -> e.isForbidden() ? Mono.error(e) : Mono.empty()))
                .orElseGet(Mono::empty);
    }
}
