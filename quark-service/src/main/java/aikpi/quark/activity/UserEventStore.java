package aikpi.quark.activity;

import aikpi.platform.store.Transactions;
import aikpi.quark.apps.AppLocks;
import aikpi.quark.audience.Audience;
import aikpi.quark.audience.FirstSeen;
import aikpi.quark.audience.FirstSeenChange;
import aikpi.quark.audience.FirstSeenStore;
import aikpi.quark.audience.SketchKey;
import aikpi.quark.audience.SketchRollup;
import aikpi.quark.audience.SketchStore;
import aikpi.quark.audience.UserSighting;
import aikpi.quark.retention.SetKind;
import aikpi.quark.retention.UserSetRollup;
import aikpi.quark.retention.UserSetStore;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.datasketches.hll.HllSketch;

/**
 * Installs and app opens in plain JDBC: raw events are inserted in one batch with the primary key as the dedup
 * (a known id is skipped by the database, so a retried batch or a second instance cannot count it twice), and
 * exactly the events that were new advance, in the same transaction, the first-seen records (and the sketches of
 * the users first seen), the daily install counts and the active-user sketches.
 */
@Singleton
public class UserEventStore {

    /** Merges one (app, day) count into {@code install_daily}: added to the stored one, or replacing it. */
    private static String installsMerge(boolean replace) {
        return "MERGE INTO install_daily d"
                + " USING (SELECT CAST(? AS VARCHAR(64)) AS app_id, CAST(? AS DATE) AS install_day, CAST(? AS BIGINT) AS installs) s"
                + " ON d.app_id = s.app_id AND d.install_day = s.install_day"
                + " WHEN MATCHED THEN UPDATE SET installs = " + (replace ? "" : "d.installs + ") + "s.installs"
                + " WHEN NOT MATCHED THEN INSERT (app_id, install_day, installs) VALUES (s.app_id, s.install_day, s.installs)";
    }

    private static final String ADD_INSTALLS = installsMerge(false);
    private static final String REPLACE_INSTALLS = installsMerge(true);

    private final Transactions transactions;

    public UserEventStore(Transactions transactions) {
        this.transactions = transactions;
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
            Map<String, String> units = AppLocks.lockEventFed(c, events.stream().map(UserEvent::appId).toList());
            List<UserEvent> fresh = insert(c, stream, events);
            aggregate(c, stream, fresh, units, zone);
            return fresh;
        });
    }

    private static List<UserEvent> insert(Connection c, UserEventStream stream, List<UserEvent> events) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + stream.table
                + " (event_id, app_id, user_id, occurred_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (UserEvent e : events) {
                ps.setString(1, e.eventId());
                ps.setString(2, e.appId());
                ps.setString(3, e.userId());
                ps.setObject(4, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            List<UserEvent> fresh = new ArrayList<>(events.size());
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == Statement.SUCCESS_NO_INFO) {
                    throw new IllegalStateException("The JDBC driver did not report per-row counts; dedup needs them");
                }
                if (counts[i] > 0) {
                    fresh.add(events.get(i));
                }
            }
            return fresh;
        }
    }

    /**
     * Advances every aggregate by new events: first-seen records and cohorts (both streams), install counts (installs),
     * active-user sketches and sets (app opens). Also used to rebuild the aggregates from stored events.
     */
    public static void aggregate(Connection c, UserEventStream stream, Collection<UserEvent> fresh,
                                 Map<String, String> unitOfApp, ZoneId zone) throws SQLException {
        if (fresh.isEmpty()) {
            return;
        }
        List<UserSighting> sightings = fresh.stream().map(UserEvent::sighting).toList();
        List<FirstSeenChange> changes = FirstSeenStore.record(c, FirstSeen.earliest(sightings, unitOfApp, zone));
        SortedMap<SketchKey, HllSketch> sketches = SketchRollup.firstSeen(changes);
        if (stream == UserEventStream.INSTALL) {
            mergeInstalls(c, fresh, zone);
        } else {
            sketches.putAll(SketchRollup.rollUp(Audience.ACTIVE, sightings, zone));
        }
        // One pass in key order over the new users' and (for opens) the active users' buckets, then their sets, in
        // the order every writer takes these rows.
        SketchStore.merge(c, sketches);
        UserSetStore.addCohorts(c, changes);
        if (stream == UserEventStream.ACTIVITY) {
            UserSetStore.add(c, UserSetRollup.activity(SetKind.OPEN, sightings, zone));
        }
    }

    private static void mergeInstalls(Connection c, Collection<UserEvent> fresh, ZoneId zone) throws SQLException {
        SortedMap<String, SortedMap<LocalDate, Long>> counts = new TreeMap<>();
        for (UserEvent e : fresh) {
            counts.computeIfAbsent(e.appId(), a -> new TreeMap<>())
                    .merge(e.occurredAt().atZone(zone).toLocalDate(), 1L, Long::sum);
        }
        writeInstalls(c, counts, false);
    }

    /**
     * Writes installs per app and day into {@code install_daily}, in key order: added to the stored counts (new
     * installs), or replacing them (a day sent whole again).
     */
    public static void writeInstalls(Connection c, SortedMap<String, SortedMap<LocalDate, Long>> counts, boolean replace)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(replace ? REPLACE_INSTALLS : ADD_INSTALLS)) {
            for (var app : counts.entrySet()) {
                for (var day : app.getValue().entrySet()) {
                    ps.setString(1, app.getKey());
                    ps.setObject(2, day.getKey());
                    ps.setLong(3, day.getValue());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }
}
