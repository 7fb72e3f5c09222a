package aikpi.platform.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.SortedMap;

/**
 * Merges values into rows that hold one stored value each (a sketch's bytes, say) inside the caller's transaction,
 * row by row in key order: the row is locked and read ({@code SELECT value ... FOR UPDATE}), the merge decides what to
 * write, and the row is updated, or inserted when there was none. An insert is {@code INSERT ... ON CONFLICT DO
 * NOTHING}: where a concurrent writer is inserting the same key, PostgreSQL and H2 wait for it, and if it committed,
 * the row is locked, read and merged again instead of failing the transaction (as {@link AdditiveRollup} does for
 * sums). Passing keys in order makes concurrent writers take the rows' locks in the same order.
 */
public final class LockedRowMerge {

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

    private LockedRowMerge() {
    }

    /**
     * @param lock   {@code SELECT value FROM t WHERE <key> FOR UPDATE}, the key bound from parameter 1
     * @param update {@code UPDATE t SET <written columns> = ? ... WHERE <key>}: the written values first, then the key
     * @param insert {@code INSERT INTO t (<key columns>, <written columns>) VALUES (...) ON CONFLICT DO NOTHING}: the key
     *               first, then the written values
     */
    public static <K, V> void merge(Connection c, String lock, String update, String insert, KeyBinder<K> bindKey,
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
