package aikpi.gateway.notify.rules;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules' stored state ({@code notice_state}), on the caller's transaction. A key's row is created once
 * ({@code ON CONFLICT DO NOTHING}: two evaluations seeing it first at once store one) and then read
 * {@code FOR UPDATE}, so evaluations at the same moment take their turns on it and the second sees what the first
 * told.
 */
@Singleton
public class NoticeStateStore {

    /** Stores {@code first} for {@code o}'s key unless the key has a row already. */
    void insertIfAbsent(Connection c, Observation o, NoticeState first) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notice_state (rule_key, rule, scope, period, "
                + "subject, seen, seen_since, told, told_figure, told_at, notices) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, first.key());
            ps.setString(2, o.rule().name());
            ps.setString(3, o.scope());
            ps.setString(4, o.period());
            ps.setString(5, o.subject());
            ps.setString(6, first.seen());
            ps.setObject(7, utc(first.seenSince()));
            ps.setString(8, first.told());
            ps.setString(9, first.toldFigure());
            setInstant(ps, 10, first.toldAt());
            ps.setInt(11, first.notices());
            ps.executeUpdate();
        }
    }

    /** The key's row, locked until the transaction ends. */
    NoticeState lock(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seen, seen_since, told, told_figure, told_at, notices "
                + "FROM notice_state WHERE rule_key = ? FOR UPDATE")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no notice state for " + key);
                }
                return new NoticeState(key, rs.getString(1), instant(rs.getObject(2, OffsetDateTime.class)),
                        rs.getString(3), rs.getString(4), instant(rs.getObject(5, OffsetDateTime.class)),
                        rs.getInt(6));
            }
        }
    }

    void update(Connection c, NoticeState s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notice_state SET seen = ?, seen_since = ?, told = ?, "
                + "told_figure = ?, told_at = ?, notices = ? WHERE rule_key = ?")) {
            ps.setString(1, s.seen());
            ps.setObject(2, utc(s.seenSince()));
            ps.setString(3, s.told());
            ps.setString(4, s.toldFigure());
            setInstant(ps, 5, s.toldAt());
            ps.setInt(6, s.notices());
            ps.setString(7, s.key());
            ps.executeUpdate();
        }
    }

    /** The subjects ({scope, subject}) of a rule and period last seen with {@code seen}. */
    List<String[]> seen(Connection c, Rule rule, String period, String seen) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT scope, subject FROM notice_state WHERE rule = ? "
                + "AND period = ? AND seen = ? ORDER BY scope, subject")) {
            ps.setString(1, rule.name());
            ps.setString(2, period);
            ps.setString(3, seen);
            List<String[]> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return rows;
        }
    }

    private static void setInstant(PreparedStatement ps, int i, @Nullable Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, utc(instant));
        }
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
