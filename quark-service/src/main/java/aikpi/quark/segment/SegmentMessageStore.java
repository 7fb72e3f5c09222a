package aikpi.quark.segment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * The messageIds of every Segment call stored, in the caller's transaction: the primary key is the dedup, so a
 * messageId seen before is a duplicate forever, whichever event it came as (Segment's own rule).
 */
final class SegmentMessageStore {

    private static final String INSERT = "INSERT INTO segment_message (message_id, kind) VALUES (?, ?) ON CONFLICT DO NOTHING";

    private SegmentMessageStore() {
    }

    /**
     * Records the messages not recorded yet, in messageId order (so concurrent writers meet them in one order).
     *
     * @return the messageIds that were new
     */
    static Set<String> recordNew(Connection c, SortedMap<String, SegmentMapping.Kind> messages) throws SQLException {
        Set<String> fresh = new HashSet<>();
        if (messages.isEmpty()) {
            return fresh;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (Map.Entry<String, SegmentMapping.Kind> m : messages.entrySet()) {
                ps.setString(1, m.getKey());
                ps.setString(2, m.getValue().name());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            int i = 0;
            for (String messageId : messages.keySet()) {
                if (counts[i] == Statement.SUCCESS_NO_INFO) {
                    throw new IllegalStateException("The JDBC driver did not report per-row counts; dedup needs them");
                }
                if (counts[i++] > 0) {
                    fresh.add(messageId);
                }
            }
        }
        return fresh;
    }
}
