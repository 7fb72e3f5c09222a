package aikpi.gateway.sources;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import aikpi.platform.problem.RetryLaterException;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.micronaut.retry.exception.CircuitOpenException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one source for one figure set under the gateway's rules: the whole call, retries included, must finish
 * within the source timeout; a recent answer is reused instead of calling again; when a call fails, the last good
 * answer (up to max-stale old) is served and marked STALE; otherwise the source is marked TIMEOUT or UNAVAILABLE
 * and the view goes on without it. Identical fetches in flight are one call, and a source has a bounded number of
 * calls in flight ({@link SourceCalls}); a fetch refused for that is served from the last good answer if there is one,
 * else it fails with a 503 to retry later. Retries and the circuit breaker themselves live on the declarative clients.
 */
@Singleton
public class SourceFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(SourceFetcher.class);

    private record Answer(Object value, Instant at) {
    }

    private final Duration timeout;
    private final Duration ttl;
    private final Clock clock;
    private final Cache<String, Answer> answers;
    private final SourceCalls calls;
    private volatile Instant freshFrom = Instant.MIN;

    public SourceFetcher(@Value("${gateway.sources.timeout:2s}") Duration timeout,
                         @Value("${gateway.cache.ttl:15s}") Duration ttl,
                         @Value("${gateway.cache.max-stale:1h}") Duration maxStale,
                         Clock clock, SourceCalls calls) {
        this.calls = calls;
        this.timeout = timeout;
        this.ttl = ttl;
        this.clock = clock;
        this.answers = Caffeine.newBuilder().expireAfterWrite(maxStale).maximumSize(10_000).build();
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * From now on, answers taken before {@code from} are no longer reused as fresh (they are still served as the last
     * good answer, STALE, when a source fails): what a seal reads after its data versions is read after them.
     */
    public void requireFreshFrom(Instant from) {
        if (from.isAfter(freshFrom)) {
            freshFrom = from;
        }
    }

    /**
     * @param key  what is asked, e.g. {@code kpis?period=2025-Q1}; the cache key is the source and this key
     * @param call starts the request
     */
    public <T> CompletableFuture<Sourced<T>> fetch(Source source, String key, Supplier<CompletableFuture<T>> call) {
        String cacheKey = source + " " + key;
        Answer cached = answers.getIfPresent(cacheKey);
        Instant now = clock.instant();
        if (cached != null && !ttl.isZero() && cached.at().plus(ttl).isAfter(now) && !cached.at().isBefore(freshFrom)) {
            return CompletableFuture.completedFuture(new Sourced<>(cast(cached.value()), SourceStatus.OK, cached.at(), null));
        }
        return calls.shared(source, key, () -> call(source, key, cacheKey, call));
    }

    private <T> CompletableFuture<Sourced<T>> call(Source source, String key, String cacheKey,
                                                   Supplier<CompletableFuture<T>> call) {
        long startedAt = System.nanoTime();
        return calls.bounded(source, call).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((value, failure) -> {
            Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
            if (failure == null && value != null) {
                Instant at = clock.instant();
                answers.put(cacheKey, new Answer(value, at));
                return new Sourced<>(value, SourceStatus.OK, at, null, took);
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof RetryLaterException busy) {
                Answer last = answers.getIfPresent(cacheKey);
                if (last != null) {
                    return new Sourced<>(cast(last.value()), SourceStatus.STALE, last.at(), busy.getMessage(), took);
                }
                throw busy;
            }
            // An open circuit answers at once, whatever the failures that opened it were: the source is unavailable.
            SourceStatus status = !circuitOpen(failure) && isTimeout(cause) ? SourceStatus.TIMEOUT : SourceStatus.UNAVAILABLE;
            String detail = describe(source, status, cause);
            LOG.warn("{} failed for {}: {}", source.serviceId(), key, detail);
            Answer last = answers.getIfPresent(cacheKey);
            if (last != null) {
                return new Sourced<>(cast(last.value()), SourceStatus.STALE, last.at(), detail, took);
            }
            return new Sourced<>(null, status, null, detail, took);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof CompletionException || cur instanceof ExecutionException) && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur == null ? new IllegalStateException("no answer") : cur;
    }

    private static boolean circuitOpen(Throwable t) {
        for (Throwable cur = t; cur != null; cur = cur.getCause()) {
            if (cur instanceof CircuitOpenException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTimeout(Throwable t) {
        return t instanceof TimeoutException || t instanceof ReadTimeoutException;
    }

    private static String describe(Source source, SourceStatus status, Throwable t) {
        if (status == SourceStatus.TIMEOUT) {
            return source.serviceId() + " did not answer in time";
        }
        if (circuitOpen(t)) {
            return source.serviceId() + " failed repeatedly; its circuit is open";
        }
        if (t instanceof HttpClientResponseException e) {
            return source.serviceId() + " answered " + e.getStatus().getCode();
        }
        return source.serviceId() + " is unreachable";
    }
}
