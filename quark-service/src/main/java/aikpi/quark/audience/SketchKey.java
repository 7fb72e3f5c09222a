package aikpi.quark.audience;

import aikpi.quark.rollup.Interval;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * The key of one stored sketch. {@code featureId} is empty for the ACTIVE audience (the whole app). Sketches are kept
 * by day and by calendar month ({@link #GRAINS}), never by week.
 */
public record SketchKey(String appId, Audience audience, String featureId, Interval grain, LocalDate bucketStart)
        implements Comparable<SketchKey> {

    /** The windows sketches are kept for. */
    public static final List<Interval> GRAINS = List.of(Interval.DAY, Interval.MONTH);

    /** Primary key order: writers lock rows in this order so they never deadlock each other. */
    private static final Comparator<SketchKey> ORDER = Comparator.comparing(SketchKey::appId)
            .thenComparing(SketchKey::audience).thenComparing(SketchKey::featureId)
            .thenComparing(SketchKey::grain).thenComparing(SketchKey::bucketStart);

    @Override
    public int compareTo(SketchKey o) {
        return ORDER.compare(this, o);
    }
}
