package aikpi.quark.audience;

import java.time.LocalDate;
import java.util.Comparator;

/** The key of one stored sketch. {@code featureId} is empty for the ACTIVE audience (the whole app). */
public record SketchKey(String appId, Audience audience, String featureId, Grain grain, LocalDate bucketStart)
        implements Comparable<SketchKey> {

    /** Primary key order: writers lock rows in this order so they never deadlock each other. */
    private static final Comparator<SketchKey> ORDER = Comparator.comparing(SketchKey::appId)
            .thenComparing(SketchKey::audience).thenComparing(SketchKey::featureId)
            .thenComparing(SketchKey::grain).thenComparing(SketchKey::bucketStart);

    @Override
    public int compareTo(SketchKey o) {
        return ORDER.compare(this, o);
    }
}
