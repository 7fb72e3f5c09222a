package aikpi.gateway.notify.outbox;

import aikpi.gateway.notify.channels.Channel;
import aikpi.gateway.notify.channels.DeliveryException;
import aikpi.gateway.notify.channels.Recipient;
import aikpi.gateway.notify.outbox.NotificationStore.Claimed;
import aikpi.gateway.notify.subscriptions.StandingSubscriptions;
import aikpi.gateway.notify.subscriptions.Subscription;
import aikpi.gateway.notify.subscriptions.SubscriptionSecrets;
import aikpi.gateway.notify.subscriptions.SubscriptionStore;
import aikpi.platform.store.RetryPolicy;
import aikpi.platform.store.Transactions;
import io.cloudevents.CloudEvent;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. A round claims as many due rows as the delivery pool has room for (a bounded few per thread,
 * so a claimed row does not wait out its lease in a queue), in a short transaction of its own ({@link NotificationStore#claim}: SKIP LOCKED
 * and a lease), and hands each to its subscription's {@link Channel} on the pool; the round itself never waits for a
 * receiver. Each receiver (scheme, host and port) has a circuit: a receiver that keeps failing is not called until
 * its circuit half-opens, its rows deferred without using an attempt, so a dead receiver costs others nothing. A
 * failed delivery is due again after the one back-off of the suite ({@link RetryPolicy}: full jitter, doubling to a
 * ceiling), or DEAD after the last attempt or at once when the failure is permanent. Delivery is at least once: a
 * dispatcher killed between delivering and marking leaves the row to be sent again after its lease, with the same
 * notice id for the receiver to dedup on.
 */
@Singleton
public class NotificationDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final Transactions transactions;
    private final NotificationStore store;
    private final SubscriptionStore subscriptions;
    private final StandingSubscriptions standing;
    private final SubscriptionSecrets secrets;
    private final NoticeEvents events;
    private final Map<String, Channel> channels;
    private final Clock clock;
    private final RetryPolicy backOff;
    private final Duration lease;
    private final Duration circuitReset;
    private final Semaphore free;
    private final ExecutorService pool;
    private final CircuitBreakerRegistry circuits;
    /** Who claims: one id per dispatcher, so a claim's outcome is written only by the dispatcher that holds it. */
    private final String claimant = UUID.randomUUID().toString();

    @Inject
    public NotificationDispatcher(Transactions transactions, NotificationStore store, SubscriptionStore subscriptions,
                                  StandingSubscriptions standing,
                                  SubscriptionSecrets secrets, NoticeEvents events, List<Channel> channels, Clock clock,
                                  @Value("${gateway.notify.max-attempts:8}") int maxAttempts,
                                  @Value("${gateway.notify.retry-base-delay:30s}") Duration retryBase,
                                  @Value("${gateway.notify.retry-max-delay:1h}") Duration retryMax,
                                  @Value("${gateway.notify.lease:2m}") Duration lease,
                                  @Value("${gateway.notify.delivery-threads:4}") int threads,
                                  @Value("${gateway.notify.circuit-reset:1m}") Duration circuitReset) {
        this.transactions = transactions;
        this.store = store;
        this.subscriptions = subscriptions;
        this.standing = standing;
        this.secrets = secrets;
        this.events = events;
        this.channels = channels.stream().collect(Collectors.toMap(Channel::name, Function.identity()));
        this.clock = clock;
        this.backOff = new RetryPolicy(maxAttempts, retryBase, retryMax);
        this.lease = lease;
        this.circuitReset = circuitReset;
        // Rows in flight per replica: a few per thread, so a round keeps the pool busy until the next, and a claimed row
        // waits at most a few timeouts in the queue, well within its lease.
        this.free = new Semaphore(threads * 4);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "notify-delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.circuits = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(10).minimumNumberOfCalls(5).failureRateThreshold(50)
                .waitDurationInOpenState(circuitReset).permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> e instanceof DeliveryException d && d.retryable())
                .build());
    }

    /**
     * One round: claims what the pool can take now (four rows a thread in flight at most) and starts delivering it;
     * the future completes when all were settled.
     */
    public CompletableFuture<Void> dispatchDue() {
        int slots = free.availablePermits();
        if (slots == 0) {
            return CompletableFuture.completedFuture(null);
        }
        Instant now = clock.instant();
        List<Claimed> claimed = transactions.write(c -> store.claim(c, now, now.plus(lease), slots, claimant));
        List<CompletableFuture<Void>> deliveries = new ArrayList<>();
        for (Claimed row : claimed) {
            free.acquireUninterruptibly();
            deliveries.add(CompletableFuture.runAsync(() -> {
                try {
                    deliver(row);
                } catch (RuntimeException e) {
                    // The row's lease runs out and another round tries it again.
                    LOG.warn("Notification {} could not be settled: {}", row.id(), e.toString());
                } finally {
                    free.release();
                }
            }, pool));
        }
        return CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new));
    }

    private void deliver(Claimed row) {
        Optional<Subscription> found = standing.find(row.subscriptionId())
                .or(() -> transactions.read(c -> subscriptions.find(c, row.subscriptionId())));
        if (found.isEmpty()) {
            settle(row, DeliveryException.permanent("the subscription " + row.subscriptionId() + " was deleted"));
            return;
        }
        Subscription to = found.get();
        Channel channel = channels.get(to.channel());
        if (channel == null) {
            settle(row, DeliveryException.permanent("no " + to.channel() + " channel is available in this gateway yet: "
                    + "send it again (POST /api/v1/notifications/{id}/retry) once one is"));
            return;
        }
        String secret;
        try {
            secret = to.secret() == null ? null : secrets.open(to.id(), to.secret());
        } catch (IllegalStateException e) {
            settle(row, DeliveryException.permanent(e.getMessage()));
            return;
        }
        CloudEvent notice = events.read(row.payload().getBytes(StandardCharsets.UTF_8));
        CircuitBreaker circuit = circuits.circuitBreaker(receiver(to));
        try {
            circuit.executeCheckedSupplier(() -> {
                channel.deliver(notice, new Recipient(to.id(), to.target(), secret, to.language()));
                return null;
            });
            transactions.write(c -> store.sent(c, row, clock.instant()));
        } catch (CallNotPermittedException open) {
            transactions.write(c -> store.deferred(c, row, "the receiver's circuit is open after repeated failures",
                    clock.instant().plus(circuitReset)));
        } catch (DeliveryException failure) {
            settle(row, failure);
        } catch (Throwable unexpected) {
            settle(row, DeliveryException.retryable(unexpected.toString()));
        }
    }

    private void settle(Claimed row, DeliveryException failure) {
        boolean last = !failure.retryable() || row.attempt() >= backOff.maxAttempts();
        Instant next = last ? null : clock.instant().plus(backOff.delayBefore(row.attempt(),
                () -> ThreadLocalRandom.current().nextDouble()));
        String error = "attempt " + row.attempt() + ": " + failure.getMessage();
        transactions.write(c -> store.failed(c, row, error, next));
        if (last) {
            LOG.warn("Notification {} (notice {}) is DEAD: {}", row.id(), row.noticeId(), error);
        }
    }

    /** The receiver a circuit guards: the target's scheme, host and port (an address for email). */
    private static String receiver(Subscription s) {
        if (s.target().contains("://")) {
            URI url = URI.create(s.target());
            return s.channel() + ":" + url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost() + ":" + url.getPort();
        }
        return s.channel() + ":" + s.target().substring(s.target().indexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
