package aikpi.quark.days;

import aikpi.quark.audience.Audience;
import aikpi.quark.audience.SketchKey;
import aikpi.quark.audience.SketchStore;
import aikpi.quark.audience.UserSketches;
import aikpi.quark.days.AppDayStore.DayRow;
import aikpi.quark.firstseen.FirstSeen;
import aikpi.quark.retention.SetKind;
import aikpi.quark.retention.UserSetKey;
import aikpi.quark.retention.UserSetStore;
import aikpi.quark.retention.UserSets;
import aikpi.quark.rollup.DailyCountsStore;
import aikpi.quark.rollup.Interval;
import aikpi.quark.sessions.FeatureDay;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.theta.CompactSketch;

/**
 * A pipeline's day in the aggregates quark keeps for its events, written in the caller's transaction: its installs and
 * session counts (feature {@link AppDayStore#WHOLE_APP}: the app as a whole) and its sketches replace the day's, its
 * month's sketches become the union of the month's days again, and the Theta sketch of its active users is the app's
 * OPEN set of the day (its week's and month's the union of their days). A replaced day has its month and sets
 * recomputed from the stored days, since a union forgets no one. (Cohorts of such an app are not stored: retention
 * derives them from these sets, as the users active in a window and in none before it.)
 */
@Singleton
public class DayAggregates {

    private final AppDayStore days;
    private final SketchStore sketches;
    private final UserSetStore userSets;
    private final DailyCountsStore dailyCounts;

    public DayAggregates(AppDayStore days, SketchStore sketches, UserSetStore userSets, DailyCountsStore dailyCounts) {
        this.days = days;
        this.sketches = sketches;
        this.userSets = userSets;
        this.dailyCounts = dailyCounts;
    }

    /** Writes a day just stored (a new one, or one that {@code replaced} an earlier version). */
    void apply(String appId, LocalDate day, DayRow row, boolean replaced) throws SQLException {
        writeCounts(appId, day, row);
        SortedMap<SketchKey, HllSketch> daySketches = new TreeMap<>();
        SortedMap<SketchKey, HllSketch> months = new TreeMap<>();
        List<AppDayStore.StoredSketch> stored = row.sketches();
        for (int i = 0; i < AppDayStore.AUDIENCES.size(); i++) {
            HllSketch sketch = HllSketch.heapify(stored.get(i).bytes());
            daySketches.put(new SketchKey(appId, AppDayStore.AUDIENCES.get(i), AppDayStore.WHOLE_APP, Interval.DAY, day), sketch);
            months.put(new SketchKey(appId, AppDayStore.AUDIENCES.get(i), AppDayStore.WHOLE_APP, Interval.MONTH, day.withDayOfMonth(1)),
                    sketch);
        }
        sketches.put(daySketches);
        if (replaced) {
            sketches.put(days.monthSketches(appId, day.withDayOfMonth(1)));
        } else {
            sketches.merge(months);
        }
        writeSets(appId, day);
    }

    /**
     * Writes every stored day again (after the aggregates were emptied: a recut after an unclean stop or a change of
     * the reporting zone, which does not move a pipeline's days), one app's month at a time.
     *
     * @return the days written
     */
    public long reapply() throws SQLException {
        MonthInProgress month = new MonthInProgress();
        long written = days.forEachDay((appId, day, row) -> {
            if (!appId.equals(month.appId) || !day.withDayOfMonth(1).equals(month.start)) {
                putMonth(month);
                month.start(appId, day.withDayOfMonth(1));
            }
            writeCounts(appId, day, row);
            SortedMap<SketchKey, HllSketch> daySketches = new TreeMap<>();
            for (int i = 0; i < AppDayStore.AUDIENCES.size(); i++) {
                HllSketch sketch = HllSketch.heapify(row.sketches().get(i).bytes());
                daySketches.put(new SketchKey(appId, AppDayStore.AUDIENCES.get(i), AppDayStore.WHOLE_APP, Interval.DAY, day), sketch);
                month.merges.computeIfAbsent(AppDayStore.AUDIENCES.get(i), a -> new UserSketches.Merge()).add(sketch);
            }
            sketches.put(daySketches);
        });
        putMonth(month);
        rewriteAllSets();
        return written;
    }

    /** The month whose days {@link #reapply} is reading. */
    private static final class MonthInProgress {
        String appId;
        LocalDate start;
        final Map<Audience, UserSketches.Merge> merges = new EnumMap<>(Audience.class);

        void start(String app, LocalDate month) {
            appId = app;
            start = month;
            merges.clear();
        }
    }

    private void putMonth(MonthInProgress month) throws SQLException {
        if (month.appId == null) {
            return;
        }
        SortedMap<SketchKey, HllSketch> months = new TreeMap<>();
        month.merges.forEach((audience, merge) -> months.put(
                new SketchKey(month.appId, audience, AppDayStore.WHOLE_APP, Interval.MONTH, month.start), merge.result()));
        sketches.put(months);
    }

    /** The day's installs and session counts replace the day's in the daily counts. */
    private void writeCounts(String appId, LocalDate day, DayRow row) throws SQLException {
        SortedMap<LocalDate, Long> installs = new TreeMap<>(Map.of(day, row.installs()));
        dailyCounts.writeInstalls(new TreeMap<>(Map.of(appId, installs)), true);
        dailyCounts.writeFeatureDays(List.of(new FeatureDay(appId, AppDayStore.WHOLE_APP, day, row.sessions().totals())),
                true);
    }

    /** The day's, its week's and its month's sets, from the days stored now. */
    private void writeSets(String appId, LocalDate day) throws SQLException {
        for (Interval interval : Interval.values()) {
            LocalDate start = interval.start(day);
            SortedMap<LocalDate, CompactSketch> inWindow = days.activeUsersTheta(appId, start, interval.last(start));
            UserSetKey key = new UserSetKey(FirstSeen.appScope(appId), SetKind.OPEN, interval, start);
            userSets.replace(key, inWindow.isEmpty() ? null : UserSets.union(inWindow.values()));
        }
    }

    /** Every app's days' sets written again (after the sets were emptied by a recut). */
    private void rewriteAllSets() throws SQLException {
        // One app's month at a time: its weeks and the month written once, after its last day.
        String app = null;
        LocalDate month = null;
        List<LocalDate> pending = new ArrayList<>();
        for (Map.Entry<String, LocalDate> d : days.daysWithTheta()) {
            LocalDate day = d.getValue();
            if (!d.getKey().equals(app) || !day.withDayOfMonth(1).equals(month)) {
                writeMonthSets(app, pending);
                app = d.getKey();
                month = day.withDayOfMonth(1);
                pending.clear();
            }
            pending.add(day);
        }
        writeMonthSets(app, pending);
    }

    private void writeMonthSets(String appId, List<LocalDate> monthDays) throws SQLException {
        if (appId == null || monthDays.isEmpty()) {
            return;
        }
        SortedMap<LocalDate, CompactSketch> thetas = days.activeUsersTheta(appId, monthDays.get(0),
                monthDays.get(monthDays.size() - 1));
        String scope = FirstSeen.appScope(appId);
        for (var day : thetas.entrySet()) {
            userSets.replace(new UserSetKey(scope, SetKind.OPEN, Interval.DAY, day.getKey()), day.getValue());
        }
        LocalDate previousWeek = null;
        for (LocalDate day : monthDays) {
            LocalDate week = Interval.WEEK.start(day);
            if (!week.equals(previousWeek)) {
                // A week reaching into the month before or after is read whole.
                SortedMap<LocalDate, CompactSketch> inWeek = days.activeUsersTheta(appId, week, Interval.WEEK.last(week));
                userSets.replace(new UserSetKey(scope, SetKind.OPEN, Interval.WEEK, week),
                        inWeek.isEmpty() ? null : UserSets.union(inWeek.values()));
                previousWeek = week;
            }
        }
        LocalDate month = monthDays.get(0).withDayOfMonth(1);
        userSets.replace(new UserSetKey(scope, SetKind.OPEN, Interval.MONTH, month),
                thetas.isEmpty() ? null : UserSets.union(thetas.values()));
    }
}
