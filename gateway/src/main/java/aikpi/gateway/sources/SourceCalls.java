package aikpi.gateway.sources;

import aikpi.platform.problem.RetryLaterException;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * What every call of the gateway to a source passes through, so that a burst of requests cannot bury the sources (1,000
 * concurrent cold views once made 6,000 calls, and every one timed out). Identical work in flight is shared: the
 * first caller starts it, every identical caller joins it until it is done; so is an identical view being computed. And each source has at most
 * {@code max-concurrent-calls} calls in flight: a call beyond that is refused at once, a 503 with {@code Retry-After},
 * instead of queueing behind the others until all of them time out.
 */
@Singleton
public class SourceCalls {

    private final ConcurrentMap<String, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();
    private final Map<Source, Semaphore> slots = new EnumMap<>(Source.class);
    private final int maxConcurrentCalls;
    private final Duration retryAfter;

    public SourceCalls(@Value("${gateway.sources.max-concurrent-calls:32}") int maxConcurrentCalls,
                       @Value("${gateway.sources.busy-retry-after:2s}") Duration retryAfter) {
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("gateway.sources.max-concurrent-calls must be at least 1");
        }
        this.maxConcurrentCalls = maxConcurrentCalls;
        this.retryAfter = retryAfter;
        for (Source s : Source.values()) {
            slots.put(s, new Semaphore(maxConcurrentCalls));
        }
    }

    /**
     * Joins the work for {@code key} of {@code source} in flight, or starts it with {@code work}. The work is
     * forgotten as soon as it completes, before its callers are told: a later caller starts afresh (or finds what
     * the work left in a cache).
     */
    public <T> CompletableFuture<T> shared(Source source, String key, Supplier<CompletableFuture<T>> work) {
        return shared(source.serviceId() + " " + key, work);
    }

    /** The same for work of the gateway's own, such as a whole view: {@code key} names it among all work in flight. */
    public <T> CompletableFuture<T> shared(String flightKey, Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> mine = new CompletableFuture<>();
        CompletableFuture<?> running = inFlight.putIfAbsent(flightKey, mine);
        if (running != null) {
            return SourceCalls.<T>cast(running).copy();
        }
        CompletableFuture<T> started;
        try {
            started = work.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((value, failure) -> {
            inFlight.remove(flightKey, mine);
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(value);
            }
        });
        // Each caller gets its own stage: one that is cancelled or completed by its caller leaves the others alone.
        return mine.copy();
    }

    /**
     * Starts {@code call} if {@code source} has a free slot, which it holds until the call completes; otherwise a
     * future failed at once with a 503 {@link RetryLaterException}.
     */
    public <T> CompletableFuture<T> bounded(Source source, Supplier<CompletableFuture<T>> call) {
        Semaphore slot = slots.get(source);
        if (!slot.tryAcquire()) {
            return CompletableFuture.failedFuture(busy(source));
        }
        CompletableFuture<T> started;
        try {
            started = call.get();
        } catch (RuntimeException e) {
            slot.release();
            return CompletableFuture.failedFuture(e);
        }
        return started.whenComplete((value, failure) -> slot.release());
    }

    /**
     * Completes when every one of {@code futures} has completed, or, as soon as one fails, with that failure: a view
     * refused for want of a slot is answered at once, not when the calls that did get one come back.
     */
    public static CompletableFuture<Void> allOf(CompletableFuture<?>... futures) {
        CompletableFuture<Void> all = CompletableFuture.allOf(futures);
        for (CompletableFuture<?> f : futures) {
            f.whenComplete((value, failure) -> {
                if (failure != null) {
                    all.completeExceptionally(failure);
                }
            });
        }
        return all;
    }

    /** Calls now in flight to {@code source}. */
    public int inFlight(Source source) {
        return maxConcurrentCalls - slots.get(source).availablePermits();
    }

    private RetryLaterException busy(Source source) {
        return new RetryLaterException(HttpStatus.SERVICE_UNAVAILABLE, "Gateway busy", "The gateway is already "
                + "waiting for as many answers from " + source.serviceId() + " as it asks of it at once ("
                + maxConcurrentCalls + "); try again in " + retryAfterText() + ".", retryAfter);
    }

    private String retryAfterText() {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return seconds == 1 ? "a second" : seconds + " seconds";
    }

    @SuppressWarnings("unchecked")
    private static <T> CompletableFuture<T> cast(CompletableFuture<?> future) {
        return (CompletableFuture<T>) future;
    }
}
