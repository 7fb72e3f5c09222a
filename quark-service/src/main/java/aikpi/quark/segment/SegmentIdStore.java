package aikpi.quark.segment;

import aikpi.platform.store.Sql;
import aikpi.quark.segment.SegmentMapping.Kind;
import aikpi.vocabulary.Sha256;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a Segment call's messageId is already stored as another kind of event, read in the caller's transaction. A
 * call mapped to an event is stored under {@code sg:} + messageId in its kind's table, whose primary key makes a
 * repeat of the same kind a duplicate; a messageId stored before as another kind is a duplicate too (Segment's rule:
 * one messageId, one message), which these look-ups find without a table of their own. Installs and app opens are
 * keyed by the call's stamp and the id's SHA-256 ({@link aikpi.quark.activity.UserEvent}); AI sessions by their id.
 */
@Singleton
class SegmentIdStore {

    /** A call's event id and its producer's stamp. */
    record Message(String eventId, Instant stamp) {
    }

    private final TransactionOperations<Connection> transactions;

    public SegmentIdStore(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /**
     * @param byKind the calls of each kind, by their {@code sg:} ids and stamps
     * @return the ids of those stored already as an event of another kind
     */
    Set<String> storedAsAnotherKind(Map<Kind, List<Message>> byKind) throws SQLException {
        Connection c = transactions.getConnection();
        Set<String> found = new HashSet<>();
        for (var e : byKind.entrySet()) {
            for (Kind other : Kind.values()) {
                if (other != e.getKey()) {
                    found.addAll(other == Kind.AI_SESSION ? storedSessions(c, e.getValue())
                            : storedUserEvents(c, other == Kind.INSTALL ? "install_event" : "activity_event", e.getValue()));
                }
            }
        }
        return found;
    }

    private static Set<String> storedSessions(Connection c, List<Message> messages) throws SQLException {
        Set<String> stored = new HashSet<>();
        for (List<Message> chunk : chunks(messages)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT session_id FROM ai_session WHERE session_id IN ("
                    + Sql.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i).eventId());
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

    /**
     * Installs or app opens among the calls: looked up by their stamps and id hashes (the table's key), the pairs
     * matched by the database itself so that its rounding of an instant is the one the key was stored with.
     */
    private static Set<String> storedUserEvents(Connection c, String table, List<Message> messages) throws SQLException {
        Set<String> stored = new HashSet<>();
        for (List<Message> chunk : chunks(messages)) {
            Map<ByteBuffer, String> idOfKey = new HashMap<>();
            for (Message m : chunk) {
                idOfKey.put(ByteBuffer.wrap(Sha256.ofText(m.eventId())), m.eventId());
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT event_key FROM " + table + " WHERE keyed_at IN ("
                    + Sql.placeholders(chunk.size()) + ") AND event_key IN (" + Sql.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setObject(i + 1, OffsetDateTime.ofInstant(chunk.get(i).stamp(), ZoneOffset.UTC));
                    ps.setBytes(chunk.size() + i + 1, Sha256.ofText(chunk.get(i).eventId()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.add(idOfKey.get(ByteBuffer.wrap(rs.getBytes(1))));
                    }
                }
            }
        }
        return stored;
    }

    private static List<List<Message>> chunks(List<Message> messages) {
        List<List<Message>> chunks = new ArrayList<>();
        Sql.forEachChunk(messages, chunks::add);
        return chunks;
    }
}
