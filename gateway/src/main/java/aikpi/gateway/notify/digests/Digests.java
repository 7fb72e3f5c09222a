package aikpi.gateway.notify.digests;

import aikpi.gateway.notify.Notice;
import aikpi.gateway.notify.digests.DigestComposer.HeldNotice;
import aikpi.gateway.notify.outbox.NoticeEvents;
import aikpi.gateway.notify.outbox.NotificationStore;
import aikpi.gateway.notify.outbox.NotificationStore.Held;
import aikpi.gateway.notify.outbox.OutboxStore;
import aikpi.gateway.notify.subscriptions.Subscription;
import aikpi.gateway.notify.subscriptions.SubscriptionStore;
import aikpi.gateway.reviews.Review;
import aikpi.gateway.reviews.ReviewService;
import aikpi.platform.store.Transactions;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The digests: for each subscription with a daily or weekly digest whose latest slot (the digest hour,
 * {@code GATEWAY_NOTIFY_DIGEST_AT}, 09:00 by default, in the reporting zone; Mondays for weekly) has passed and has no
 * digest yet, the digest is composed and queued in the outbox in the transaction that marks the notices it tells
 * DIGESTED, so each held notice is told in exactly one digest and a slot makes one digest per subscriber, whatever the
 * replicas or restarts. A subscriber's first digest is the first slot after it subscribed; a slot missed while the
 * gateway was down is made when it is back, the slots before it are not. A subscription that no longer takes digests
 * has its held notices released to go out one by one; one that was deleted has them DEAD.
 */
@Singleton
public class Digests {

    private static final Logger LOG = LoggerFactory.getLogger(Digests.class);

    private final Transactions transactions;
    private final SubscriptionStore subscriptions;
    private final NotificationStore notifications;
    private final OutboxStore outbox;
    private final NoticeEvents events;
    private final ReviewService reviews;
    private final ReportingZone zone;
    private final Clock clock;
    private final LocalTime at;

    public Digests(Transactions transactions, SubscriptionStore subscriptions, NotificationStore notifications,
                   OutboxStore outbox, NoticeEvents events, ReviewService reviews, ReportingZone zone,
                   Clock clock, @Value("${gateway.notify.digest-at:`09:00`}") String at) {
        this.transactions = transactions;
        this.subscriptions = subscriptions;
        this.notifications = notifications;
        this.outbox = outbox;
        this.events = events;
        this.reviews = reviews;
        this.zone = zone;
        this.clock = clock;
        this.at = LocalTime.parse(at);
    }

    /** A period's live review, or why there is none. */
    private record Reviewed(@Nullable Review review, @Nullable String unavailable) {
    }

    /** Makes every digest that is due and not made yet; the number queued. */
    public int composeDue() {
        Instant now = clock.instant();
        Map<Period, Reviewed> reviewed = new HashMap<>();
        transactions.write(c -> notifications.orphanedHeld(c, now));
        int queued = 0;
        for (Subscription s : transactions.read(subscriptions::all)) {
            Optional<DigestCadence> cadence = DigestCadence.of(s.digest());
            if (cadence.isEmpty()) {
                transactions.write(c -> notifications.release(c, s.id(), now));
                continue;
            }
            ZonedDateTime slot = cadence.get().latestSlot(now, zone.zoneId(), at);
            String id = DigestComposer.id(s, cadence.get(), slot);
            if (slot.toInstant().isBefore(s.createdAt()) || transactions.read(c -> notifications.queued(c, id, s.id()))) {
                continue;
            }
            Period period = runningQuarter(slot.toLocalDate());
            Reviewed r = reviewed.computeIfAbsent(period, this::review);
            boolean made = transactions.write(c -> {
                List<Held> held = notifications.held(c, s.id(), slot.toInstant());
                Notice digest = DigestComposer.compose(s, cadence.get(), slot, period, r.review(), r.unavailable(),
                        read(held));
                if (!outbox.enqueueFor(c, digest, s)) {
                    return false;
                }
                notifications.digested(c, held, digest.id());
                return true;
            });
            if (made) {
                queued++;
                LOG.info("Digest {} queued", id);
            }
        }
        return queued;
    }

    /** The fiscal quarter a day falls in. */
    static Period runningQuarter(LocalDate day) {
        return Period.calendarQuarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1).asFiscalQuarter();
    }

    private Reviewed review(Period period) {
        try {
            return new Reviewed(reviews.review(period.label(), null).get(1, TimeUnit.MINUTES), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Reviewed(null, cause.getMessage());
        } catch (TimeoutException e) {
            return new Reviewed(null, "the review of " + period.label() + " took longer than a minute");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reviewed(null, "interrupted");
        }
    }

    private List<HeldNotice> read(List<Held> held) {
        List<HeldNotice> out = new ArrayList<>();
        for (Held h : held) {
            out.add(new HeldNotice(h.type(), events.data(events.read(h.payload().getBytes(StandardCharsets.UTF_8)))));
        }
        return out;
    }
}
