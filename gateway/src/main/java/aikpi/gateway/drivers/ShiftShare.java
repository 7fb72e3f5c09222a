package aikpi.gateway.drivers;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The shift-share split of a ratio's change over the members of a dimension, in the symmetric (midpoint) form. For a
 * ratio R = N ÷ D = Σ wᵢ·rᵢ with a member's weight wᵢ = dᵢ ÷ D and its own ratio rᵢ = nᵢ ÷ dᵢ, a member's contribution
 * nᵢ₁/D₁ − nᵢ₀/D₀ is its rate effect (rᵢ₁ − rᵢ₀)·(wᵢ₀ + wᵢ₁)/2 plus its mix effect (wᵢ₁ − wᵢ₀)·(rᵢ₀ + rᵢ₁)/2, and the
 * contributions add up to R₁ − R₀. docs/DRIVERS.md works an example through. Plain Java.
 */
public final class ShiftShare {

    /** Every intermediate figure; results are rounded once, to the answer's scale, at the end. */
    public static final MathContext MATH = MathContext.DECIMAL128;

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private ShiftShare() {
    }

    /** A member's numerator and denominator in one period; zero and zero where it had none. */
    public record Part(BigDecimal numerator, BigDecimal denominator) {

        public static final Part NONE = new Part(BigDecimal.ZERO, BigDecimal.ZERO);

        public Part plus(Part other) {
            return new Part(numerator.add(other.numerator), denominator.add(other.denominator));
        }

        public Part minus(Part other) {
            return new Part(numerator.subtract(other.numerator), denominator.subtract(other.denominator));
        }

        public boolean isNone() {
            return numerator.signum() == 0 && denominator.signum() == 0;
        }

        /** nᵢ ÷ dᵢ, or null without a denominator. */
        public BigDecimal rate() {
            return denominator.signum() == 0 ? null : numerator.divide(denominator, MATH);
        }
    }

    /** One member's split of the change, each figure rounded to the answer's scale; contribution = rate + mix exactly. */
    public record Split(BigDecimal rateEffect, BigDecimal mixEffect) {
        public BigDecimal contribution() {
            return rateEffect.add(mixEffect);
        }
    }

    /**
     * @param before the member's part before (or {@link Part#NONE})
     * @param after  the member's part after (or {@link Part#NONE})
     * @param d0     the whole denominator before, not zero
     * @param d1     the whole denominator after, not zero
     * @param scale  the decimals of the answer
     */
    public static Split split(Part before, Part after, BigDecimal d0, BigDecimal d1, int scale) {
        BigDecimal contribution = after.numerator().divide(d1, MATH)
                .subtract(before.numerator().divide(d0, MATH), MATH).setScale(scale, RoundingMode.HALF_UP);
        BigDecimal r0 = before.rate();
        BigDecimal r1 = after.rate();
        if (r0 == null || r1 == null) {
            // A member with no denominator in one period has no rate there: it entered or left the mix, nothing else.
            return new Split(BigDecimal.ZERO.setScale(scale), contribution);
        }
        BigDecimal w0 = before.denominator().divide(d0, MATH);
        BigDecimal w1 = after.denominator().divide(d1, MATH);
        BigDecimal rate = r1.subtract(r0, MATH).multiply(w0.add(w1, MATH), MATH).divide(TWO, MATH)
                .setScale(scale, RoundingMode.HALF_UP);
        // The mix effect is what is left of the contribution: rate + mix = contribution with no rounding between them.
        return new Split(rate, contribution.subtract(rate));
    }

    /** A member's weight dᵢ ÷ D at the answer's scale. */
    public static BigDecimal weight(Part part, BigDecimal whole, int scale) {
        return part.denominator().divide(whole, MATH).setScale(scale, RoundingMode.HALF_UP);
    }
}
