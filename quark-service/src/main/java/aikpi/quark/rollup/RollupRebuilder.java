package aikpi.quark.rollup;

import aikpi.platform.store.KeyRanges;
import aikpi.platform.store.Transactions;
import aikpi.quark.activity.UserEventStream;
import aikpi.quark.days.DayAggregates;
import aikpi.quark.firstseen.UserSighting;
import aikpi.quark.sessions.AiSession;
import aikpi.quark.sessions.Outcome;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Recuts every day-keyed aggregate (first-seen days, daily counts, sketches, sets of users, late items) from the
 * stored raw events, through the same code that advances them on write, and writes the stored days of apps fed by daily
 * aggregates into them again (a pipeline's days do not move with the zone). Needed once when the reporting zone changes, since a day in
 * one zone is not a day in another, and after a crash of the embedded database.
 */
@Singleton
class RollupRebuilder {

    static final String ROLLUP = "quark_daily";
    private static final int CHUNK = 50_000;
    private static final String[] DERIVED = {"first_seen", "first_seen_daily", "install_daily", "feature_daily",
        "user_sketch", "user_set", "late_arrival"};

    private final Transactions transactions;
    private final EventAggregates aggregates;
    private final DayAggregates days;

    RollupRebuilder(Transactions transactions, EventAggregates aggregates, DayAggregates days) {
        this.transactions = transactions;
        this.aggregates = aggregates;
        this.days = days;
    }

    /** The zone the aggregates were cut in, if they were built yet. */
    Optional<String> rollupZone() {
        return transactions.read(RollupRebuilder::rollupZone);
    }

    private static Optional<String> rollupZone(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT reporting_zone FROM rollup_state WHERE rollup_name = ?")) {
            ps.setString(1, ROLLUP);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Empties the aggregates, replays the raw events and sessions a range of keys at a time, each range its own
     * transaction ({@link KeyRanges}: memory and transactions bounded at any number of events), writes the stored days
     * again, and records the zone last, so that a rebuild stopped half-way is not taken for a finished one.
     *
     * @return what was read: raw events and sessions, and stored days
     */
    String rebuild(ZoneId zone) {
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
        long read = replayUserEvents(UserEventStream.INSTALL, "install_event", units, zone)
                + replayUserEvents(UserEventStream.ACTIVITY, "activity_event", units, zone)
                + replaySessions(zone);
        long daysWritten = transactions.write(c -> days.reapply());
        transactions.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO rollup_state (rollup_name, reporting_zone) VALUES (?, ?)")) {
                ps.setString(1, ROLLUP);
                ps.setString(2, zone.getId());
                return ps.executeUpdate();
            }
        });
        return read + " raw events and sessions and " + daysWritten + " days of daily aggregates";
    }

    private long replayUserEvents(UserEventStream stream, String table, Map<String, String> units, ZoneId zone) {
        return KeyRanges.forEach(transactions, table, "keyed_at", CHUNK, (c, range) -> {
            List<UserSighting> chunk = new ArrayList<>(CHUNK);
            List<LateItemsStore.Received> received = new ArrayList<>(CHUNK);
            try (PreparedStatement ps = c.prepareStatement("SELECT app_id, user_id, occurred_at, received_at FROM "
                    + table + " WHERE " + range.condition())) {
                range.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant occurredAt = rs.getObject(3, OffsetDateTime.class).toInstant();
                        chunk.add(UserSighting.inApp(rs.getString(1), rs.getString(2), occurredAt));
                        received.add(new LateItemsStore.Received(occurredAt, instant(rs, 4)));
                    }
                }
            }
            aggregates.addUserEvents(stream, chunk, units, zone);
            aggregates.addLate(stream.name(), received, zone);
            return chunk.size();
        });
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private long replaySessions(ZoneId zone) {
        return KeyRanges.forEach(transactions, "ai_session", "session_id", CHUNK, (c, range) -> {
            List<AiSession> chunk = new ArrayList<>(CHUNK);
            List<LateItemsStore.Received> received = new ArrayList<>(CHUNK);
            try (PreparedStatement ps = c.prepareStatement("SELECT session_id, app_id, feature_id, user_id, started_at, "
                    + "turns, agent_calls, outcome, rating, converted, conversion_value_cny, received_at FROM ai_session "
                    + "WHERE " + range.condition())) {
                range.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int rating = rs.getInt(9);
                        Integer maybeRating = rs.wasNull() ? null : rating;
                        BigDecimal value = rs.getBigDecimal(11);
                        chunk.add(new AiSession(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getObject(5, OffsetDateTime.class).toInstant(), rs.getInt(6), rs.getInt(7),
                                Outcome.valueOf(rs.getString(8)), maybeRating, rs.getBoolean(10), value));
                        received.add(new LateItemsStore.Received(chunk.get(chunk.size() - 1).startedAt(), instant(rs, 12)));
                    }
                }
            }
            aggregates.addSessions(chunk, zone);
            aggregates.addLate(LateItemsStore.AI_SESSIONS, received, zone);
            return chunk.size();
        });
    }
}
