package aikpi.quark.days;

import aikpi.quark.audience.UserSketches;
import aikpi.quark.days.DayRejectedException.FieldError;
import java.util.Base64;
import java.util.List;
import org.apache.datasketches.common.Family;
import org.apache.datasketches.common.SketchesArgumentException;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.theta.CompactSketch;
import org.apache.datasketches.theta.Sketch;
import org.apache.datasketches.thetacommon.ThetaUtil;

/**
 * Reads the sketches a pipeline sends with DataSketches itself, and says what is wrong with one that it does not
 * take: not base64, not a sketch, another family, an lgK over {@link UserSketches#MAX_LG_K}, another seed. The
 * serialised forms are the same in Java, Spark, Flink, Druid and Python, so any of them may have built it.
 *
 * <p>Users are distinct by the hash DataSketches takes of their id: a pipeline that sketches
 * {@code HllSketch.update(userId)} with the same pseudonymous user id text as quark's events (and the default seed)
 * counts a user of an event-fed app and of its own app once in a union.
 */
final class DaySketches {

    /** Byte 2 of every DataSketches preamble is the family; byte 3 of an HLL preamble its lgK. */
    private static final int FAMILY_BYTE = 2;
    private static final int HLL_LG_K_BYTE = 3;
    private static final int PREAMBLE = 8;

    private DaySketches() {
    }

    /** An HLL sketch ({@code HllSketch.toCompactByteArray()}, or its updatable form) of lgK 4 to 21; null if absent or wrong. */
    static HllSketch hll(String field, String base64, List<FieldError> errors) {
        byte[] bytes = bytes(field, base64, "base64 of HllSketch.toCompactByteArray()", errors);
        if (bytes == null) {
            return null;
        }
        Family family = family(bytes);
        if (family != Family.HLL) {
            errors.add(new FieldError(field, family == null ? "is not a DataSketches sketch"
                    : "is a " + family + " sketch, not an HLL sketch"));
            return null;
        }
        int lgK = bytes[HLL_LG_K_BYTE];
        if (lgK > UserSketches.MAX_LG_K) {
            errors.add(new FieldError(field, "has lgK " + lgK + "; quark takes HLL sketches of lgK up to "
                    + UserSketches.MAX_LG_K));
            return null;
        }
        try {
            HllSketch sketch = HllSketch.heapify(bytes);
            if (Double.isNaN(sketch.getEstimate())) {
                throw new SketchesArgumentException("its estimate is not a number");
            }
            return sketch;
        } catch (RuntimeException e) {
            errors.add(new FieldError(field, "does not deserialise as an HLL sketch: " + e.getMessage()));
            return null;
        }
    }

    /** A Theta sketch ({@code CompactSketch.toByteArray()}, DataSketches' default seed); null if absent or wrong. */
    static CompactSketch theta(String field, String base64, List<FieldError> errors) {
        byte[] bytes = bytes(field, base64, "base64 of CompactSketch.toByteArray()", errors);
        if (bytes == null) {
            return null;
        }
        Family family = family(bytes);
        if (family != Family.COMPACT) {
            errors.add(new FieldError(field, family == null ? "is not a DataSketches sketch"
                    : family == Family.QUICKSELECT || family == Family.ALPHA
                            ? "is an updatable Theta sketch; send its compact form, CompactSketch.toByteArray()"
                            : "is a " + family + " sketch, not a Theta CompactSketch"));
            return null;
        }
        try {
            Sketch sketch = Sketch.heapify(Memory.wrap(bytes), ThetaUtil.DEFAULT_UPDATE_SEED);
            return (CompactSketch) sketch;
        } catch (SketchesArgumentException e) {
            errors.add(new FieldError(field, e.getMessage() != null && e.getMessage().contains("Seed")
                    ? "was built with another seed than DataSketches' default (" + ThetaUtil.DEFAULT_UPDATE_SEED
                            + "): it could not be intersected with the other days"
                    : "does not deserialise as a Theta sketch: " + e.getMessage()));
            return null;
        } catch (RuntimeException e) {
            errors.add(new FieldError(field, "does not deserialise as a Theta sketch: " + e.getMessage()));
            return null;
        }
    }

    private static byte[] bytes(String field, String base64, String what, List<FieldError> errors) {
        if (base64 == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "is not base64 (" + e.getMessage() + "); send " + what));
            return null;
        }
        if (bytes.length < PREAMBLE) {
            errors.add(new FieldError(field, "is not a DataSketches sketch (" + bytes.length + " bytes); send " + what));
            return null;
        }
        return bytes;
    }

    private static Family family(byte[] bytes) {
        try {
            return Family.idToFamily(bytes[FAMILY_BYTE]);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
