package aikpi.quark.rollup;

import aikpi.platform.ingest.DayCompleteness;
import aikpi.platform.store.Rollup;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * When a day of events is complete, and the events that arrived after it was: a day (reporting zone) is complete
 * {@code kpi.ingest.lateness} after it ends; an event received from then on is still stored and counted, and counted
 * once more here, as late ({@code late_arrival}: one row per request, stream and day of the events, with the instant
 * the request was received). An event whose received instant is unknown (stored before quark kept it) is never late.
 */
@Singleton
public class LateItemsStore {

    /** The stream of AI sessions in {@code late_arrival}; installs and app opens go by their {@code UserEventStream}. */
    public static final String AI_SESSIONS = "AI_SESSION";

    private static final String KEY = " WHERE event_day = ? AND stream = ? AND received_at = ?";
    private static final String ADD = "UPDATE late_arrival SET items = items + ?" + KEY;
    private static final String CREATE = "INSERT INTO late_arrival (items, event_day, stream, received_at) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

    /** An item as it happened and was received ({@code receivedAt} null: unknown). */
    public record Received(Instant happenedAt, Instant receivedAt) {
    }

    /** Late items of one stream and day of the events, received in one request. */
    public record LateArrival(LocalDate eventDay, String stream, Instant receivedAt, long items) {
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
        // Keyed as the table is, so that the rows are written in key order.
        record Key(LocalDate eventDay, Instant receivedAt) implements Comparable<Key> {
            @Override
            public int compareTo(Key o) {
                int byDay = eventDay.compareTo(o.eventDay);
                return byDay != 0 ? byDay : receivedAt.compareTo(o.receivedAt);
            }
        }
        SortedMap<Key, Long> late = new TreeMap<>();
        for (Received item : items) {
            LocalDate day = LocalDate.ofInstant(item.happenedAt(), zone);
            if (rule.isLate(day, item.receivedAt(), zone)) {
                late.merge(new Key(day, item.receivedAt()), 1L, Long::sum);
            }
        }
        if (late.isEmpty()) {
            return;
        }
        List<LateArrival> rows = new ArrayList<>();
        late.forEach((key, n) -> rows.add(new LateArrival(key.eventDay(), stream, key.receivedAt(), n)));
        Rollup.addSums(transactions.getConnection(), ADD, LateItemsStore::bind, CREATE, LateItemsStore::bind, rows);
    }

    private static void bind(PreparedStatement ps, LateArrival a) throws SQLException {
        ps.setLong(1, a.items());
        ps.setObject(2, a.eventDay());
        ps.setString(3, a.stream());
        ps.setObject(4, OffsetDateTime.ofInstant(a.receivedAt(), ZoneOffset.UTC));
    }

    /** The late items of the events of {@code from..to}, per day received (in {@code zone}), in order of the day. */
    public SortedMap<LocalDate, Long> byDayReceived(LocalDate from, LocalDate to, ZoneId zone) throws SQLException {
        SortedMap<LocalDate, Long> byDay = new TreeMap<>();
        for (LateArrival a : arrivals(from, to, null)) {
            byDay.merge(LocalDate.ofInstant(a.receivedAt(), zone), a.items(), Long::sum);
        }
        return byDay;
    }

    /**
     * The late items of the events of {@code from..to} received strictly after {@code after} (null: all of them),
     * in the caller's transaction.
     */
    public List<LateArrival> arrivals(LocalDate from, LocalDate to, @Nullable Instant after) throws SQLException {
        List<LateArrival> arrivals = new ArrayList<>();
        try (PreparedStatement ps = transactions.getConnection().prepareStatement("SELECT event_day, stream, received_at,"
                + " items FROM late_arrival WHERE event_day BETWEEN ? AND ?" + (after == null ? "" : " AND received_at > ?"))) {
            ps.setObject(1, from);
            ps.setObject(2, to);
            if (after != null) {
                ps.setObject(3, OffsetDateTime.ofInstant(after, ZoneOffset.UTC));
            }
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    arrivals.add(new LateArrival(rs.getObject(1, LocalDate.class), rs.getString(2),
                            rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getLong(4)));
                }
            }
        }
        return arrivals;
    }
}
