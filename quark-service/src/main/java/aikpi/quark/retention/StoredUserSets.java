package aikpi.quark.retention;

import aikpi.quark.firstseen.FirstSeen;
import aikpi.quark.rollup.Interval;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.theta.Sketch;

/**
 * Sets of users read from storage for one answer: each range of windows is read once, in one query per kind, and
 * every scope's figures are then computed from memory. A window inside a range read but never written is empty; a
 * window outside every range read is a mistake of the caller, refused loudly rather than counted as empty.
 */
public final class StoredUserSets {

    private static final Sketch EMPTY = UserSets.empty().compact();

    private record Range(LocalDate from, LocalDate to, Collection<String> scopes) {
        boolean covers(String scope, LocalDate start) {
            return !start.isBefore(from) && !start.isAfter(to) && scopes.contains(scope);
        }
    }

    private final UserSetStore store;
    private final Map<SetKind, Map<Interval, List<Range>>> ranges = new EnumMap<>(SetKind.class);
    private final Map<SetKind, Map<Interval, Map<String, Map<LocalDate, Sketch>>>> sets = new EnumMap<>(SetKind.class);

    /** @param store read in the caller's read transaction */
    public StoredUserSets(UserSetStore store) {
        this.store = store;
    }

    /** Reads the scopes' cohorts (and the users who left them) of the windows starting in {@code from..to}. */
    public StoredUserSets cohorts(Interval interval, LocalDate from, LocalDate to, Collection<String> scopes) throws SQLException {
        read(SetKind.COHORT, interval, from, to, scopes);
        return read(SetKind.LEFT, interval, from, to, scopes);
    }

    /** Reads the apps' active users (of {@code activity}) of the windows starting in {@code from..to}. */
    public StoredUserSets active(Activity activity, Interval interval, LocalDate from, LocalDate to,
                                 Collection<String> appIds) throws SQLException {
        return read(activity.kind(), interval, from, to, appIds.stream().map(FirstSeen::appScope).toList());
    }

    private StoredUserSets read(SetKind kind, Interval interval, LocalDate from, LocalDate to, Collection<String> scopes)
            throws SQLException {
        if (scopes.isEmpty() || from.isAfter(to)) {
            return this;
        }
        Map<String, Map<LocalDate, Sketch>> read = store.read(kind, interval, from, to, scopes);
        Map<String, Map<LocalDate, Sketch>> held = sets.computeIfAbsent(kind, k -> new EnumMap<>(Interval.class))
                .computeIfAbsent(interval, i -> new HashMap<>());
        read.forEach((scope, windows) -> held.computeIfAbsent(scope, s -> new HashMap<>()).putAll(windows));
        ranges.computeIfAbsent(kind, k -> new EnumMap<>(Interval.class)).computeIfAbsent(interval, i -> new ArrayList<>())
                .add(new Range(from, to, List.copyOf(scopes)));
        return this;
    }

    private Sketch get(SetKind kind, Interval interval, String scope, LocalDate start) {
        boolean covered = ranges.getOrDefault(kind, Map.of()).getOrDefault(interval, List.of()).stream()
                .anyMatch(r -> r.covers(scope, start));
        if (!covered) {
            throw new IllegalStateException("the " + kind + " set of " + scope + " for the " + interval + " of " + start
                    + " was not read");
        }
        return sets.getOrDefault(kind, Map.of()).getOrDefault(interval, Map.of()).getOrDefault(scope, Map.of())
                .getOrDefault(start, EMPTY);
    }

    /**
     * The sets of one scope: its cohorts are the scope's own ({@code cohortScope}: an app's, a business unit's, the
     * group's), its active users those of any of {@code appIds}.
     */
    public UserSetSource scope(String cohortScope, List<String> appIds) {
        Map<String, Sketch> unions = new HashMap<>();
        return new UserSetSource() {
            @Override
            public Sketch cohort(Interval interval, LocalDate start) {
                Sketch joined = get(SetKind.COHORT, interval, cohortScope, start);
                Sketch left = get(SetKind.LEFT, interval, cohortScope, start);
                return left.isEmpty() ? joined : UserSets.minus(joined, left);
            }

            @Override
            public Sketch active(Activity activity, Interval interval, LocalDate start) {
                if (appIds.size() == 1) {
                    return get(activity.kind(), interval, FirstSeen.appScope(appIds.get(0)), start);
                }
                return unions.computeIfAbsent(activity + "/" + interval + "/" + start, key -> {
                    List<Sketch> members = new ArrayList<>(appIds.size());
                    for (String appId : appIds) {
                        members.add(get(activity.kind(), interval, FirstSeen.appScope(appId), start));
                    }
                    return UserSets.union(members);
                });
            }
        };
    }
}
