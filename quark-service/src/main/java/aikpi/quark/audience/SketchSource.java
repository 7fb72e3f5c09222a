package aikpi.quark.audience;

import aikpi.quark.rollup.Interval;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The stored sketches of one group (an app, a feature, a business unit's apps, every app) that a figure reads. */
public interface SketchSource {

    /** One stored sketch's bucket and estimate, read without decoding the sketch. */
    record Cell(LocalDate bucketStart, long estimate) {
    }

    /** Every stored sketch of the group in the range: one per bucket and group member. */
    List<Cell> cells(BucketRange range);

    /** Distinct users over every stored sketch of the group in these ranges together; 0 if there are none. */
    long distinct(List<BucketRange> ranges);

    /** For each of the given buckets of one grain, distinct users over every stored sketch of the group in it. */
    Map<LocalDate, Long> distinctPerBucket(Interval grain, Collection<LocalDate> bucketStarts);
}
