package aikpi.gateway.drivers;

import aikpi.gateway.drivers.ShiftShare.Part;
import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.util.Map;

/**
 * One period's figure of a KPI and the same figure per member of a dimension, as the sources gave them. A sum's parts
 * have a numerator only (denominator zero); a ratio's parts both.
 *
 * @param figure     the KPI's value as the executive view reports it (null: the source gave none)
 * @param whole      the figure's own numerator and denominator (for a sum: the figure)
 * @param members    each member's part, in the source's order
 * @param residual   why part of the whole is not split over the members, when a source cannot break it down
 * @param subtracted for a difference of two ratios (the AI lift): the ratio taken away, its whole and members; this
 *                   breakdown's whole and members are then the ratio it is taken from, and {@code figure} the difference
 */
public record Breakdown(@Nullable BigDecimal figure, Part whole, Map<String, Part> members, @Nullable String residual,
                        @Nullable Breakdown subtracted) {

    public Breakdown(@Nullable BigDecimal figure, Part whole, Map<String, Part> members, @Nullable String residual) {
        this(figure, whole, members, residual, null);
    }

    public static Breakdown ofSum(BigDecimal total, Map<String, Part> members, @Nullable String residual) {
        return new Breakdown(total, new Part(total, BigDecimal.ZERO), members, residual);
    }

    /** What no member accounts for: the whole less the sum of the members. */
    public Part unexplained() {
        Part sum = members.values().stream().reduce(Part.NONE, Part::plus);
        return whole.minus(sum);
    }

    public static Part sum(BigDecimal value) {
        return new Part(value, BigDecimal.ZERO);
    }

    public static Part sum(long value) {
        return sum(BigDecimal.valueOf(value));
    }
}
