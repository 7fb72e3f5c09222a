package aikpi.quark.firstseen;

import aikpi.platform.store.Rollup;
import aikpi.platform.store.RowBinder;
import aikpi.platform.store.Sql;
import aikpi.quark.firstseen.FirstSeen.ScopedDay;
import aikpi.quark.firstseen.FirstSeen.ScopedUser;
import aikpi.vocabulary.Period;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The exact first-seen records and the per-day counts of new users derived from them, kept in step in the
 * writer's transaction.
 *
 * <p>A write reads the users' stored first days (without locks), then inserts the users new to a scope and moves
 * the users seen earlier than recorded. Both are safe against a concurrent writer: a concurrent first insert of the
 * same user fails on the primary key, and a move is a compare-and-set on the day it read; either way the whole
 * transaction is run again. A user already recorded on or before the day needs no write at all, and stays right
 * whatever another writer does, because a first day only ever moves earlier.
 */
@Singleton
public class FirstSeenStore {

    private static final String INSERT_USER = "INSERT INTO first_seen (user_id, scope, first_seen_day) VALUES (?, ?, ?)";
    private static final String MOVE_USER = """
            UPDATE first_seen SET first_seen_day = ? WHERE user_id = ? AND scope = ? AND first_seen_day = ?""";

    private static final String ADD_DAILY = "UPDATE first_seen_daily SET new_users = new_users + ? WHERE scope = ? AND seen_day = ?";
    private static final String CREATE_DAILY = """
            INSERT INTO first_seen_daily (new_users, scope, seen_day) VALUES (?, ?, ?) ON CONFLICT DO NOTHING""";

    private final TransactionOperations<Connection> transactions;

    public FirstSeenStore(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /**
     * Records the sightings' earliest days (from {@link FirstSeen#earliest}) and advances the per-day counts.
     *
     * @return each user whose first day in a scope was set or moved earlier, in key order
     */
    public List<FirstSeenChange> record(SortedMap<ScopedUser, LocalDate> earliest) throws SQLException {
        Connection c = transactions.getConnection();
        List<FirstSeenChange> changes = new ArrayList<>();
        if (earliest.isEmpty()) {
            return changes;
        }
        Map<ScopedUser, LocalDate> stored = storedDays(c, earliest.keySet());
        SortedMap<ScopedDay, Long> deltas = new TreeMap<>();
        try (PreparedStatement insert = c.prepareStatement(INSERT_USER);
             PreparedStatement move = c.prepareStatement(MOVE_USER)) {
            int inserts = 0;
            int moves = 0;
            for (var e : earliest.entrySet()) {
                ScopedUser u = e.getKey();
                LocalDate day = e.getValue();
                LocalDate before = stored.get(u);
                if (before == null) {
                    insert.setString(1, u.userId());
                    insert.setString(2, u.scope());
                    insert.setObject(3, day);
                    insert.addBatch();
                    inserts++;
                    FirstSeen.count(deltas, u, day, null);
                    changes.add(new FirstSeenChange(u.scope(), u.userId(), day, null));
                } else if (day.isBefore(before)) {
                    move.setObject(1, day);
                    move.setString(2, u.userId());
                    move.setString(3, u.scope());
                    move.setObject(4, before);
                    move.addBatch();
                    moves++;
                    FirstSeen.count(deltas, u, day, before);
                    changes.add(new FirstSeenChange(u.scope(), u.userId(), day, before));
                }
            }
            if (inserts > 0) {
                insert.executeBatch();
            }
            if (moves > 0) {
                for (int count : move.executeBatch()) {
                    if (count == 0) {
                        throw new SQLException("A first-seen day was moved by a concurrent write", "40001");
                    }
                }
            }
        }
        addDaily(c, deltas);
        return changes;
    }

    /** The stored first days of these users in these scopes; looked up by user, the first key column. */
    private static Map<ScopedUser, LocalDate> storedDays(Connection c, Collection<ScopedUser> keys) throws SQLException {
        List<String> users = new ArrayList<>(new TreeSet<>(keys.stream().map(ScopedUser::userId).toList()));
        List<String> scopes = new ArrayList<>(new TreeSet<>(keys.stream().map(ScopedUser::scope).toList()));
        Map<ScopedUser, LocalDate> stored = new HashMap<>();
        for (int from = 0; from < users.size(); from += Sql.IN_CHUNK) {
            List<String> chunk = users.subList(from, Math.min(users.size(), from + Sql.IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement("SELECT user_id, scope, first_seen_day FROM first_seen"
                    + " WHERE user_id IN (" + Sql.placeholders(chunk.size()) + ")"
                    + " AND scope IN (" + Sql.placeholders(scopes.size()) + ")")) {
                int next = 1;
                for (String u : chunk) {
                    ps.setString(next++, u);
                }
                for (String s : scopes) {
                    ps.setString(next++, s);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.put(new ScopedUser(rs.getString(2), rs.getString(1)), rs.getObject(3, LocalDate.class));
                    }
                }
            }
        }
        return stored;
    }

    /** Adds each (scope, day)'s change of new users to its stored count ({@link Rollup#addSums}), in key order. */
    private static void addDaily(Connection c, SortedMap<ScopedDay, Long> deltas) throws SQLException {
        List<Map.Entry<ScopedDay, Long>> changed = deltas.entrySet().stream().filter(e -> e.getValue() != 0).toList();
        RowBinder<Map.Entry<ScopedDay, Long>> bind = (ps, e) -> {
            ps.setLong(1, e.getValue());
            ps.setString(2, e.getKey().scope());
            ps.setObject(3, e.getKey().day());
        };
        Rollup.addSums(c, ADD_DAILY, bind, CREATE_DAILY, bind, changed);
    }

    /**
     * Recounts a business unit from its apps' records, exactly: a user's first day in the unit is the earliest of
     * their first days in its apps. Used when an app moves between units; the caller holds the apps' locks.
     */
    public void rebuildUnit(String businessUnit, List<String> appIds) throws SQLException {
        Connection c = transactions.getConnection();
        String scope = FirstSeen.unitScope(businessUnit);
        try (PreparedStatement users = c.prepareStatement("DELETE FROM first_seen WHERE scope = ?");
             PreparedStatement daily = c.prepareStatement("DELETE FROM first_seen_daily WHERE scope = ?")) {
            users.setString(1, scope);
            users.executeUpdate();
            daily.setString(1, scope);
            daily.executeUpdate();
        }
        if (appIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO first_seen (user_id, scope, first_seen_day)"
                + " SELECT user_id, CAST(? AS VARCHAR(80)), MIN(first_seen_day) FROM first_seen"
                + " WHERE scope IN (" + Sql.placeholders(appIds.size()) + ") GROUP BY user_id")) {
            ps.setString(1, scope);
            for (int i = 0; i < appIds.size(); i++) {
                ps.setString(i + 2, FirstSeen.appScope(appIds.get(i)));
            }
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO first_seen_daily (scope, seen_day, new_users)"
                + " SELECT scope, first_seen_day, COUNT(*) FROM first_seen WHERE scope = ? GROUP BY scope, first_seen_day")) {
            ps.setString(1, scope);
            ps.executeUpdate();
        }
    }

    /** For each scope, the users first seen on each day of {@code from..to} (days with none left out). */
    public Map<String, SortedMap<LocalDate, Long>> newUsersByDay(Collection<String> scopes,
                                                                        LocalDate from, LocalDate to) throws SQLException {
        Connection c = transactions.getConnection();
        Map<String, SortedMap<LocalDate, Long>> days = new HashMap<>();
        List<String> list = new ArrayList<>(scopes);
        for (int start = 0; start < list.size(); start += Sql.IN_CHUNK) {
            List<String> chunk = list.subList(start, Math.min(list.size(), start + Sql.IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement("SELECT scope, seen_day, new_users FROM first_seen_daily"
                    + " WHERE seen_day >= ? AND seen_day <= ? AND scope IN (" + Sql.placeholders(chunk.size()) + ")")) {
                ps.setObject(1, from);
                ps.setObject(2, to);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 3, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        days.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                                .put(rs.getObject(2, LocalDate.class), rs.getLong(3));
                    }
                }
            }
        }
        return days;
    }

    /** New and total users of a scope for a period. */
    public record UserCounts(long newUsers, long totalUsers) {
        public static final UserCounts NONE = new UserCounts(0, 0);
    }

    /** For each scope, users first seen in the period and users first seen up to its end. */
    public Map<String, UserCounts> counts(Collection<String> scopes, Period period) throws SQLException {
        Connection c = transactions.getConnection();
        Map<String, UserCounts> counts = new HashMap<>();
        if (scopes.isEmpty()) {
            return counts;
        }
        List<String> list = new ArrayList<>(scopes);
        try (PreparedStatement ps = c.prepareStatement("SELECT scope,"
                + " SUM(CASE WHEN seen_day >= ? THEN new_users ELSE 0 END), SUM(new_users)"
                + " FROM first_seen_daily WHERE seen_day <= ? AND scope IN (" + Sql.placeholders(list.size()) + ")"
                + " GROUP BY scope")) {
            ps.setObject(1, period.firstDay());
            ps.setObject(2, period.lastDay());
            for (int i = 0; i < list.size(); i++) {
                ps.setString(i + 3, list.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), new UserCounts(rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return counts;
    }
}
