package aikpi.vocabulary;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Money and ratio rules shared by the suite: CNY amounts are exact to the fen (two decimals, as
 * {@code NUMERIC(19,2)} stores them) and ratios are computed in exact decimal arithmetic, never {@code double}.
 */
public final class Money {

    /** Fen: the scale of every stored CNY amount. */
    public static final int SCALE = 2;
    /** The scale of ratios such as shares and rates (0.113300 = 11.33%). */
    public static final int RATIO_SCALE = 6;
    /** The largest amount a {@code NUMERIC(19,2)} column holds. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999999999999.99");

    private Money() {
    }

    /** The amount at fen scale; refuses amounts that would lose fen. */
    public static BigDecimal cny(BigDecimal amount) {
        try {
            return amount.setScale(SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " has more than two decimals (fen)");
        }
    }

    public static BigDecimal cny(String amount) {
        return cny(new BigDecimal(amount));
    }

    /** True if {@code amount} has at most two decimals and fits {@code NUMERIC(19,2)}. */
    public static boolean isStorable(BigDecimal amount) {
        return amount != null && amount.stripTrailingZeros().scale() <= SCALE && amount.abs().compareTo(MAX_AMOUNT) <= 0;
    }

    /** {@code numerator ÷ denominator} at ratio scale, half-up; null when the denominator is zero or missing. */
    public static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return null;
        }
        return numerator.divide(denominator, MathContext.DECIMAL128).setScale(RATIO_SCALE, RoundingMode.HALF_UP);
    }

    public static BigDecimal ratio(long numerator, long denominator) {
        return denominator == 0 ? null : ratio(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
    }

    /**
     * A number without trailing zeros and never in exponent form (1200000, not 1.2E+6, which a JSON writer would
     * print as it is); null stays null.
     */
    public static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** A ratio as percentage points with two decimals (0.113300 → 11.33). */
    public static BigDecimal percentagePoints(BigDecimal ratio) {
        return ratio == null ? null : ratio.movePointRight(2).setScale(2, RoundingMode.HALF_UP);
    }
}
