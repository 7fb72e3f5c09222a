package aikpi.platform.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Walks a table in ranges of one of its columns (its key, or the leading column of its key), each range read and worked in a transaction of its own, so
 * that what a pass over a table costs (memory of the database and of the service, the size of a transaction) is
 * bounded by the range, never by the table. The recuts after an unclean stop run this way.
 */
public final class KeyRanges {

    /** Works the rows whose key lies in ({@code after}, {@code upTo}]; null bounds are open. */
    @FunctionalInterface
    public interface RangeWork {
        /** @return how many rows it worked */
        long run(Connection c, Range range) throws SQLException;
    }

    /**
     * A range of keys: ({@code after}, {@code upTo}], either end open when null. The bounds are the column's values as
     * the driver reads them (text, a timestamp...), bound back as they were read.
     */
    public record Range(String key, Object after, Object upTo) {

        /** The condition on the key, for a WHERE clause: {@code TRUE} for an unbounded range. */
        public String condition() {
            String lower = after == null ? null : key + " > ?";
            String upper = upTo == null ? null : key + " <= ?";
            if (lower == null && upper == null) {
                return "TRUE";
            }
            return lower == null ? upper : upper == null ? lower : lower + " AND " + upper;
        }

        /** Binds the condition's bounds from parameter {@code first}; answers the next free parameter. */
        public int bind(PreparedStatement ps, int first) throws SQLException {
            int i = first;
            if (after != null) {
                ps.setObject(i++, after);
            }
            if (upTo != null) {
                ps.setObject(i++, upTo);
            }
            return i;
        }
    }

    private KeyRanges() {
    }

    /**
     * Runs {@code work} over {@code table} in key order, at most {@code size} rows per range and per write transaction
     * (more where rows share a value of a column that is not unique: a value is never split between ranges).
     *
     * @return the rows worked in all
     */
    public static long forEach(Transactions transactions, String table, String key, int size, RangeWork work) {
        long worked = 0;
        Object after = null;
        while (true) {
            Object from = after;
            Object upTo = transactions.read(c -> lastKeyOfRange(c, table, key, from, size));
            Range range = new Range(key, from, upTo);
            worked += transactions.write(c -> work.run(c, range));
            if (upTo == null) {
                return worked;
            }
            after = upTo;
        }
    }

    /** The key {@code size} rows after {@code after}; null when fewer rows are left (the last range is open). */
    static Object lastKeyOfRange(Connection c, String table, String key, Object after, int size) throws SQLException {
        String sql = "SELECT " + key + " FROM " + table + (after == null ? "" : " WHERE " + key + " > ?")
                + " ORDER BY " + key + " OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (after != null) {
                ps.setObject(i++, after);
            }
            ps.setInt(i, size - 1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }
}
