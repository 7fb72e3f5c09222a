package aikpi.gateway.notify.outbox;

import aikpi.platform.paging.PageRequest;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outbox's rows for the dispatcher and the API, on the caller's connection. A claim leases a row: it names the
 * claim and moves the row's next attempt past the lease, so no other dispatcher takes it meanwhile, and one that
 * was killed while it held the row leaves it due again when the lease runs out. Every outcome is written only under
 * the claim that took the row, so a dispatcher whose lease ran out cannot overwrite a later claim's outcome.
 */
@Singleton
public class NotificationStore {

    /** A row taken for delivery: the attempt it is ({@code attempt}, from 1). */
    public record Claimed(String id, String noticeId, String subscriptionId, String payload, int attempt, String claim) {
    }

    private static final String COLUMNS = "id, notice_id, subscription_id, type, scope, status, attempts, "
            + "next_attempt_at, last_error, created_at, sent_at";

    /**
     * Takes up to {@code limit} due rows, oldest due first, skipping rows another transaction holds (so replicas
     * claim disjoint rows), and leases them until {@code leaseUntil}; each counts as an attempt.
     */
    public List<Claimed> claim(Connection c, Instant now, Instant leaseUntil, int limit, String claim) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM notification_outbox WHERE status = 'PENDING' "
                + "AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            ps.setTimestamp(1, micros(now));
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        List<Claimed> claimed = new ArrayList<>();
        try (PreparedStatement update = c.prepareStatement("UPDATE notification_outbox SET claim = ?, "
                + "next_attempt_at = ?, attempts = attempts + 1 WHERE id = ?");
             PreparedStatement read = c.prepareStatement("SELECT notice_id, subscription_id, payload, attempts "
                     + "FROM notification_outbox WHERE id = ?")) {
            for (String id : ids) {
                update.setString(1, claim);
                update.setTimestamp(2, micros(leaseUntil));
                update.setString(3, id);
                update.executeUpdate();
                read.setString(1, id);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    claimed.add(new Claimed(id, rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), claim));
                }
            }
        }
        return claimed;
    }

    /** Delivered. */
    public boolean sent(Connection c, Claimed row, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notification_outbox SET status = 'SENT', sent_at = ?, "
                + "last_error = NULL, claim = NULL WHERE id = ? AND claim = ?")) {
            ps.setTimestamp(1, micros(at));
            ps.setString(2, row.id());
            ps.setString(3, row.claim());
            return ps.executeUpdate() > 0;
        }
    }

    /** Failed: due again at {@code next}, or {@code DEAD} when {@code next} is null. */
    public boolean failed(Connection c, Claimed row, String error, @Nullable Instant next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notification_outbox SET status = ?, last_error = ?, "
                + "next_attempt_at = COALESCE(?, next_attempt_at), claim = NULL WHERE id = ? AND claim = ?")) {
            ps.setString(1, next == null ? Notification.DEAD : Notification.PENDING);
            ps.setString(2, error.length() > 2000 ? error.substring(0, 2000) : error);
            ps.setTimestamp(3, next == null ? null : micros(next));
            ps.setString(4, row.id());
            ps.setString(5, row.claim());
            return ps.executeUpdate() > 0;
        }
    }

    /** Not tried (the receiver's circuit is open): due again at {@code next}, the attempt given back. */
    public boolean deferred(Connection c, Claimed row, String why, Instant next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notification_outbox SET last_error = ?, "
                + "next_attempt_at = ?, attempts = attempts - 1, claim = NULL WHERE id = ? AND claim = ?")) {
            ps.setString(1, why);
            ps.setTimestamp(2, micros(next));
            ps.setString(3, row.id());
            ps.setString(4, row.claim());
            return ps.executeUpdate() > 0;
        }
    }

    /** A DEAD row back to PENDING, due at once with its attempts counted afresh; false when it is not DEAD. */
    public boolean retry(Connection c, String id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notification_outbox SET status = 'PENDING', attempts = 0, "
                + "next_attempt_at = ?, claim = NULL WHERE id = ? AND status = 'DEAD'")) {
            ps.setTimestamp(1, micros(now));
            ps.setString(2, id);
            return ps.executeUpdate() > 0;
        }
    }

    /** A notice held for a digest: its row, type and payload (the structured CloudEvent). */
    public record Held(String id, String type, String payload) {
    }

    /**
     * The rows HELD for {@code subscriptionId}'s digest queued at or before {@code until}, oldest first, locked until
     * the transaction ends so that one digest takes them.
     */
    public List<Held> held(Connection c, String subscriptionId, Instant until) throws SQLException {
        List<Held> held = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, type, payload FROM notification_outbox "
                + "WHERE subscription_id = ? AND status = 'HELD' AND created_at <= ? ORDER BY created_at, id FOR UPDATE")) {
            ps.setString(1, subscriptionId);
            ps.setTimestamp(2, micros(until));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.add(new Held(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return held;
    }

    /** Held rows told in digest {@code digestId}. */
    public void digested(Connection c, List<Held> rows, String digestId) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE notification_outbox SET status = 'DIGESTED', "
                + "digest_id = ? WHERE id = ? AND status = 'HELD'")) {
            for (Held row : rows) {
                ps.setString(1, digestId);
                ps.setString(2, row.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The notices HELD for a subscription that no longer takes digests, released to go out one by one now. */
    public int release(Connection c, String subscriptionId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notification_outbox SET status = 'PENDING', "
                + "next_attempt_at = ? WHERE subscription_id = ? AND status = 'HELD'")) {
            ps.setTimestamp(1, micros(now));
            ps.setString(2, subscriptionId);
            return ps.executeUpdate();
        }
    }

    /**
     * The notices HELD for a subscription that was deleted: DEAD, with the reason, so no digest waits for them and an
     * executive sees them (and can send them again once a subscription of that id exists).
     */
    public int orphanedHeld(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notification_outbox SET status = 'DEAD', "
                + "last_error = ?, next_attempt_at = ? WHERE status = 'HELD' AND NOT EXISTS (SELECT 1 FROM "
                + "notification_subscription s WHERE s.id = notification_outbox.subscription_id)")) {
            ps.setString(1, "the subscription was deleted before its digest");
            ps.setTimestamp(2, micros(now));
            return ps.executeUpdate();
        }
    }

    /** Whether notice {@code noticeId} is queued for {@code subscriptionId} already, in any status. */
    public boolean queued(Connection c, String noticeId, String subscriptionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM notification_outbox WHERE notice_id = ? "
                + "AND subscription_id = ?")) {
            ps.setString(1, noticeId);
            ps.setString(2, subscriptionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public Optional<Notification> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM notification_outbox WHERE id = ?")) {
            ps.setString(1, id);
            return read(ps).stream().findFirst();
        }
    }

    /** A page of rows, newest first, of one status or all. */
    public List<Notification> list(Connection c, @Nullable String status, PageRequest page) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM notification_outbox WHERE 1 = 1");
        if (status != null) {
            sql.append(" AND status = ?");
        }
        if (!page.isFirst()) {
            sql.append(" AND (created_at < ? OR created_at = ? AND id < ?)");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (status != null) {
                ps.setString(i++, status);
            }
            if (!page.isFirst()) {
                Timestamp after = micros(page.instantAfter(0));
                ps.setTimestamp(i++, after);
                ps.setTimestamp(i++, after);
                ps.setString(i++, page.after(1, ""));
            }
            ps.setInt(i, page.fetchSize());
            return read(ps);
        }
    }

    private static List<Notification> read(PreparedStatement ps) throws SQLException {
        List<Notification> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp sent = rs.getTimestamp(11);
                out.add(new Notification(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getTimestamp(8).toInstant(),
                        rs.getString(9), rs.getTimestamp(10).toInstant(), sent == null ? null : sent.toInstant()));
            }
        }
        return out;
    }

    /**
     * An instant as the databases keep it, cut (not rounded) to the microsecond: a time stored from an instant is then
     * never later than that instant, so a row due "now" is due at once.
     */
    static Timestamp micros(Instant at) {
        return Timestamp.from(at.truncatedTo(ChronoUnit.MICROS));
    }
}
