package aikpi.quark.sessions;

import aikpi.platform.store.BatchInsert;
import aikpi.platform.store.Transactions;
import aikpi.quark.apps.AppLocks;
import aikpi.quark.rollup.EventAggregates;
import aikpi.quark.rollup.LateItemsStore;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * AI sessions in plain JDBC: raw sessions are inserted in batches with the primary key as the dedup
 * ({@link BatchInsert}), and exactly
 * the sessions that were new advance, in the same transaction, the aggregates ({@link EventAggregates}).
 */
@Singleton
public class AiSessionStore {

    private static final String INSERT = """
            INSERT INTO ai_session (session_id, app_id, feature_id, user_id, started_at, turns, agent_calls, outcome,
                                    rating, converted, conversion_value_cny, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    private final Transactions transactions;
    private final AppLocks locks;
    private final EventAggregates aggregates;

    public AiSessionStore(Transactions transactions, AppLocks locks, EventAggregates aggregates) {
        this.transactions = transactions;
        this.locks = locks;
        this.aggregates = aggregates;
    }

    /**
     * Stores the sessions that are not stored yet and adds them to the aggregates; answers the new ones.
     *
     * @param receivedAt when the request that carried them was received (one instant per request)
     */
    public List<AiSession> storeNew(List<AiSession> sessions, Instant receivedAt, ZoneId zone) {
        return transactions.write(c -> {
            // The apps' locks first, as every write of events takes them: a change of an app's feed waits for this.
            locks.lockEventFed(sessions.stream().map(AiSession::appId).toList());
            List<AiSession> fresh = insert(c, sessions, receivedAt);
            aggregates.addSessions(fresh, zone);
            aggregates.addLate(LateItemsStore.AI_SESSIONS, fresh.stream()
                    .map(s -> new LateItemsStore.Received(s.startedAt(), receivedAt)).toList(), zone);
            return fresh;
        });
    }

    private static List<AiSession> insert(Connection c, List<AiSession> sessions, Instant receivedAt)
            throws SQLException {
        OffsetDateTime received = OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC);
        return BatchInsert.newRows(c, INSERT, (ps, s) -> {
            ps.setString(1, s.sessionId());
            ps.setString(2, s.appId());
            ps.setString(3, s.featureId());
            ps.setString(4, s.userId());
            ps.setObject(5, OffsetDateTime.ofInstant(s.startedAt(), ZoneOffset.UTC));
            ps.setInt(6, s.turns());
            ps.setInt(7, s.agentCalls());
            ps.setString(8, s.outcome().name());
            if (s.rating() == null) {
                ps.setNull(9, Types.SMALLINT);
            } else {
                ps.setShort(9, s.rating().shortValue());
            }
            ps.setBoolean(10, s.converted());
            ps.setBigDecimal(11, s.conversionValueCny());
            ps.setObject(12, received);
        }, sessions);
    }
}
