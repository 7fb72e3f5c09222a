package aikpi.quark.rollup;

import aikpi.platform.ingest.DayCompleteness;
import aikpi.platform.store.Rollup;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * When a day of events is complete, and the events that arrived after it was: a day (reporting zone) is complete
 * {@code kpi.ingest.lateness} after it ends; an event received from then on is still stored and counted, and counted
 * once more here, as late, on the day it was received ({@code late_daily}). An event whose received instant is unknown
 * (stored before quark kept it) is never late.
 */
@Singleton
public class LateItemsStore {

    /** The stream of AI sessions in {@code late_daily}; installs and app opens go by their {@code UserEventStream}. */
    public static final String AI_SESSIONS = "AI_SESSION";

    private static final String KEY = " WHERE stream = ? AND event_day = ? AND received_day = ?";
    private static final String ADD = "UPDATE late_daily SET items = items + ?" + KEY;
    private static final String CREATE = "INSERT INTO late_daily (items, stream, event_day, received_day) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

    /** An item as it happened and was received ({@code receivedAt} null: unknown). */
    public record Received(Instant happenedAt, Instant receivedAt) {
    }

    private record LateDay(String stream, LocalDate eventDay, LocalDate receivedDay, long items) {
    }

    private final TransactionOperations<Connection> transactions;
    private final DayCompleteness rule;

    public LateItemsStore(TransactionOperations<Connection> transactions,
                     @Value("${kpi.ingest.lateness:48h}") Duration lateness) {
        if (lateness.isNegative()) {
            throw new IllegalArgumentException("kpi.ingest.lateness must not be negative, was " + lateness);
        }
        this.transactions = transactions;
        this.rule = new DayCompleteness(lateness);
    }

    public Duration lateness() {
        return rule.lateness();
    }

    /** The last day complete at {@code now}: every day that ended at least the lateness before it. */
    public LocalDate lastCompleteDay(Instant now, ZoneId zone) {
        return rule.lastCompleteDay(now, zone);
    }

    /** Counts, in the caller's transaction, the items of {@code stream} that arrived after their day was complete. */
    void add(String stream, Collection<Received> items, ZoneId zone) throws SQLException {
        SortedMap<LocalDate, SortedMap<LocalDate, Long>> late = new TreeMap<>();
        for (Received item : items) {
            LocalDate day = LocalDate.ofInstant(item.happenedAt(), zone);
            if (rule.isLate(day, item.receivedAt(), zone)) {
                late.computeIfAbsent(day, d -> new TreeMap<>())
                        .merge(LocalDate.ofInstant(item.receivedAt(), zone), 1L, Long::sum);
            }
        }
        if (late.isEmpty()) {
            return;
        }
        List<LateDay> rows = new ArrayList<>();
        late.forEach((day, received) -> received.forEach((on, n) -> rows.add(new LateDay(stream, day, on, n))));
        Rollup.addSums(transactions.getConnection(), ADD, LateItemsStore::bind, CREATE, LateItemsStore::bind, rows);
    }

    private static void bind(PreparedStatement ps, LateDay d) throws SQLException {
        ps.setLong(1, d.items());
        ps.setString(2, d.stream());
        ps.setObject(3, d.eventDay());
        ps.setObject(4, d.receivedDay());
    }

    /** The late items of the events of {@code from..to}, per day received, in order of the day. */
    public SortedMap<LocalDate, Long> byDayReceived(LocalDate from, LocalDate to) throws SQLException {
        SortedMap<LocalDate, Long> byDay = new TreeMap<>();
        try (PreparedStatement ps = transactions.getConnection().prepareStatement("SELECT received_day, SUM(items) "
                + "FROM late_daily WHERE event_day BETWEEN ? AND ? GROUP BY received_day")) {
            ps.setObject(1, from);
            ps.setObject(2, to);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    byDay.put(rs.getObject(1, LocalDate.class), rs.getLong(2));
                }
            }
        }
        return byDay;
    }
}
