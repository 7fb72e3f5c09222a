package aikpi.platform.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds amounts to the rows of a rollup table (counts and sums per key) inside the caller's transaction, whether or not
 * the keys have rows yet, without failing when a concurrent writer creates the same key first:
 * <ol>
 *   <li>a batched {@code UPDATE ... SET x = x + ?} by key adds to the rows that exist;</li>
 *   <li>the keys it found no row for are inserted by a batched {@code INSERT ... ON CONFLICT DO NOTHING}: where a
 *       concurrent transaction is inserting the same key, both PostgreSQL and H2 wait for it to end, and the insert
 *       then does nothing if it committed;</li>
 *   <li>those keys, whose rows now exist and are committed, are added to by the {@code UPDATE} again.</li>
 * </ol>
 * Without the second step's wait, two writers creating the same new day's rows collide on the primary key, and the
 * loser's whole transaction is run again, and can lose again to the next batch, until its retries run out (seen with
 * two senders on a fresh database). The caller passes rows in key order, so that concurrent writers take the rows'
 * locks in the same order; a deadlock or lock time-out that remains is a conflict for the {@link RetryPolicy}.
 */
public final class AdditiveRollup {

    /** Rows per JDBC batch. */
    static final int BATCH = 1_000;

    /** Binds one row to a statement's parameters. */
    @FunctionalInterface
    public interface Binder<R> {
        void bind(PreparedStatement ps, R row) throws SQLException;
    }

    private AdditiveRollup() {
    }

    /**
     * @param add    {@code UPDATE table SET ... = ... + ? ... WHERE <key>}, bound by {@code bindAdd}
     * @param create {@code INSERT INTO table ... ON CONFLICT DO NOTHING} of a row with the amounts, bound by
     *               {@code bindCreate}
     * @param rows   the amounts per key, in key order
     */
    public static <R> void add(Connection c, String add, Binder<R> bindAdd, String create, Binder<R> bindCreate, List<R> rows)
            throws SQLException {
        List<R> missing = unaffected(c, add, bindAdd, rows);
        List<R> createdMeanwhile = unaffected(c, create, bindCreate, missing);
        if (!unaffected(c, add, bindAdd, createdMeanwhile).isEmpty()) {
            // Inserted by another writer and gone again before this one could add to it: start over.
            throw new WriteConflictException("a rollup row was created and removed by a concurrent writer");
        }
    }

    /**
     * Runs {@code sql} a row each, in batches of at most {@link #BATCH} rows; the rows it changed nothing for. A driver
     * holds a batch's bound values until it runs: one batch of a FOCUS import's tens of thousands of rollup rows held
     * them all at once.
     */
    private static <R> List<R> unaffected(Connection c, String sql, Binder<R> binder, List<R> rows) throws SQLException {
        List<R> unaffected = new ArrayList<>();
        if (rows.isEmpty()) {
            return unaffected;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int from = 0; from < rows.size(); from += BATCH) {
                List<R> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
                for (R row : batch) {
                    binder.bind(ps, row);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == Statement.SUCCESS_NO_INFO) {
                        throw new IllegalStateException("The JDBC driver did not report per-row counts; the rollup needs them");
                    }
                    if (counts[i] == 0) {
                        unaffected.add(batch.get(i));
                    }
                }
            }
        }
        return unaffected;
    }
}
