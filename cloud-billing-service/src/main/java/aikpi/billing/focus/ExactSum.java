package aikpi.billing.focus;

import java.math.BigDecimal;

/**
 * An exact running sum of decimals, held as a long count of units of 10^-scale while it fits and as a
 * {@link BigDecimal} beyond. A FOCUS import keeps one per ledger line for the whole file: a long and an int instead of
 * a new BigDecimal object for every row added (and of a tree entry per line: see {@link LineAggregator}) is what lets
 * half a million lines fit in the service's heap. The value is always exactly the BigDecimal sum of what was added.
 */
final class ExactSum {

    private static final long[] POWERS = new long[19];

    static {
        POWERS[0] = 1;
        for (int i = 1; i < POWERS.length; i++) {
            POWERS[i] = POWERS[i - 1] * 10;
        }
    }

    private long unscaled;
    private int scale;
    /** The sum once it no longer fits a long at its scale; null until then. */
    private BigDecimal big;

    void add(BigDecimal x) {
        if (big == null) {
            try {
                addExactly(x);
                return;
            } catch (ArithmeticException overflow) {
                big = BigDecimal.valueOf(unscaled, scale);
            }
        }
        big = big.add(x);
    }

    /** Adds in long arithmetic, or throws ArithmeticException (and changes nothing) when that would overflow. */
    private void addExactly(BigDecimal x) {
        int xScale = Math.max(x.scale(), 0);
        long xUnscaled = (x.scale() < 0 ? x.setScale(0) : x).unscaledValue().longValueExact();
        int target = Math.max(scale, xScale);
        long sum = Math.addExact(rescaled(unscaled, scale, target), rescaled(xUnscaled, xScale, target));
        unscaled = sum;
        scale = target;
    }

    private static long rescaled(long value, int from, int to) {
        if (to == from) {
            return value;
        }
        if (to - from >= POWERS.length) {
            throw new ArithmeticException("scale out of long range");
        }
        return Math.multiplyExact(value, POWERS[to - from]);
    }

    BigDecimal value() {
        return big != null ? big : BigDecimal.valueOf(unscaled, scale);
    }

    int signum() {
        return big != null ? big.signum() : Long.signum(unscaled);
    }
}
