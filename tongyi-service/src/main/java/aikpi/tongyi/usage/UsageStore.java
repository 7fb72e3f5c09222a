package aikpi.tongyi.usage;

import aikpi.platform.store.Rollup;
import aikpi.platform.store.BatchInsert;
import aikpi.platform.store.KeyRanges;
import aikpi.platform.store.Transactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The hot path of the service in plain JDBC: raw events are inserted in one batch with the primary key as the
 * dedup (a known id is skipped by the database, so two instances or a retried batch cannot count it twice), and
 * the daily and monthly rollups are advanced by exactly the events that were new, in the same transaction, and so is
 * the count of those that came late ({@link Lateness}), with a row of their arrival per day of use.
 */
@Singleton
public class UsageStore {

    private static final String INSERT_EVENT = """
            INSERT INTO usage_event (occurred_at, event_key, customer_id, model_id, input_tokens, output_tokens,
                                     received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String ADD_LATE = "UPDATE usage_late_daily SET items = items + ? WHERE usage_day = ? AND received_day = ?";
    private static final String INSERT_LATE =
            "INSERT INTO usage_late_daily (usage_day, received_day, items) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String INSERT_ARRIVAL =
            "INSERT INTO usage_late_arrival (usage_day, received_at, items) VALUES (?, ?, ?)";

    /**
     * The rollups kept in step with the raw events: by day and by month per customer and model, and by day across all
     * of them (every day cut in the reporting zone), each advanced by the platform's {@link Rollup#addSums} in key
     * order: a key that a concurrent batch creates first is waited for and added to, not a failed transaction.
     */
    enum RollupTable {
        DAILY("usage_daily", "usage_day", true),
        MONTHLY("usage_monthly", "usage_month", true),
        DAY_TOTAL("usage_day_total", "usage_day", false);

        final String table;
        final String add;
        final String insert;
        /** Whether the key has the customer and the model beside the date. */
        final boolean perCustomerAndModel;

        RollupTable(String table, String dateColumn, boolean perCustomerAndModel) {
            this.table = table;
            this.perCustomerAndModel = perCustomerAndModel;
            String key = perCustomerAndModel ? dateColumn + " = ? AND customer_id = ? AND model_id = ?" : dateColumn + " = ?";
            this.add = "UPDATE " + table + " SET events = events + ?, input_tokens = input_tokens + ?, "
                    + "output_tokens = output_tokens + ? WHERE " + key;
            this.insert = "INSERT INTO " + table + " (" + dateColumn + (perCustomerAndModel ? ", customer_id, model_id" : "")
                    + ", events, input_tokens, output_tokens) VALUES (?, " + (perCustomerAndModel ? "?, ?, " : "")
                    + "?, ?, ?) ON CONFLICT DO NOTHING";
        }
    }

    /** The rollup state row that records the zone both rollups were cut in. */
    static final String ROLLUP_STATE = "usage_rollups";

    /** Events per range of a recut. */
    static final int RECUT_RANGE = 50_000;

    private final Transactions transactions;
    private final RawUsageStore raw;
    private final Lateness lateness;

    public UsageStore(Transactions transactions, RawUsageStore raw, Lateness lateness) {
        this.transactions = transactions;
        this.raw = raw;
        this.lateness = lateness;
    }

    /** The late events of the days {@code from..to}, by the day they were received (reporting zone). */
    public SortedMap<LocalDate, Long> lateByDayReceived(LocalDate from, LocalDate to) {
        return transactions.read(c -> {
            SortedMap<LocalDate, Long> byDay = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT received_day, SUM(items) FROM usage_late_daily "
                    + "WHERE usage_day BETWEEN ? AND ? GROUP BY received_day")) {
                ps.setObject(1, from);
                ps.setObject(2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byDay.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
                    }
                }
            }
            return byDay;
        });
    }

    /**
     * The late events of the days {@code from..to} received after {@code after}, per day of use and instant received
     * (the arrivals of one instant summed: two transactions may share it, and a recut may split one), oldest first.
     */
    public List<Lateness.LateArrival> lateArrivalsAfter(LocalDate from, LocalDate to, Instant after) {
        return transactions.read(c -> {
            List<Lateness.LateArrival> arrivals = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT usage_day, received_at, SUM(items) "
                    + "FROM usage_late_arrival WHERE usage_day BETWEEN ? AND ? AND received_at > ? "
                    + "GROUP BY usage_day, received_at ORDER BY received_at, usage_day")) {
                ps.setObject(1, from);
                ps.setObject(2, to);
                ps.setObject(3, OffsetDateTime.ofInstant(after, ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        arrivals.add(new Lateness.LateArrival(rs.getObject(1, LocalDate.class),
                                rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getLong(3)));
                    }
                }
            }
            return arrivals;
        });
    }

    /**
     * Stores the events that are not stored yet and adds them to the rollup. An event older than the purge horizon of
     * the raw events cannot be checked against them: it is taken for a replay of one counted before, and not stored.
     *
     * @return the events that were new (the rest were already stored, or are beyond the retention)
     */
    public List<UsageEvent> storeNew(List<UsageEvent> events, ZoneId zone) {
        raw.prepare(events.stream().map(UsageEvent::occurredAt).toList());
        return raw.inserting(c -> {
            Instant horizon = RawUsageStore.purgedBefore(c);
            List<UsageEvent> kept = horizon == null ? events
                    : events.stream().filter(e -> !e.occurredAt().isBefore(horizon)).toList();
            List<UsageEvent> fresh = insertEvents(c, kept);
            advanceRollups(c, DailyUsage.rollUp(fresh, zone));
            recordLate(c, lateness.arrivals(fresh, zone), zone);
            return fresh;
        });
    }

    private static List<UsageEvent> insertEvents(Connection c, List<UsageEvent> events) throws SQLException {
        return BatchInsert.newRows(c, INSERT_EVENT, (ps, e) -> {
            ps.setObject(1, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
            ps.setBytes(2, e.key());
            ps.setString(3, e.customerId());
            ps.setString(4, e.modelId());
            ps.setLong(5, e.inputTokens());
            ps.setLong(6, e.outputTokens());
            if (e.receivedAt() == null) {
                ps.setNull(7, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(7, OffsetDateTime.ofInstant(e.receivedAt(), ZoneOffset.UTC));
            }
        }, events);
    }

    /** Records late events: their count by day of use and day received, and their arrivals. */
    private static void recordLate(Connection c, List<Lateness.LateArrival> arrivals, ZoneId zone) throws SQLException {
        advanceLate(c, Lateness.byDayReceived(arrivals, zone));
        recordArrivals(c, arrivals);
    }

    /** Advances the count of late events by day of use and day received ({@link Lateness}). */
    private static void advanceLate(Connection c, List<Lateness.LateUsage> rows) throws SQLException {
        Rollup.addSums(c, ADD_LATE, (ps, r) -> {
            ps.setLong(1, r.items());
            ps.setObject(2, r.usageDay());
            ps.setObject(3, r.receivedDay());
        }, INSERT_LATE, (ps, r) -> {
            ps.setObject(1, r.usageDay());
            ps.setObject(2, r.receivedDay());
            ps.setLong(3, r.items());
        }, rows);
    }

    /** Records when the late events arrived, a row per day of use and instant received ({@link Lateness#arrivals}). */
    private static void recordArrivals(Connection c, List<Lateness.LateArrival> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_ARRIVAL)) {
            for (Lateness.LateArrival r : rows) {
                ps.setObject(1, r.usageDay());
                ps.setObject(2, OffsetDateTime.ofInstant(r.receivedAt(), ZoneOffset.UTC));
                ps.setLong(3, r.items());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void advanceRollups(Connection c, List<DailyUsage> days) throws SQLException {
        advanceDays(c, days);
        advance(c, RollupTable.MONTHLY, DailyUsage.byMonth(days));
    }

    private static void advanceDays(Connection c, List<DailyUsage> days) throws SQLException {
        advance(c, RollupTable.DAILY, days);
        advance(c, RollupTable.DAY_TOTAL, DailyUsage.totalsByDay(days));
    }

    private static void advance(Connection c, RollupTable rollup, List<DailyUsage> rows) throws SQLException {
        Rollup.addSums(c, rollup.add, (ps, r) -> {
            ps.setLong(1, r.events());
            ps.setLong(2, r.inputTokens());
            ps.setLong(3, r.outputTokens());
            ps.setObject(4, r.day());
            if (rollup.perCustomerAndModel) {
                ps.setString(5, r.customerId());
                ps.setString(6, r.modelId());
            }
        }, rollup.insert, (ps, r) -> {
            int i = 1;
            ps.setObject(i++, r.day());
            if (rollup.perCustomerAndModel) {
                ps.setString(i++, r.customerId());
                ps.setString(i++, r.modelId());
            }
            ps.setLong(i++, r.events());
            ps.setLong(i++, r.inputTokens());
            ps.setLong(i, r.outputTokens());
        }, rows);
    }

    /** The zone the rollups were cut in, if they were built yet. */
    Optional<String> rollupZone() {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT reporting_zone FROM rollup_state WHERE rollup_name = ?")) {
                ps.setString(1, ROLLUP_STATE);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * Recuts the rollups from the raw events in {@code zone}: needed once when the reporting zone changes, since a day
     * in one zone is not a day in another, and after a crash of the embedded database. Only the days the raw events
     * still cover whole are recut (all of them unless raw events were purged: the rollups of older days are the only
     * record left of them, and stay). The days' rows are emptied, then advanced by the events a range of times at a
     * time, each range its own transaction ({@link KeyRanges}), so that memory and transactions stay bounded at any
     * number of events; the months are summed from the days last, and the zone is recorded after them, so that a
     * recut stopped half-way is not taken for a finished one. The late events' count and arrivals of the recut days are
     * rebuilt with the days, from each event's receipt.
     *
     * @return the number of events read
     */
    long rebuildRollup(ZoneId zone) {
        Instant horizon = raw.purgedBefore();
        // The first day whose every event is still stored: none before it is touched.
        LocalDate firstDay = horizon == null ? null : firstWholeDay(horizon, zone);
        Instant from = firstDay == null ? null : firstDay.atStartOfDay(zone).toInstant();
        transactions.write(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("TRUNCATE TABLE rollup_state");
            }
            for (String late : List.of("usage_late_daily", "usage_late_arrival")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + late + " WHERE usage_day >= ?")) {
                    ps.setObject(1, firstDay == null ? LocalDate.of(1900, 1, 1) : firstDay);
                    ps.executeUpdate();
                }
            }
            for (RollupTable rollup : RollupTable.values()) {
                if (firstDay == null) {
                    try (Statement st = c.createStatement()) {
                        st.executeUpdate("TRUNCATE TABLE " + rollup.table);
                    }
                    continue;
                }
                boolean monthly = rollup == RollupTable.MONTHLY;
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + rollup.table + " WHERE "
                        + (monthly ? "usage_month" : "usage_day") + " >= ?")) {
                    ps.setObject(1, monthly ? firstDay.withDayOfMonth(1) : firstDay);
                    ps.executeUpdate();
                }
            }
            return null;
        });
        long read = KeyRanges.forEach(transactions, "usage_event", "occurred_at", RECUT_RANGE, (c, range) -> {
            List<UsageEvent> events = new ArrayList<>(RECUT_RANGE);
            try (PreparedStatement ps = c.prepareStatement("SELECT customer_id, model_id, occurred_at, input_tokens, "
                    + "output_tokens, received_at FROM usage_event WHERE " + range.condition()
                    + (from == null ? "" : " AND occurred_at >= ?"))) {
                int next = range.bind(ps, 1);
                if (from != null) {
                    ps.setObject(next, from.atOffset(ZoneOffset.UTC));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        OffsetDateTime received = rs.getObject(6, OffsetDateTime.class);
                        events.add(new UsageEvent(null, rs.getString(1), rs.getString(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getLong(4), rs.getLong(5),
                                received == null ? null : received.toInstant()));
                    }
                }
            }
            advanceDays(c, DailyUsage.rollUp(events, zone));
            recordLate(c, lateness.arrivals(events, zone), zone);
            return events.size();
        });
        transactions.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO usage_monthly (usage_month, customer_id, model_id, events, input_tokens, output_tokens)
                    SELECT CAST(DATE_TRUNC('MONTH', usage_day) AS DATE), customer_id, model_id, SUM(events),
                           SUM(input_tokens), SUM(output_tokens)
                    FROM usage_daily WHERE usage_day >= ?
                    GROUP BY CAST(DATE_TRUNC('MONTH', usage_day) AS DATE), customer_id, model_id""")) {
                ps.setObject(1, firstDay == null ? LocalDate.of(1900, 1, 1) : firstDay.withDayOfMonth(1));
                return ps.executeUpdate();
            }
        });
        transactions.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO rollup_state (rollup_name, reporting_zone) VALUES (?, ?)")) {
                ps.setString(1, ROLLUP_STATE);
                ps.setString(2, zone.getId());
                return ps.executeUpdate();
            }
        });
        return read;
    }

    /** The first day in {@code zone} that begins at or after {@code instant}. */
    static LocalDate firstWholeDay(Instant instant, ZoneId zone) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        return day.atStartOfDay(zone).toInstant().isBefore(instant) ? day.plusDays(1) : day;
    }
}
