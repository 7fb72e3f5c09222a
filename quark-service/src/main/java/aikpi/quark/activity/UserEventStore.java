package aikpi.quark.activity;

import aikpi.platform.store.BatchInsert;
import aikpi.platform.store.Transactions;
import aikpi.quark.apps.AppLocks;
import aikpi.quark.rollup.EventAggregates;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Installs and app opens in plain JDBC: raw events are inserted in batches with the primary key as the dedup
 * ({@link BatchInsert}: a known id is skipped by the database, so a retried batch or a second instance cannot count it
 * twice), and
 * exactly the events that were new advance, in the same transaction, the aggregates ({@link EventAggregates}).
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
     * @return the events that were new (the rest were stored before)
     */
    public List<UserEvent> storeNew(UserEventStream stream, List<UserEvent> events, ZoneId zone) {
        return transactions.write(c -> {
            // App locks first: a move of an app between business units (or a change of its feed) waits for this
            // write, and the reverse.
            Map<String, String> units = locks.lockEventFed(events.stream().map(UserEvent::appId).toList());
            List<UserEvent> fresh = insert(c, stream, events);
            aggregates.addUserEvents(stream, fresh, units, zone);
            return fresh;
        });
    }

    private static List<UserEvent> insert(Connection c, UserEventStream stream, List<UserEvent> events) throws SQLException {
        return BatchInsert.newRows(c, "INSERT INTO " + stream.table
                + " (event_id, app_id, user_id, occurred_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", (ps, e) -> {
                    ps.setString(1, e.eventId());
                    ps.setString(2, e.appId());
                    ps.setString(3, e.userId());
                    ps.setObject(4, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
                }, events);
    }
}
