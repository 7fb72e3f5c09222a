package aikpi.quark.days;

import aikpi.quark.audience.FirstSeen;
import aikpi.quark.retention.Interval;
import aikpi.quark.retention.SetKind;
import aikpi.quark.retention.UserSetKey;
import aikpi.quark.retention.UserSetStore;
import aikpi.quark.retention.UserSets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.datasketches.theta.CompactSketch;

/**
 * An app fed by daily aggregates in the sets retention reads: the Theta sketch of a day's active users, where its
 * pipeline sent one, is the app's OPEN set of that day, and the union of a week's or a month's days its set of the
 * week or month. A day sent again replaces its set and has its week's and month's recomputed from their days, since a
 * union forgets no one. (Cohorts of such an app are not stored: retention derives them from these sets, as the users
 * active in a window and in none before it.)
 */
final class DayUserSets {

    private DayUserSets() {
    }

    /** The day's, its week's and its month's sets, from the days stored now. */
    static void write(Connection c, String appId, LocalDate day) throws SQLException {
        for (Interval interval : Interval.values()) {
            LocalDate start = interval.start(day);
            SortedMap<LocalDate, CompactSketch> days = AppDayStore.activeUsersTheta(c, appId, start, interval.last(start));
            UserSetKey key = new UserSetKey(FirstSeen.appScope(appId), SetKind.OPEN, interval, start);
            UserSetStore.replace(c, key, days.isEmpty() ? null : UserSets.union(days.values()));
        }
    }

    /** Every app's days written again (after the sets were emptied by a recut). @return the days written */
    static long rewriteAll(Connection c) throws SQLException {
        List<Map.Entry<String, LocalDate>> days = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT app_id, report_day FROM app_day"
                + " WHERE active_users_theta IS NOT NULL ORDER BY app_id, report_day")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.add(Map.entry(rs.getString(1), rs.getObject(2, LocalDate.class)));
                }
            }
        }
        // One app's month at a time: its weeks and the month written once, after its last day.
        String app = null;
        LocalDate month = null;
        List<LocalDate> pending = new ArrayList<>();
        for (Map.Entry<String, LocalDate> d : days) {
            LocalDate day = d.getValue();
            if (!d.getKey().equals(app) || !day.withDayOfMonth(1).equals(month)) {
                writeMonth(c, app, pending);
                app = d.getKey();
                month = day.withDayOfMonth(1);
                pending.clear();
            }
            pending.add(day);
        }
        writeMonth(c, app, pending);
        return days.size();
    }

    private static void writeMonth(Connection c, String appId, List<LocalDate> days) throws SQLException {
        if (appId == null || days.isEmpty()) {
            return;
        }
        SortedMap<LocalDate, CompactSketch> sketches = AppDayStore.activeUsersTheta(c, appId, days.get(0),
                days.get(days.size() - 1));
        String scope = FirstSeen.appScope(appId);
        for (var day : sketches.entrySet()) {
            UserSetStore.replace(c, new UserSetKey(scope, SetKind.OPEN, Interval.DAY, day.getKey()), day.getValue());
        }
        LocalDate previousWeek = null;
        for (LocalDate day : days) {
            LocalDate week = Interval.WEEK.start(day);
            if (!week.equals(previousWeek)) {
                // A week reaching into the month before or after is read whole.
                SortedMap<LocalDate, CompactSketch> inWeek = AppDayStore.activeUsersTheta(c, appId, week,
                        Interval.WEEK.last(week));
                UserSetStore.replace(c, new UserSetKey(scope, SetKind.OPEN, Interval.WEEK, week),
                        inWeek.isEmpty() ? null : UserSets.union(inWeek.values()));
                previousWeek = week;
            }
        }
        LocalDate month = days.get(0).withDayOfMonth(1);
        UserSetStore.replace(c, new UserSetKey(scope, SetKind.OPEN, Interval.MONTH, month),
                sketches.isEmpty() ? null : UserSets.union(sketches.values()));
    }
}
