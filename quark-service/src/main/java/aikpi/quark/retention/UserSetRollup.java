package aikpi.quark.retention;

import aikpi.quark.firstseen.FirstSeen;
import aikpi.quark.firstseen.FirstSeenChange;
import aikpi.quark.firstseen.UserSighting;
import aikpi.quark.rollup.Interval;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.datasketches.theta.UpdateSketch;

/** Turns what a write added into the sets to merge into storage, for each window (day, week, month) it falls in. */
public final class UserSetRollup {

    private UserSetRollup() {
    }

    /** The users of app opens ({@link SetKind#OPEN}) or AI sessions ({@link SetKind#AI}), per app and window. */
    public static SortedMap<UserSetKey, UpdateSketch> activity(SetKind kind, Collection<UserSighting> sightings, ZoneId zone) {
        SortedMap<UserSetKey, UpdateSketch> sets = new TreeMap<>();
        for (UserSighting s : sightings) {
            LocalDate day = s.at().atZone(zone).toLocalDate();
            for (Interval interval : Interval.values()) {
                add(sets, new UserSetKey(FirstSeen.appScope(s.appId()), kind, interval, interval.start(day)), s.userId());
            }
        }
        return sets;
    }

    /**
     * The cohorts first-seen changes make: a user joins the cohort of their first day's window, and a user first seen
     * earlier than recorded leaves the cohort of the window they were in (when the move crosses into another window).
     */
    public static SortedMap<UserSetKey, UpdateSketch> cohorts(Collection<FirstSeenChange> changes) {
        SortedMap<UserSetKey, UpdateSketch> sets = new TreeMap<>();
        for (FirstSeenChange change : changes) {
            for (Interval interval : intervalsOf(change.scope())) {
                LocalDate window = interval.start(change.day());
                LocalDate before = change.previous() == null ? null : interval.start(change.previous());
                if (window.equals(before)) {
                    continue;
                }
                add(sets, new UserSetKey(change.scope(), SetKind.COHORT, interval, window), change.userId());
                if (before != null) {
                    add(sets, new UserSetKey(change.scope(), SetKind.LEFT, interval, before), change.userId());
                }
            }
        }
        return sets;
    }

    /**
     * The windows a scope's cohorts are kept for: an app's every window (its cohort tables, N-day retention and
     * lifecycle are by day, week and month); a business unit's and the group's only weeks (their retention summary).
     */
    static List<Interval> intervalsOf(String scope) {
        return scope.startsWith(FirstSeen.appScope("")) ? List.of(Interval.values()) : List.of(Interval.WEEK);
    }

    private static void add(SortedMap<UserSetKey, UpdateSketch> sets, UserSetKey key, String userId) {
        sets.computeIfAbsent(key, k -> UserSets.empty()).update(userId);
    }
}
