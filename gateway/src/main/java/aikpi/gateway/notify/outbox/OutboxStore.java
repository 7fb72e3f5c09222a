package aikpi.gateway.notify.outbox;

import aikpi.gateway.notify.Notice;
import aikpi.gateway.notify.Outbox;
import aikpi.gateway.notify.subscriptions.StandingSubscriptions;
import aikpi.gateway.notify.subscriptions.Subscription;
import aikpi.gateway.notify.subscriptions.SubscriptionStore;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The outbox: a notice queued for each subscription that hears it (those stored and the gateway's standing ones), in
 * the caller's transaction, as a PENDING row due at once, or HELD for its next digest when the subscription takes
 * digests. The pair (notice, subscription) is unique, so a notice queued again (a repeated evaluation, a second
 * replica) adds nothing.
 */
@Singleton
public class OutboxStore implements Outbox {

    private static final String INSERT = """
            INSERT INTO notification_outbox (id, notice_id, subscription_id, type, scope, payload, status, attempts,
                next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT DO NOTHING""";

    private final SubscriptionStore subscriptions;
    private final StandingSubscriptions standing;
    private final NoticeEvents events;
    private final Clock clock;

    public OutboxStore(SubscriptionStore subscriptions, StandingSubscriptions standing, NoticeEvents events,
                       Clock clock) {
        this.subscriptions = subscriptions;
        this.standing = standing;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void enqueue(Connection c, Notice notice) throws SQLException {
        List<Subscription> hearing = new ArrayList<>(standing.all());
        hearing.addAll(subscriptions.all(c));
        hearing.removeIf(s -> !s.hears(notice.scope(), notice.type()));
        if (hearing.isEmpty()) {
            return;
        }
        String payload = payload(notice);
        Timestamp now = NotificationStore.micros(clock.instant());
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Subscription s : hearing) {
                bind(ps, notice, s.id(), payload, s.digested() ? Notification.HELD : Notification.PENDING, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Queues {@code notice} (a digest) for {@code subscription} alone, PENDING; false when that subscription has it
     * already (another replica made the same digest first).
     */
    public boolean enqueueFor(Connection c, Notice notice, Subscription subscription) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            bind(ps, notice, subscription.id(), payload(notice), Notification.PENDING,
                    NotificationStore.micros(clock.instant()));
            return ps.executeUpdate() > 0;
        }
    }

    private String payload(Notice notice) {
        return new String(events.structured(events.event(notice)), StandardCharsets.UTF_8);
    }

    private static void bind(PreparedStatement ps, Notice notice, String subscriptionId, String payload, String status,
                             Timestamp now) throws SQLException {
        ps.setString(1, UUID.randomUUID().toString());
        ps.setString(2, notice.id());
        ps.setString(3, subscriptionId);
        ps.setString(4, notice.type());
        ps.setString(5, notice.scope());
        ps.setString(6, payload);
        ps.setString(7, status);
        ps.setTimestamp(8, now);
        ps.setTimestamp(9, now);
    }
}
