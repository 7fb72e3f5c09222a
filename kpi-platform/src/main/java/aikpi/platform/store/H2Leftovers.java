package aikpi.platform.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.tx.Transaction;
import org.h2.value.VersionedValue;

/**
 * Rolls back what an unclean stop of the embedded H2 database can leave behind: an uncommitted entry of a table or
 * index whose transaction's undo record never reached the file (MVStore writes its maps' snapshots one by one,
 * h2database issue 2080). H2 rolls such a leftover back itself only when a writer's update meets it (PR 1222); an
 * insert checks a unique index without that rule and waits for the lost transaction until its lock time-out, on every
 * retry, for ever: a re-sent ledger line whose first sending died with the process could never be stored again.
 *
 * <p>This applies H2's own rule (the entry takes its committed value; an entry that had none goes) to every leftover
 * at once. It runs before the new process takes any write; an entry of a transaction of this process that has
 * written (a write that began before the guard closed the service) is left alone.
 */
final class H2Leftovers {

    private H2Leftovers() {
    }

    /**
     * @return the leftovers rolled back, or -1 when the connection is not to an embedded H2 database
     */
    static long rollBack(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)
                || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return -1;
        }
        MVStore store = session.getDatabase().getStore().getMvStore();
        Set<Integer> writing = new HashSet<>();
        for (Transaction t : session.getDatabase().getStore().getTransactionStore().getOpenTransactions()) {
            if (t.hasChanges()) {
                writing.add(t.getId());
            }
        }
        Map<String, String> meta = store.getMetaMap();
        long rolledBack = 0;
        for (String name : store.getMapNames()) {
            if (!name.startsWith("table.") && !name.startsWith("index.")) {
                continue; // H2's own maps (undo logs, LOBs, temporary results) are not rows
            }
            String id = meta.get(DataUtils.META_NAME + name);
            MVMap<Object, Object> map = id == null ? null : store.getMap(DataUtils.parseHexInt(id));
            if (map != null) {
                // A scan holds on to the version it reads, or the store may drop its chunks meanwhile.
                MVStore.TxCounter reading = store.registerVersionUsage();
                try {
                    rolledBack += rollBack(map, writing);
                } finally {
                    store.deregisterVersionUsage(reading);
                }
            }
        }
        return rolledBack;
    }

    private static long rollBack(MVMap<Object, Object> map, Set<Integer> writing) {
        long rolledBack = 0;
        for (Cursor<Object, Object> cursor = map.cursor(null); cursor.hasNext(); ) {
            Object key = cursor.next();
            // An operation id carries its transaction's id above 40 bits of undo log index (H2's TransactionStore).
            if (cursor.getValue() instanceof VersionedValue<?> value && value.getOperationId() != 0
                    && !writing.contains((int) (value.getOperationId() >>> 40))) {
                Object committed = value.getCommittedValue();
                if (committed == null) {
                    map.remove(key);
                } else {
                    // A committed value is stored as itself: H2's values are their own committed versions.
                    map.put(key, committed);
                }
                rolledBack++;
            }
        }
        return rolledBack;
    }
}
