package aikpi.quark.audience;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;

/**
 * Distinct-user sketches: Apache DataSketches HyperLogLog, HLL_8, lgK = 16 (65,536 one-byte registers; 64 KiB
 * once a bucket holds more than about 6,000 users, a few bytes per user below that).
 *
 * <p>Error bound: relative standard error 0.41% for a merged sketch (0.33% for one built in a single pass), so
 * about 95% of estimates fall within 0.81% and 99% within 1.05% of the true count, at any size. Small buckets
 * (a few thousand users) are kept as exact lists of hashes and come out exact once rounded.
 *
 * <p>Sketches from the data platform ({@code AGGREGATES} apps) come at the lgK their pipeline chose, up to
 * {@link #MAX_LG_K}; a merge keeps the precision of the coarsest sketch it merges.
 */
public final class UserSketches {

    public static final int LG_K = 16;
    public static final TgtHllType TYPE = TgtHllType.HLL_8;
    /** One standard deviation of the relative error of a merged estimate at {@link #LG_K}. */
    public static final double RELATIVE_STANDARD_ERROR = HllSketch.getRelErr(true, true, LG_K, 1);
    /** The largest lgK DataSketches' HLL takes (2,097,152 registers). */
    public static final int MAX_LG_K = 21;

    private UserSketches() {
    }

    public static HllSketch empty() {
        return new HllSketch(LG_K, TYPE);
    }

    public static HllSketch of(Collection<String> userIds) {
        HllSketch s = empty();
        userIds.forEach(s::update);
        return s;
    }

    public static byte[] toBytes(HllSketch sketch) {
        return sketch.toCompactByteArray();
    }

    public static HllSketch fromBytes(byte[] bytes) {
        return HllSketch.heapify(bytes);
    }

    /** One standard deviation of the relative error of a merged estimate at {@code lgK}, to six decimals. */
    public static BigDecimal relativeStandardError(int lgK) {
        return BigDecimal.valueOf(HllSketch.getRelErr(true, true, lgK, 1)).setScale(6, RoundingMode.HALF_UP);
    }

    /** The estimate as a whole number of users. */
    public static long estimate(HllSketch sketch) {
        return Math.round(sketch.getEstimate());
    }

    /**
     * Merges sketches: a user in several of them counts once. The union is as fine as the first sketch merged (at least
     * {@link #LG_K}); DataSketches coarsens it to any coarser sketch merged later, so the result is as precise as the
     * coarsest input allows, and quark's own sketches merge exactly as at {@link #LG_K}.
     */
    public static final class Merge {

        private Union union;
        private boolean empty = true;

        public Merge add(HllSketch sketch) {
            if (union == null) {
                union = new Union(Math.max(LG_K, sketch.getLgConfigK()));
            }
            union.update(sketch);
            empty = false;
            return this;
        }

        public Merge add(byte[] bytes) {
            return add(fromBytes(bytes));
        }

        public boolean isEmpty() {
            return empty;
        }

        public long estimate() {
            return empty ? 0 : Math.round(union.getEstimate());
        }

        public HllSketch result() {
            return empty ? UserSketches.empty() : union.getResult(TYPE);
        }
    }
}
