package aikpi.quark.firstseen;

import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The exact rules behind totalUsers and newUsers. A user is first seen in a scope (an app, a business unit, the
 * whole group) on the earliest day, in the reporting zone, of any install or app open there. New users of a day
 * are the users first seen that day; totalUsers at a day is the sum of new users up to it. A late sighting earlier
 * than the recorded first day moves the user to that day: one fewer new user on the old day, one more on the new.
 */
public final class FirstSeen {

    public static final String ALL = "all";

    private FirstSeen() {
    }

    public static String appScope(String appId) {
        return "app:" + appId;
    }

    /** The app of an app scope ({@link #appScope}); null for a unit's or the group's scope. */
    public static String appOf(String scope) {
        return scope.startsWith("app:") ? scope.substring("app:".length()) : null;
    }

    public static String unitScope(String businessUnit) {
        return "unit:" + businessUnit;
    }

    /** A user within a scope: the key of the first-seen record, ordered as the table's primary key (user, scope). */
    public record ScopedUser(String scope, String userId) implements Comparable<ScopedUser> {
        private static final Comparator<ScopedUser> ORDER =
                Comparator.comparing(ScopedUser::userId).thenComparing(ScopedUser::scope);

        @Override
        public int compareTo(ScopedUser o) {
            return ORDER.compare(this, o);
        }
    }

    /** A day within a scope: the key of the per-day count of new users. */
    public record ScopedDay(String scope, LocalDate day) implements Comparable<ScopedDay> {
        private static final Comparator<ScopedDay> ORDER =
                Comparator.comparing(ScopedDay::scope).thenComparing(ScopedDay::day);

        @Override
        public int compareTo(ScopedDay o) {
            return ORDER.compare(this, o);
        }
    }

    /**
     * For each user in each scope the sightings touch (the app, its business unit, the whole group), the earliest
     * day among them, in key order.
     *
     * @param unitOfApp the business unit of every app the sightings name
     */
    public static SortedMap<ScopedUser, LocalDate> earliest(Collection<UserSighting> sightings,
                                                             Map<String, String> unitOfApp, ZoneId zone) {
        SortedMap<ScopedUser, LocalDate> earliest = new TreeMap<>();
        for (UserSighting s : sightings) {
            LocalDate day = s.at().atZone(zone).toLocalDate();
            String unit = unitOfApp.get(s.appId());
            if (unit == null) {
                throw new IllegalStateException("no business unit for app " + s.appId());
            }
            for (String scope : new String[] {appScope(s.appId()), unitScope(unit), ALL}) {
                earliest.merge(new ScopedUser(scope, s.userId()), day, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return earliest;
    }

    /**
     * Records in {@code deltas} what a user's new first-seen day does to the per-day counts.
     *
     * @param replaced the day the user was first seen on before, or null when the user is new to the scope
     */
    public static void count(SortedMap<ScopedDay, Long> deltas, ScopedUser user, LocalDate firstDay,
                             @Nullable LocalDate replaced) {
        deltas.merge(new ScopedDay(user.scope(), firstDay), 1L, Long::sum);
        if (replaced != null) {
            deltas.merge(new ScopedDay(user.scope(), replaced), -1L, Long::sum);
        }
    }
}
