package aikpi.quark.audience;

import aikpi.quark.firstseen.FirstSeen;
import aikpi.quark.firstseen.FirstSeenChange;
import aikpi.quark.firstseen.FirstSeenStore;
import aikpi.quark.firstseen.UserSighting;
import aikpi.quark.rollup.Interval;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.datasketches.hll.HllSketch;

/** Turns sightings into the sketches to merge into storage: for each, its day's and its month's bucket. */
public final class SketchRollup {

    private SketchRollup() {
    }

    /** One sketch per (app, feature, DAY day) and (app, feature, MONTH month), days cut in {@code zone}, in key order. */
    public static SortedMap<SketchKey, HllSketch> rollUp(Audience audience, Collection<UserSighting> sightings, ZoneId zone) {
        SortedMap<SketchKey, HllSketch> sketches = new TreeMap<>();
        for (UserSighting s : sightings) {
            LocalDate day = s.at().atZone(zone).toLocalDate();
            add(sketches, new SketchKey(s.appId(), audience, s.featureId(), Interval.DAY, day), s.userId());
            add(sketches, new SketchKey(s.appId(), audience, s.featureId(), Interval.MONTH, day.withDayOfMonth(1)), s.userId());
        }
        return sketches;
    }

    /**
     * The {@link Audience#NEW} sketches of first days written in app scopes ({@link FirstSeenStore#record}): each user
     * in the day's and the month's bucket of the day now recorded. A user moved to an earlier day stays in the later
     * day's sketch too (a sketch forgets no one), which a union up to any day still counts right.
     */
    public static SortedMap<SketchKey, HllSketch> firstSeen(Collection<FirstSeenChange> firstDays) {
        SortedMap<SketchKey, HllSketch> sketches = new TreeMap<>();
        for (FirstSeenChange change : firstDays) {
            String appId = FirstSeen.appOf(change.scope());
            if (appId != null) {
                LocalDate day = change.day();
                add(sketches, new SketchKey(appId, Audience.NEW, "", Interval.DAY, day), change.userId());
                add(sketches, new SketchKey(appId, Audience.NEW, "", Interval.MONTH, day.withDayOfMonth(1)), change.userId());
            }
        }
        return sketches;
    }

    private static void add(SortedMap<SketchKey, HllSketch> sketches, SketchKey key, String userId) {
        sketches.computeIfAbsent(key, k -> UserSketches.empty()).update(userId);
    }
}
