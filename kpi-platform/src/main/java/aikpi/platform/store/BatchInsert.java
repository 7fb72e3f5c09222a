package aikpi.platform.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts rows with the primary key as the dedup ({@code INSERT ... ON CONFLICT DO NOTHING}) and tells which were new,
 * from the batch's per-row counts: a retried batch, or a second instance, then counts each row once. Runs in JDBC
 * batches of {@link #BATCH} rows, since a driver holds a batch's bound values until it runs.
 */
public final class BatchInsert {

    /** Rows per JDBC batch. */
    static final int BATCH = 1_000;

    private BatchInsert() {
    }

    /**
     * @param insert {@code INSERT INTO ... ON CONFLICT DO NOTHING} of one row, bound by {@code binder}
     * @return the rows that were inserted, in their order; the rest were stored already
     */
    public static <R> List<R> newRows(Connection c, String insert, RowBinder<R> binder, List<R> rows) throws SQLException {
        return rowsWhere(c, insert, binder, rows, true);
    }

    /**
     * Runs {@code sql} once per row, in batches; the rows it changed a row for ({@code changed}) or changed none for.
     *
     * @throws IllegalStateException if the driver does not report per-row counts (PostgreSQL's
     *                               {@code reWriteBatchedInserts} does not): nothing could tell the rows apart
     */
    static <R> List<R> rowsWhere(Connection c, String sql, RowBinder<R> binder, List<R> rows, boolean changed)
            throws SQLException {
        List<R> matching = new ArrayList<>(changed ? rows.size() : 0);
        if (rows.isEmpty()) {
            return matching;
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
                        throw new IllegalStateException("The JDBC driver did not report per-row counts; dedup needs them");
                    }
                    if ((counts[i] > 0) == changed) {
                        matching.add(batch.get(i));
                    }
                }
            }
        }
        return matching;
    }
}
