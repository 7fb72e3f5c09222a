package aikpi.quark.rollup;

import aikpi.platform.store.KeyRanges;
import aikpi.platform.store.Transactions;
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

    /**
     * Empties the aggregates, replays the raw events and sessions a range of ids at a time, each range its own
     * transaction ({@link KeyRanges}: memory and transactions bounded at any number of events), writes the stored days
     * again, and records the zone last, so that a rebuild stopped half-way is not taken for a finished one.
     *
     * @return what was read: raw events and sessions, and stored days
     */
    static String rebuild(Transactions transactions, ZoneId zone) {
        Map<String, String> units = transactions.write(c -> {
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
            Map<String, String> byApp = new HashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT app_id, business_unit FROM app")) {
                while (rs.next()) {
                    byApp.put(rs.getString(1), rs.getString(2));
                }
            }
            return byApp;
        });
        long read = replayUserEvents(transactions, UserEventStream.INSTALL, "install_event", units, zone)
                + replayUserEvents(transactions, UserEventStream.ACTIVITY, "activity_event", units, zone)
                + replaySessions(transactions, zone);
        long days = transactions.write(AppDayStore::reapply);
        transactions.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO rollup_state (rollup_name, reporting_zone) VALUES (?, ?)")) {
                ps.setString(1, ROLLUP);
                ps.setString(2, zone.getId());
                return ps.executeUpdate();
            }
        });
        return read + " raw events and sessions and " + days + " days of daily aggregates";
    }

    private static long replayUserEvents(Transactions transactions, UserEventStream stream, String table,
                                         Map<String, String> units, ZoneId zone) {
        return KeyRanges.forEach(transactions, table, "event_id", CHUNK, (c, range) -> {
            List<UserEvent> chunk = new ArrayList<>(CHUNK);
            try (PreparedStatement ps = c.prepareStatement("SELECT event_id, app_id, user_id, occurred_at FROM " + table
                    + " WHERE " + range.condition())) {
                range.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        chunk.add(new UserEvent(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getObject(4, OffsetDateTime.class).toInstant()));
                    }
                }
            }
            UserEventStore.aggregate(c, stream, chunk, units, zone);
            return chunk.size();
        });
    }

    private static long replaySessions(Transactions transactions, ZoneId zone) {
        return KeyRanges.forEach(transactions, "ai_session", "session_id", CHUNK, (c, range) -> {
            List<AiSession> chunk = new ArrayList<>(CHUNK);
            try (PreparedStatement ps = c.prepareStatement("SELECT session_id, app_id, feature_id, user_id, started_at, "
                    + "turns, agent_calls, outcome, rating, converted, conversion_value_cny FROM ai_session WHERE "
                    + range.condition())) {
                range.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int rating = rs.getInt(9);
                        Integer maybeRating = rs.wasNull() ? null : rating;
                        BigDecimal value = rs.getBigDecimal(11);
                        chunk.add(new AiSession(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getInt(6), rs.getInt(7),
                                Outcome.valueOf(rs.getString(8)), maybeRating, rs.getBoolean(10), value));
                    }
                }
            }
            AiSessionStore.aggregate(c, chunk, zone);
            return chunk.size();
        });
    }
}
