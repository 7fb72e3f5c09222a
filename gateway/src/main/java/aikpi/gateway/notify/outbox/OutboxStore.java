package aikpi.gateway.notify.outbox;

import aikpi.gateway.notify.Notice;
import aikpi.gateway.notify.Outbox;
import aikpi.gateway.notify.subscriptions.Subscription;
import aikpi.gateway.notify.subscriptions.SubscriptionStore;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

/**
 * The outbox: a notice queued for each subscription that hears it, in the caller's transaction, as a PENDING row due
 * at once. The pair (notice, subscription) is unique, so a notice queued again (a repeated evaluation, a second
 * replica) adds nothing.
 */
@Singleton
public class OutboxStore implements Outbox {

    private static final String INSERT = """
            INSERT INTO notification_outbox (id, notice_id, subscription_id, type, scope, payload, status, attempts,
                next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING""";

    private final SubscriptionStore subscriptions;
    private final NoticeEvents events;
    private final Clock clock;

    public OutboxStore(SubscriptionStore subscriptions, NoticeEvents events, Clock clock) {
        this.subscriptions = subscriptions;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void enqueue(Connection c, Notice notice) throws SQLException {
        String payload = null;
        Timestamp now = NotificationStore.micros(clock.instant());
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Subscription s : subscriptions.all(c)) {
                if (!s.hears(notice.scope(), notice.type())) {
                    continue;
                }
                if (payload == null) {
                    payload = new String(events.structured(events.event(notice)), StandardCharsets.UTF_8);
                }
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, notice.id());
                ps.setString(3, s.id());
                ps.setString(4, notice.type());
                ps.setString(5, notice.scope());
                ps.setString(6, payload);
                ps.setTimestamp(7, now);
                ps.setTimestamp(8, now);
                ps.addBatch();
            }
            if (payload != null) {
                ps.executeBatch();
            }
        }
    }
}
