package aikpi.quark.rollup;

import aikpi.quark.activity.UserEvent;
import aikpi.quark.activity.UserEventStore;
import aikpi.quark.activity.UserEventStream;
import aikpi.quark.days.AppDayStore;
import aikpi.quark.sessions.AiSession;
import aikpi.quark.sessions.AiSessionStore;
import aikpi.quark.sessions.Outcome;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recuts every day-keyed aggregate (first-seen days, daily counts, sketches, sets of users) from the stored raw
 * events, through the same code that advances them on write, and writes the stored days of apps fed by daily
 * aggregates into them again (a pipeline's days do not move with the zone). Needed once when the reporting zone changes, since a day in
 * one zone is not a day in another, and after a crash of the embedded database.
 */
final class RollupRebuilder {

    static final String ROLLUP = "quark_daily";
    private static final int CHUNK = 50_000;
    private static final String[] DERIVED = {"first_seen", "first_seen_daily", "install_daily", "feature_daily",
        "user_sketch", "user_set"};

    private RollupRebuilder() {
    }

    static Optional<String> rollupZone(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT reporting_zone FROM rollup_state WHERE rollup_name = ?")) {
            ps.setString(1, ROLLUP);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** @return what was read: raw events and sessions, and stored days */
    static String rebuild(Connection c, ZoneId zone) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String table : DERIVED) {
                // TRUNCATE, not DELETE: it also clears a row that a crash left locked by a lost transaction.
                st.executeUpdate("TRUNCATE TABLE " + table);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rollup_state WHERE rollup_name = ?")) {
            ps.setString(1, ROLLUP);
            ps.executeUpdate();
        }
        Map<String, String> units = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT app_id, business_unit FROM app")) {
            while (rs.next()) {
                units.put(rs.getString(1), rs.getString(2));
            }
        }
        long read = replayUserEvents(c, UserEventStream.INSTALL, "install_event", units, zone)
                + replayUserEvents(c, UserEventStream.ACTIVITY, "activity_event", units, zone)
                + replaySessions(c, zone);
        long days = AppDayStore.reapply(c);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rollup_state (rollup_name, reporting_zone) VALUES (?, ?)")) {
            ps.setString(1, ROLLUP);
            ps.setString(2, zone.getId());
            ps.executeUpdate();
        }
        return read + " raw events and sessions and " + days + " days of daily aggregates";
    }

    private static long replayUserEvents(Connection c, UserEventStream stream, String table, Map<String, String> units,
                                         ZoneId zone) throws SQLException {
        long read = 0;
        List<UserEvent> chunk = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT event_id, app_id, user_id, occurred_at FROM " + table)) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    chunk.add(new UserEvent(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant()));
                    read++;
                    if (chunk.size() == CHUNK) {
                        UserEventStore.aggregate(c, stream, chunk, units, zone);
                        chunk.clear();
                    }
                }
            }
        }
        UserEventStore.aggregate(c, stream, chunk, units, zone);
        return read;
    }

    private static long replaySessions(Connection c, ZoneId zone) throws SQLException {
        long read = 0;
        List<AiSession> chunk = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT session_id, app_id, feature_id, user_id, started_at, turns,"
                + " agent_calls, outcome, rating, converted, conversion_value_cny FROM ai_session")) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int rating = rs.getInt(9);
                    Integer maybeRating = rs.wasNull() ? null : rating;
                    BigDecimal value = rs.getBigDecimal(11);
                    chunk.add(new AiSession(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getInt(6), rs.getInt(7),
                            Outcome.valueOf(rs.getString(8)), maybeRating, rs.getBoolean(10), value));
                    read++;
                    if (chunk.size() == CHUNK) {
                        AiSessionStore.aggregate(c, chunk, zone);
                        chunk.clear();
                    }
                }
            }
        }
        AiSessionStore.aggregate(c, chunk, zone);
        return read;
    }
}
