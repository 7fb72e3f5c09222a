package aikpi.quark.audience;

import aikpi.quark.firstseen.UserSighting;
import aikpi.quark.rollup.Interval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.datasketches.hll.HllSketch;

/**
 * The sketch table in memory, filled by the same rollup the writers use: lets the figures be computed from events
 * without a database. Merging into a bucket is a union, as in {@link SketchStore#merge}.
 */
final class InMemorySketches {

    private final SortedMap<SketchKey, HllSketch> stored = new TreeMap<>();
    private final ZoneId zone;

    InMemorySketches(ZoneId zone) {
        this.zone = zone;
    }

    InMemorySketches open(String appId, String userId, String at) {
        return add(Audience.ACTIVE, UserSighting.inApp(appId, userId, Instant.parse(at)));
    }

    InMemorySketches session(String appId, String featureId, String userId, String at) {
        return add(Audience.AI, new UserSighting(appId, featureId, userId, Instant.parse(at)));
    }

    private InMemorySketches add(Audience audience, UserSighting sighting) {
        SketchRollup.rollUp(audience, List.of(sighting), zone).forEach((key, sketch) ->
                stored.merge(key, sketch, (a, b) -> new UserSketches.Merge().add(a).add(b).result()));
        return this;
    }

    SketchSource source(AudienceGroup group) {
        return new SketchSource() {
            private List<Map.Entry<SketchKey, HllSketch>> in(BucketRange r) {
                List<Map.Entry<SketchKey, HllSketch>> rows = new ArrayList<>();
                for (var e : stored.entrySet()) {
                    SketchKey k = e.getKey();
                    if (k.audience() == group.audience() && k.grain() == r.grain()
                            && !k.bucketStart().isBefore(r.from()) && !k.bucketStart().isAfter(r.to())
                            && (group.appIds() == null || group.appIds().contains(k.appId()))
                            && (group.featureId() == null || group.featureId().equals(k.featureId()))) {
                        rows.add(e);
                    }
                }
                return rows;
            }

            @Override
            public List<Cell> cells(BucketRange range) {
                return in(range).stream().map(e -> new Cell(e.getKey().bucketStart(), UserSketches.estimate(e.getValue()))).toList();
            }

            @Override
            public long distinct(List<BucketRange> ranges) {
                UserSketches.Merge merge = new UserSketches.Merge();
                ranges.forEach(r -> in(r).forEach(e -> merge.add(e.getValue())));
                return merge.estimate();
            }

            @Override
            public Map<LocalDate, Long> distinctPerBucket(Interval grain, Collection<LocalDate> bucketStarts) {
                Map<LocalDate, Long> out = new TreeMap<>();
                for (LocalDate d : bucketStarts) {
                    out.put(d, distinct(List.of(new BucketRange(grain, d, d))));
                }
                return out;
            }
        };
    }
}
