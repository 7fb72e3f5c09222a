package aikpi.gateway.sources;

import aikpi.platform.problem.RetryLaterException;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What every call of the gateway to a source passes through, so that a burst of requests cannot bury the sources (1,000
 * concurrent cold views once made 6,000 calls, and every one timed out). Identical work in flight is shared: the
 * first caller starts it, every identical caller joins it until it is done; so is an identical view being computed.
 * And each source has at most {@code max-concurrent-calls} calls in flight. A call beyond that waits for a slot, first
 * come first served, behind at most {@code max-queued-calls} others and for at most {@code max-queue-wait}: one view
 * that fans out into more calls than there are slots (a fiscal year's review with its quarters, drivers and
 * projections) is answered whole. Past either bound the call is refused, a 503 with {@code Retry-After}, instead of
 * queueing behind the others until all of them time out.
 */
@Singleton
public class SourceCalls {

    private final ConcurrentMap<String, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();
    private final Map<Source, Lane> lanes = new EnumMap<>(Source.class);
    private final int maxConcurrentCalls;
    private final int maxQueuedCalls;
    private final Duration maxQueueWait;
    private final Duration retryAfter;

    public SourceCalls(@Value("${gateway.sources.max-concurrent-calls:32}") int maxConcurrentCalls,
                       @Value("${gateway.sources.max-queued-calls:256}") int maxQueuedCalls,
                       @Value("${gateway.sources.max-queue-wait:1s}") Duration maxQueueWait,
                       @Value("${gateway.sources.busy-retry-after:2s}") Duration retryAfter) {
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("gateway.sources.max-concurrent-calls must be at least 1");
        }
        if (maxQueuedCalls < 0) {
            throw new IllegalArgumentException("gateway.sources.max-queued-calls must not be negative");
        }
        this.maxConcurrentCalls = maxConcurrentCalls;
        this.maxQueuedCalls = maxQueuedCalls;
        this.maxQueueWait = maxQueueWait;
        this.retryAfter = retryAfter;
        for (Source s : Source.values()) {
            lanes.put(s, new Lane());
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
     * Starts {@code call} when {@code source} has a free slot, which it holds until the call completes. Without one the
     * call waits its turn (see the class comment); a call that cannot wait, or waits too long, fails with a 503
     * {@link RetryLaterException}, and one whose caller gave up while it waited is never made.
     */
    public <T> CompletableFuture<T> bounded(Source source, Supplier<CompletableFuture<T>> call) {
        Lane lane = lanes.get(source);
        CompletableFuture<T> answer = new CompletableFuture<>();
        AtomicBoolean taken = new AtomicBoolean();
        Runnable start = () -> {
            // Holding a slot: the call is made unless its wait ran out or its caller gave up meanwhile.
            if (!taken.compareAndSet(false, true) || answer.isDone()) {
                lane.release();
                return;
            }
            CompletableFuture<T> started;
            try {
                started = call.get();
            } catch (RuntimeException e) {
                lane.release();
                answer.completeExceptionally(e);
                return;
            }
            started.whenComplete((value, failure) -> {
                lane.release();
                if (failure != null) {
                    answer.completeExceptionally(failure);
                } else {
                    answer.complete(value);
                }
            });
        };
        switch (lane.enter(start)) {
            case STARTS -> start.run();
            case WAITS -> CompletableFuture.delayedExecutor(maxQueueWait.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (taken.compareAndSet(false, true)) {
                    answer.completeExceptionally(busy(source));
                }
            });
            case REFUSED -> answer.completeExceptionally(busy(source));
        }
        return answer;
    }

    private enum Entry { STARTS, WAITS, REFUSED }

    /** One source's slots, and the calls waiting for one in the order they came. */
    private final class Lane {
        private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
        private int inFlight;

        synchronized Entry enter(Runnable start) {
            if (inFlight < maxConcurrentCalls) {
                inFlight++;
                return Entry.STARTS;
            }
            if (waiting.size() < maxQueuedCalls) {
                waiting.add(start);
                return Entry.WAITS;
            }
            return Entry.REFUSED;
        }

        /** Frees a slot, or hands it to the call that has waited longest (which frees it at once if it gave up). */
        void release() {
            Runnable next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    inFlight--;
                }
            }
            if (next != null) {
                next.run();
            }
        }

        synchronized int inFlight() {
            return inFlight;
        }
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
        return lanes.get(source).inFlight();
    }

    private RetryLaterException busy(Source source) {
        return new RetryLaterException(HttpStatus.SERVICE_UNAVAILABLE, "Gateway busy", "The gateway is already "
                + "waiting for as many answers from " + source.serviceId() + " as it asks of it at once ("
                + maxConcurrentCalls + ", and " + maxQueuedCalls + " more waiting their turn); try again in "
                + retryAfterText() + ".", retryAfter);
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
