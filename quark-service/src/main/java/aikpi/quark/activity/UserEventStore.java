package aikpi.quark.activity;

import aikpi.platform.store.BatchInsert;
import aikpi.platform.store.Sql;
import aikpi.platform.store.Transactions;
import aikpi.quark.apps.AppLocks;
import aikpi.quark.rollup.EventAggregates;
import aikpi.quark.rollup.LateItemsStore;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Installs and app opens in plain JDBC: raw events are inserted in batches with the primary key as the dedup
 * ({@link BatchInsert}: a known event is skipped by the database, so a retried batch or a second instance cannot count
 * it twice), and exactly the events that were new advance, in the same transaction, the aggregates
 * ({@link EventAggregates}). The key is the producer's stamp of the event's time and the SHA-256 of its id
 * ({@link UserEvent#identity()}): events arrive roughly in time order and their ids do not, so the time first keeps
 * the inserts of a batch near each other in the index, and the hash keeps the key at 32 bytes.
 */
@Singleton
public class UserEventStore {

    private final Transactions transactions;
    private final AppLocks locks;
    private final EventAggregates aggregates;

    public UserEventStore(Transactions transactions, AppLocks locks, EventAggregates aggregates) {
        this.transactions = transactions;
        this.locks = locks;
        this.aggregates = aggregates;
    }

    /**
     * Stores the events that are not stored yet and adds them to the aggregates.
     *
     * @param receivedAt when the request that carried them was received (one instant per request)
     * @return the events that were new (the rest were stored before)
     */
    public List<UserEvent> storeNew(UserEventStream stream, List<UserEvent> events, Instant receivedAt, ZoneId zone) {
        return transactions.write(c -> {
            // App locks first: a move of an app between business units (or a change of its feed) waits for this
            // write, and the reverse.
            Map<String, String> units = locks.lockEventFed(events.stream().map(UserEvent::appId).toList());
            List<UserEvent> fresh = insert(c, stream, events, receivedAt);
            aggregates.addUserEvents(stream, fresh.stream().map(UserEvent::sighting).toList(), units, zone);
            aggregates.addLate(stream.name(), fresh.stream()
                    .map(e -> new LateItemsStore.Received(e.occurredAt(), receivedAt)).toList(), zone);
            return fresh;
        });
    }

    private static List<UserEvent> insert(Connection c, UserEventStream stream, List<UserEvent> events,
                                          Instant receivedAt) throws SQLException {
        OffsetDateTime received = OffsetDateTime.ofInstant(receivedAt, ZoneOffset.UTC);
        return BatchInsert.newRows(c, "INSERT INTO " + stream.table + " (keyed_at, event_key, app_id, user_id,"
                + " occurred_at, received_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (ps, e) -> {
                    ps.setObject(1, OffsetDateTime.ofInstant(e.keyedAt(), ZoneOffset.UTC));
                    ps.setBytes(2, e.key());
                    ps.setString(3, e.appId());
                    ps.setString(4, e.userId());
                    ps.setObject(5, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
                    ps.setObject(6, received);
                }, events);
    }

    /**
     * Moves the events of the tables keyed by id into tables keyed by time and id hash (the migration that introduced
     * the key, and nothing else, calls it). A stored event's time is taken for its producer's stamp.
     */
    public static void rekey(Connection c) throws SQLException {
        for (UserEventStream stream : UserEventStream.values()) {
            String byId = stream.table + "_by_id";
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE " + stream.table + " RENAME TO " + byId);
                st.execute("CREATE TABLE " + stream.table + " ("
                        + "keyed_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                        + "event_key BYTEA NOT NULL, "
                        + "app_id VARCHAR(64) NOT NULL, "
                        + "user_id VARCHAR(128) NOT NULL, "
                        + "occurred_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                        + "CONSTRAINT " + stream.table + "_time_key PRIMARY KEY (keyed_at, event_key))");
                st.execute("INSERT INTO " + stream.table + " (keyed_at, event_key, app_id, user_id, occurred_at) "
                        + "SELECT occurred_at, " + Sql.sha256OfText(c, "event_id") + ", app_id, user_id, occurred_at "
                        + "FROM " + byId);
                st.execute("DROP TABLE " + byId);
            }
        }
    }
}
