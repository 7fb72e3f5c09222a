package aikpi.quark.retention;

import java.util.Collection;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.theta.AnotB;
import org.apache.datasketches.theta.CompactSketch;
import org.apache.datasketches.theta.Intersection;
import org.apache.datasketches.theta.SetOperation;
import org.apache.datasketches.theta.Sketch;
import org.apache.datasketches.theta.Union;
import org.apache.datasketches.theta.UpdateSketch;

/**
 * Sets of users as Apache DataSketches Theta sketches (the default seed, lgK = 12: 4,096 nominal entries, at most
 * 32 KiB per set), for what counting alone cannot answer: which users of one set are also in another. A cohort's
 * users active again in a later window are the intersection of the two sets; the AI and non-AI parts of a cohort are
 * its intersection with, and difference from, the set of AI users.
 *
 * <p>A set of fewer than 4,096 users is held exactly, so are the results of set operations on such sets: small apps'
 * retention is exact. Above that a set keeps a uniform sample of the hashed ids, and a figure is an estimate with a
 * relative standard error of 1/√4096 = 1.56% for one set; an intersection's error grows with the size of the larger
 * set against the result (a cohort's retained users against a window's active users), which is why each estimated
 * figure carries its own 95% bounds ({@link Count}).
 *
 * <p>User ids are hashed as UTF-8 strings with the default seed, so a pipeline's Theta sketch of the same ids built
 * with {@code UpdateSketch.update(String)} unions with these.
 */
public final class UserSets {

    public static final int LG_K = 12;
    /** One standard deviation of the relative error of a single set's estimate at {@link #LG_K}. */
    public static final double RELATIVE_STANDARD_ERROR = 1 / Math.sqrt(1 << LG_K);
    /** Standard deviations of the bounds given with an estimate: about 95% of the truth lies between them. */
    private static final int BOUNDS_STD_DEVS = 2;

    private UserSets() {
    }

    public static UpdateSketch empty() {
        return UpdateSketch.builder().setNominalEntries(1 << LG_K).build();
    }

    public static byte[] toBytes(Sketch sketch) {
        return sketch.compact().toByteArray();
    }

    /** A stored set, read in place (no copy of its entries). */
    public static Sketch wrap(byte[] bytes) {
        return Sketch.wrap(Memory.wrap(bytes));
    }

    /** The users in any of the sets. */
    public static CompactSketch union(Collection<? extends Sketch> sets) {
        Union union = SetOperation.builder().setNominalEntries(1 << LG_K).buildUnion();
        for (Sketch s : sets) {
            union.union(s);
        }
        return union.getResult();
    }

    /** The users in both sets. */
    public static CompactSketch both(Sketch a, Sketch b) {
        Intersection intersection = SetOperation.builder().buildIntersection();
        return intersection.intersect(a, b);
    }

    /** The users in {@code a} and not in {@code b}. */
    public static CompactSketch minus(Sketch a, Sketch b) {
        AnotB difference = SetOperation.builder().buildANotB();
        return difference.aNotB(a, b);
    }

    public static Count count(Sketch set) {
        long users = Math.round(set.getEstimate());
        if (!set.isEstimationMode()) {
            return new Count(users, false, users, users);
        }
        return new Count(users, true, (long) Math.floor(set.getLowerBound(BOUNDS_STD_DEVS)),
                (long) Math.ceil(set.getUpperBound(BOUNDS_STD_DEVS)));
    }

    /**
     * The number of users in a set: exact, or an estimate with its 95% bounds (two standard deviations).
     *
     * @param estimate whether the set was sampled (then {@code low..high} brackets the true count)
     */
    public record Count(long users, boolean estimate, long low, long high) {
        public static final Count NONE = new Count(0, false, 0, 0);
    }
}
