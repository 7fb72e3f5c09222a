package aikpi.gateway.projection;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Projects a flow KPI's value at the end of a running period from its daily series, with an 80% interval
 * (docs/PROJECTIONS.md works both methods through). Where last year's same days are known, the rest of the period is
 * last year's rest scaled by this year's run rate ({@link Method#SEASONAL}); otherwise a straight line fitted to the
 * days so far runs on to the period's end ({@link Method#LINEAR}). The statistics run in {@code double}; the figures
 * leave as BigDecimal: the days so far are summed exactly and only the projected rest is rounded, half-up, to the
 * caller's scale.
 */
public final class PeriodProjection {

    /** Fewer observed days than this project nothing: a week's noise would be read as a trend. */
    public static final int MIN_DAYS = 7;
    /** The interval's coverage: 80%, so 10% of outcomes fall outside it on each side. */
    public static final double COVERAGE = 0.80;

    private PeriodProjection() {
    }

    public enum Method {
        /** This year's run rate (the days so far ÷ last year's same days) × last year's remaining days. */
        SEASONAL,
        /** Least squares line through the days so far, summed over the remaining days. */
        LINEAR
    }

    /**
     * A projected period end: {@code toDate} is the exact sum of the observed days, {@code projected} adds the
     * projected rest, {@code low}/{@code high} bound the 80% interval (equal to {@code projected} when the days so far
     * fit the method exactly).
     */
    public record Projection(Method method, int observedDays, int days, BigDecimal toDate, BigDecimal projected,
                             BigDecimal low, BigDecimal high) {
    }

    /**
     * @param observed  the values of the period's first days, in order (a day without data is zero)
     * @param days      how many days the period has
     * @param lastYear  the values of every day of the same period a year earlier, or null when not known; used when
     *                  it has {@code days} values and both its part matching {@code observed} and its rest sum to more
     *                  than zero
     * @param scale     the decimals of the results
     * @return empty when fewer than {@link #MIN_DAYS} days are observed
     */
    public static Optional<Projection> project(List<BigDecimal> observed, int days, @Nullable List<BigDecimal> lastYear,
                                               int scale) {
        int n = observed.size();
        if (n < MIN_DAYS || n > days) {
            return Optional.empty();
        }
        BigDecimal toDate = observed.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (n == days) {
            BigDecimal whole = toDate.setScale(scale, RoundingMode.HALF_UP);
            return Optional.of(new Projection(lastYear == null ? Method.LINEAR : Method.SEASONAL, n, days, toDate,
                    whole, whole, whole));
        }
        double[] y = toDoubles(observed);
        if (seasonal(lastYear, n, days)) {
            return Optional.of(seasonal(toDate, y, toDoubles(lastYear), days, scale));
        }
        return Optional.of(linear(toDate, y, days, scale));
    }

    private static boolean seasonal(@Nullable List<BigDecimal> lastYear, int n, int days) {
        if (lastYear == null || lastYear.size() != days) {
            return false;
        }
        BigDecimal before = lastYear.subList(0, n).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal rest = lastYear.subList(n, days).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return before.signum() > 0 && rest.signum() > 0;
    }

    /**
     * Ratio estimator through the origin, y = r·x: r = Σy ÷ Σx over the days so far, residual variance s² = Σ(y − r·x)²
     * ÷ (n − 1). The rest R = r·X + Σe has variance s²·(m + n·X² ÷ (Σx)²) for m remaining days whose last-year sum is X.
     */
    private static Projection seasonal(BigDecimal toDate, double[] y, double[] lastYear, int days, int scale) {
        int n = y.length;
        int m = days - n;
        double sumY = 0;
        double sumX = 0;
        for (int i = 0; i < n; i++) {
            sumY += y[i];
            sumX += lastYear[i];
        }
        double rate = sumY / sumX;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - rate * lastYear[i];
            squares += e * e;
        }
        double restX = 0;
        for (int i = n; i < days; i++) {
            restX += lastYear[i];
        }
        double s = Math.sqrt(squares / (n - 1));
        double half = quantile(n - 1) * s * Math.sqrt(m + n * restX * restX / (sumX * sumX));
        return projection(Method.SEASONAL, n, days, toDate, rate * restX, half, scale);
    }

    /**
     * Least squares y = a + b·t over days t = 1..n. The rest is Σ(a + b·t) over t = n+1..N = m·(a + b·t̄′), t̄′ the mean
     * of the remaining days; its variance is s²·(m + m²·(1/n + (t̄′ − t̄)² ÷ Sxx)), s² the regression's mean square
     * error on n − 2 degrees of freedom.
     */
    private static Projection linear(BigDecimal toDate, double[] y, int days, int scale) {
        int n = y.length;
        int m = days - n;
        SimpleRegression regression = new SimpleRegression();
        for (int t = 1; t <= n; t++) {
            regression.addData(t, y[t - 1]);
        }
        double meanRest = (n + 1 + days) / 2.0;
        double rest = m * (regression.getIntercept() + regression.getSlope() * meanRest);
        double meanSoFar = (n + 1) / 2.0;
        double sxx = regression.getXSumSquares();
        double s = Math.sqrt(Math.max(0, regression.getMeanSquareError()));
        double spread = m + (double) m * m * (1.0 / n + (meanRest - meanSoFar) * (meanRest - meanSoFar) / sxx);
        double half = quantile(n - 2) * s * Math.sqrt(spread);
        return projection(Method.LINEAR, n, days, toDate, rest, half, scale);
    }

    /** Student's t quantile leaving (1 − coverage) ÷ 2 above it. */
    private static double quantile(int degreesOfFreedom) {
        return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(0.5 + COVERAGE / 2);
    }

    private static Projection projection(Method method, int n, int days, BigDecimal toDate, double rest, double half,
                                         int scale) {
        BigDecimal projected = toDate.add(BigDecimal.valueOf(rest)).setScale(scale, RoundingMode.HALF_UP);
        BigDecimal low = toDate.add(BigDecimal.valueOf(rest - half)).setScale(scale, RoundingMode.HALF_UP);
        BigDecimal high = toDate.add(BigDecimal.valueOf(rest + half)).setScale(scale, RoundingMode.HALF_UP);
        return new Projection(method, n, days, toDate, projected, low, high);
    }

    private static double[] toDoubles(List<BigDecimal> values) {
        return values.stream().mapToDouble(BigDecimal::doubleValue).toArray();
    }
}
