package aikpi.quark.retention;

import aikpi.platform.store.Rollup;
import aikpi.platform.store.Sql;
import aikpi.quark.firstseen.FirstSeenChange;
import aikpi.quark.rollup.Interval;
import io.micronaut.core.annotation.Nullable;
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
import org.apache.datasketches.theta.CompactSketch;
import org.apache.datasketches.theta.Sketch;
import org.apache.datasketches.theta.UpdateSketch;

/**
 * Stored sets of users ({@link UserSets}). Writers union a batch's users into each window's stored set, row by row in
 * key order under a row lock, in the transaction that stores the batch; readers read a range of windows at once.
 */
@Singleton
public class UserSetStore {

    private static final String LOCK = """
            SELECT sketch FROM user_set WHERE scope = ? AND kind = ? AND grain = ? AND bucket_start = ? FOR UPDATE""";
    private static final String UPDATE = """
            UPDATE user_set SET sketch = ? WHERE scope = ? AND kind = ? AND grain = ? AND bucket_start = ?""";
    private static final String INSERT = "INSERT INTO user_set (scope, kind, grain, bucket_start, sketch) VALUES (?, ?, ?, ?, ?)";

    private static final int REBUILD_CHUNK = 50_000;

    private final TransactionOperations<Connection> transactions;

    public UserSetStore(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Unions each set into its stored window, creating windows that do not exist yet. */
    public void add(SortedMap<UserSetKey, UpdateSketch> additions) throws SQLException {
        Connection c = transactions.getConnection();
        Rollup.mergeStored(c, LOCK, UPDATE, INSERT + " ON CONFLICT DO NOTHING", UserSetStore::bindKey, 4, additions,
                (stored, addition) -> {
                    // Through a union either way: what is stored never holds more than the nominal entries.
                    if (stored == null) {
                        return new Object[] {UserSets.toBytes(UserSets.union(List.of(addition)))};
                    }
                    Sketch before = UserSets.wrap(stored);
                    CompactSketch after = UserSets.union(List.of(before, addition));
                    // A large set keeps only the users whose hash falls under its theta: most of a batch then changes
                    // nothing, and nothing is written.
                    boolean unchanged = after.getRetainedEntries() == before.getRetainedEntries()
                            && after.getThetaLong() == before.getThetaLong();
                    return unchanged ? null : new Object[] {UserSets.toBytes(after)};
                });
    }

    /**
     * Sets a window's stored set to {@code set}, or removes it when null: for sets that are not built up by unions
     * (an app fed by daily aggregates sends each day whole, and may send it again).
     */
    public void replace(UserSetKey key, @Nullable Sketch set) throws SQLException {
        Connection c = transactions.getConnection();
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM user_set WHERE scope = ? AND kind = ? AND grain = ? AND bucket_start = ?")) {
            bindKey(delete, 1, key);
            delete.executeUpdate();
        }
        if (set == null) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            bindKey(insert, 1, key);
            insert.setBytes(5, UserSets.toBytes(UserSets.union(List.of(set))));
            insert.executeUpdate();
        }
    }

    /** Adds the cohorts that first-seen changes make ({@link UserSetRollup#cohorts}). */
    public void addCohorts(Collection<FirstSeenChange> changes) throws SQLException {
        add(UserSetRollup.cohorts(changes));
    }

    private static void bindKey(PreparedStatement ps, int first, UserSetKey k) throws SQLException {
        ps.setString(first, k.scope());
        ps.setString(first + 1, k.kind().name());
        ps.setString(first + 2, k.interval().name());
        ps.setObject(first + 3, k.bucketStart());
    }

    /**
     * The stored sets of one kind and interval whose windows start in {@code from..to}, of these scopes, keyed by scope
     * and then window.
     */
    public Map<String, Map<LocalDate, Sketch>> read(SetKind kind, Interval interval, LocalDate from,
                                                           LocalDate to, Collection<String> scopes) throws SQLException {
        Connection c = transactions.getConnection();
        Map<String, Map<LocalDate, Sketch>> sets = new HashMap<>();
        List<String> list = new ArrayList<>(scopes);
        for (int start = 0; start < list.size(); start += Sql.IN_CHUNK) {
            List<String> chunk = list.subList(start, Math.min(list.size(), start + Sql.IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement("SELECT scope, bucket_start, sketch FROM user_set"
                    + " WHERE kind = ? AND grain = ? AND bucket_start >= ? AND bucket_start <= ?"
                    + " AND scope IN (" + Sql.placeholders(chunk.size()) + ")")) {
                ps.setString(1, kind.name());
                ps.setString(2, interval.name());
                ps.setObject(3, from);
                ps.setObject(4, to);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(5 + i, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sets.computeIfAbsent(rs.getString(1), s -> new HashMap<>())
                                .put(rs.getObject(2, LocalDate.class), UserSets.wrap(rs.getBytes(3)));
                    }
                }
            }
        }
        return sets;
    }

    /**
     * Recuts a scope's cohorts from its exact first-seen records (the scope's left-cohort sets go with them): after a
     * business unit's users were recounted because an app moved between units.
     */
    public void rebuildCohorts(String scope) throws SQLException {
        Connection c = transactions.getConnection();
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM user_set WHERE scope = ? AND kind IN (?, ?)")) {
            ps.setString(1, scope);
            ps.setString(2, SetKind.COHORT.name());
            ps.setString(3, SetKind.LEFT.name());
            ps.executeUpdate();
        }
        List<FirstSeenChange> members = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT user_id, first_seen_day FROM first_seen WHERE scope = ?")) {
            ps.setString(1, scope);
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    members.add(new FirstSeenChange(scope, rs.getString(1), rs.getObject(2, LocalDate.class), null));
                    // In chunks, so a unit of millions of users never sits in memory at once.
                    if (members.size() == REBUILD_CHUNK) {
                        addCohorts(members);
                        members.clear();
                    }
                }
            }
        }
        addCohorts(members);
    }
}
