package aikpi.gateway.notify.subscriptions;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code notification_subscription} table (migration V4), on the caller's connection. */
@Singleton
public class SubscriptionStore {

    private static final String COLUMNS = "id, scopes, types, channel, target, secret, language, digest, created_by, "
            + "created_at, updated_by, updated_at";

    public Optional<Subscription> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM notification_subscription WHERE id = ?")) {
            ps.setString(1, id);
            List<Subscription> found = read(ps);
            return found.stream().findFirst();
        }
    }

    /** Every subscription after {@code afterId} in id order, at most {@code limit} (the subscriptions are few). */
    public List<Subscription> after(Connection c, String afterId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM notification_subscription WHERE id > ? ORDER BY id LIMIT ?")) {
            ps.setString(1, afterId);
            ps.setInt(2, limit);
            return read(ps);
        }
    }

    /** Every subscription, for matching a notice (a few hundred at most: read whole, matched in Java). */
    public List<Subscription> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM notification_subscription ORDER BY id")) {
            return read(ps);
        }
    }

    public void insert(Connection c, Subscription s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notification_subscription (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, s.id());
            bindContent(ps, 2, s);
            ps.setString(9, s.createdBy());
            ps.setTimestamp(10, Timestamp.from(s.createdAt()));
            ps.setString(11, s.updatedBy());
            ps.setTimestamp(12, Timestamp.from(s.updatedAt()));
            ps.executeUpdate();
        }
    }

    public void update(Connection c, Subscription s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notification_subscription SET scopes = ?, types = ?, "
                + "channel = ?, target = ?, secret = ?, language = ?, digest = ?, updated_by = ?, updated_at = ? "
                + "WHERE id = ?")) {
            bindContent(ps, 1, s);
            ps.setString(8, s.updatedBy());
            ps.setTimestamp(9, Timestamp.from(s.updatedAt()));
            ps.setString(10, s.id());
            ps.executeUpdate();
        }
    }

    public boolean delete(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM notification_subscription WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate() > 0;
        }
    }

    private static void bindContent(PreparedStatement ps, int first, Subscription s) throws SQLException {
        ps.setString(first, String.join(",", s.scopes()));
        ps.setString(first + 1, String.join(",", s.types()));
        ps.setString(first + 2, s.channel());
        ps.setString(first + 3, s.target());
        ps.setString(first + 4, s.secret());
        ps.setString(first + 5, s.language());
        ps.setString(first + 6, s.digest());
    }

    private static List<Subscription> read(PreparedStatement ps) throws SQLException {
        List<Subscription> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Subscription(rs.getString(1), split(rs.getString(2)), split(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getTimestamp(10).toInstant(), rs.getString(11),
                        rs.getTimestamp(12).toInstant()));
            }
        }
        return out;
    }

    private static List<String> split(String joined) {
        return List.copyOf(Arrays.asList(joined.split(",")));
    }
}
