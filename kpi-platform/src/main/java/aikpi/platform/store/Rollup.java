package aikpi.platform.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Advances rollup rows inside the caller's transaction, whether or not their keys have rows yet, without failing when
 * a concurrent writer creates the same key first. Two kinds of row, one rule set:
 * <ul>
 *   <li>{@link #addSums}: counts and sums, added in the database by batched {@code UPDATE ... SET x = x + ?};</li>
 *   <li>{@link #mergeStored}: one stored value (a sketch's bytes) that only Java can merge, so each row is locked
 *       and read ({@code SELECT ... FOR UPDATE}), merged and written back.</li>
 * </ul>
 * Both insert a missing key by {@code INSERT ... ON CONFLICT DO NOTHING}: where another transaction is inserting the
 * same key, PostgreSQL and H2 wait for it, and if it committed the row is then added to or merged, instead of a
 * primary-key collision that would run the whole transaction again. Rows are passed in key order, so that concurrent
 * writers take the rows' locks in the same order; a deadlock or lock time-out that remains is a conflict for the
 * {@link RetryPolicy}.
 */
public final class Rollup {

    /** Binds a key to a statement's parameters from {@code first} on. */
    @FunctionalInterface
    public interface KeyBinder<K> {
        void bind(PreparedStatement ps, int first, K key) throws SQLException;
    }

    /** What to write for an addition, given the stored value (null when there is no row). */
    @FunctionalInterface
    public interface Merge<V> {
        /** @return the values of the written columns in the statements' order, or null to leave a stored row as it is */
        Object[] merged(byte[] stored, V addition);
    }

    private Rollup() {
    }

    /**
     * Adds each row's amounts to its key's row: the {@code UPDATE} adds to the rows that exist, the keys it found no
     * row for are inserted, and the keys a concurrent writer inserted meanwhile are added to by the {@code UPDATE}
     * again. Batched as {@link BatchInsert} is.
     *
     * @param add    {@code UPDATE table SET ... = ... + ? ... WHERE <key>}, bound by {@code bindAdd}
     * @param create {@code INSERT INTO table ... ON CONFLICT DO NOTHING} of a row with the amounts, bound by
     *               {@code bindCreate}
     * @param rows   the amounts per key, in key order
     */
    public static <R> void addSums(Connection c, String add, RowBinder<R> bindAdd, String create, RowBinder<R> bindCreate,
                                   List<R> rows) throws SQLException {
        List<R> missing = BatchInsert.rowsWhere(c, add, bindAdd, rows, false);
        List<R> createdMeanwhile = BatchInsert.rowsWhere(c, create, bindCreate, missing, false);
        if (!BatchInsert.rowsWhere(c, add, bindAdd, createdMeanwhile, false).isEmpty()) {
            // Inserted by another writer and gone again before this one could add to it: start over.
            throw new WriteConflictException("a rollup row was created and removed by a concurrent writer");
        }
    }

    /**
     * Merges each addition into its key's stored value, row by row in key order.
     *
     * @param lock   {@code SELECT value FROM t WHERE <key> FOR UPDATE}, the key bound from parameter 1
     * @param update {@code UPDATE t SET <written columns> = ? ... WHERE <key>}: the written values first, then the key
     * @param insert {@code INSERT INTO t (<key columns>, <written columns>) VALUES (...) ON CONFLICT DO NOTHING}: the key
     *               first, then the written values
     */
    public static <K, V> void mergeStored(Connection c, String lock, String update, String insert, KeyBinder<K> bindKey,
                                          int keyColumns, SortedMap<K, V> additions, Merge<V> merge) throws SQLException {
        if (additions.isEmpty()) {
            return;
        }
        try (PreparedStatement locking = c.prepareStatement(lock);
             PreparedStatement updating = c.prepareStatement(update);
             PreparedStatement inserting = c.prepareStatement(insert)) {
            for (Map.Entry<K, V> e : additions.entrySet()) {
                K key = e.getKey();
                boolean written = false;
                // Twice at most: a row a concurrent writer inserted first is read and merged on the second pass.
                for (int pass = 0; pass < 2 && !written; pass++) {
                    byte[] stored = read(locking, bindKey, key);
                    Object[] values = merge.merged(stored, e.getValue());
                    if (stored != null) {
                        if (values != null) {
                            bindValues(updating, 1, values);
                            bindKey.bind(updating, values.length + 1, key);
                            updating.executeUpdate();
                        }
                        written = true;
                    } else {
                        bindKey.bind(inserting, 1, key);
                        bindValues(inserting, keyColumns + 1, values);
                        written = inserting.executeUpdate() == 1;
                    }
                }
                if (!written) {
                    // Inserted by another writer and gone again before this one could lock it: start over.
                    throw new WriteConflictException("a row was created and removed by a concurrent writer");
                }
            }
        }
    }

    private static <K> byte[] read(PreparedStatement locking, KeyBinder<K> bindKey, K key) throws SQLException {
        bindKey.bind(locking, 1, key);
        try (ResultSet rs = locking.executeQuery()) {
            return rs.next() ? rs.getBytes(1) : null;
        }
    }

    private static void bindValues(PreparedStatement ps, int first, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(first + i, values[i]);
        }
    }
}
