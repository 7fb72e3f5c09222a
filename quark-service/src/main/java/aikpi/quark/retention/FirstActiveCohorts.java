package aikpi.quark.retention;

import aikpi.quark.rollup.Interval;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.theta.Sketch;

/**
 * The sets of an app fed by daily aggregates: its pipeline sends each day's active users, not the day a user was
 * first seen, so a cohort is the users active in a window and on no day before it (their first active day, from the
 * app's first day sent). Its days carry no user's AI sessions: there are no AI users to split a cohort by, or to
 * return on.
 */
final class FirstActiveCohorts implements UserSetSource {

    private final UserSetSource days;
    private final LocalDate firstDay;
    /** Window start → the users active on any day before it: each one built on the nearest one before. */
    private final TreeMap<LocalDate, Sketch> seenBefore = new TreeMap<>();

    /**
     * @param days     the app's stored active users by day, week and month
     * @param firstDay the first day its pipeline sent
     */
    FirstActiveCohorts(UserSetSource days, LocalDate firstDay) {
        this.days = days;
        this.firstDay = firstDay;
    }

    @Override
    public boolean hasAiUsers() {
        return false;
    }

    @Override
    public Sketch cohort(Interval interval, LocalDate start) {
        return UserSets.minus(days.active(Activity.OPEN, interval, start), seenBefore(start));
    }

    @Override
    public Sketch active(Activity activity, Interval interval, LocalDate start) {
        if (activity != Activity.OPEN) {
            throw new IllegalStateException("an app fed by daily aggregates has no users' AI sessions");
        }
        return days.active(activity, interval, start);
    }

    /**
     * The users active on {@code firstDay..start-1}: from the nearest day already computed, the whole months in
     * between by their month's set and the rest day by day.
     */
    private Sketch seenBefore(LocalDate start) {
        Sketch cached = seenBefore.get(start);
        if (cached != null) {
            return cached;
        }
        Map.Entry<LocalDate, Sketch> nearest = seenBefore.floorEntry(start);
        List<Sketch> parts = new ArrayList<>();
        LocalDate from = firstDay;
        if (nearest != null) {
            parts.add(nearest.getValue());
            from = nearest.getKey();
        }
        LocalDate d = from;
        while (d.isBefore(start)) {
            if (d.getDayOfMonth() == 1 && Interval.MONTH.last(d).isBefore(start)) {
                parts.add(days.active(Activity.OPEN, Interval.MONTH, d));
                d = Interval.MONTH.plus(d, 1);
            } else {
                parts.add(days.active(Activity.OPEN, Interval.DAY, d));
                d = d.plusDays(1);
            }
        }
        Sketch users = UserSets.union(parts);
        seenBefore.put(start, users);
        return users;
    }
}
