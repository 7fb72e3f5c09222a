package aikpi.quark.segment;

import aikpi.platform.store.Sql;
import aikpi.quark.segment.SegmentMapping.Kind;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a Segment call's messageId is already stored as another kind of event, read in the caller's transaction. A
 * call mapped to an event is stored under {@code sg:} + messageId in its kind's table, whose primary key makes a
 * repeat of the same kind a duplicate; a messageId stored before as another kind is a duplicate too (Segment's rule:
 * one messageId, one message), which these look-ups find without a table of their own.
 */
@Singleton
class SegmentIdStore {

    /** The id column of each kind's table (fixed here: nothing from a request reaches SQL but bind values). */
    private static final Map<Kind, String> LOOK_UP = Map.of(
            Kind.INSTALL, "SELECT event_id FROM install_event WHERE event_id IN (",
            Kind.OPEN, "SELECT event_id FROM activity_event WHERE event_id IN (",
            Kind.AI_SESSION, "SELECT session_id FROM ai_session WHERE session_id IN (");

    private final TransactionOperations<Connection> transactions;

    public SegmentIdStore(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /**
     * @param idsByKind the {@code sg:} ids of the calls of each kind
     * @return those stored already as an event of another kind
     */
    Set<String> storedAsAnotherKind(Map<Kind, List<String>> idsByKind) throws SQLException {
        Connection c = transactions.getConnection();
        Set<String> found = new HashSet<>();
        for (var e : idsByKind.entrySet()) {
            for (Kind other : Kind.values()) {
                if (other != e.getKey()) {
                    found.addAll(stored(c, other, e.getValue()));
                }
            }
        }
        return found;
    }

    private static Set<String> stored(Connection c, Kind kind, List<String> ids) throws SQLException {
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < ids.size(); from += Sql.IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + Sql.IN_CHUNK));
            try (PreparedStatement ps = c.prepareStatement(LOOK_UP.get(kind) + Sql.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                }
            }
        }
        return stored;
    }
}
