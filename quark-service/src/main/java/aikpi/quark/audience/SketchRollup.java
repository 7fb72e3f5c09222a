package aikpi.quark.audience;

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
            add(sketches, new SketchKey(s.appId(), audience, s.featureId(), Grain.DAY, day), s.userId());
            add(sketches, new SketchKey(s.appId(), audience, s.featureId(), Grain.MONTH, day.withDayOfMonth(1)), s.userId());
        }
        return sketches;
    }

    private static void add(SortedMap<SketchKey, HllSketch> sketches, SketchKey key, String userId) {
        sketches.computeIfAbsent(key, k -> UserSketches.empty()).update(userId);
    }
}
