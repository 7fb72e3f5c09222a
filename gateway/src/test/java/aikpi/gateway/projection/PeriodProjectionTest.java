package aikpi.gateway.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import aikpi.gateway.projection.PeriodProjection.Method;
import aikpi.gateway.projection.PeriodProjection.Projection;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Series with answers worked by hand (the same as docs/PROJECTIONS.md), and the interval's coverage simulated. */
class PeriodProjectionTest {

    @Test
    void aLinearSeriesIsProjectedExactlyWithANullInterval() {
        // y = 10 + 2t, 30 of 90 days seen: Σ_{t=1..90} (10 + 2t) = 900 + 2 × 4095 = 9090.
        List<BigDecimal> observed = IntStream.rangeClosed(1, 30).mapToObj(t -> BigDecimal.valueOf(10 + 2L * t)).toList();

        Projection p = PeriodProjection.project(observed, 90, null, 0).orElseThrow();

        assertThat(p.method()).isEqualTo(Method.LINEAR);
        assertThat(p.toDate()).isEqualByComparingTo("1230"); // 300 + 2 × 465
        assertThat(p.projected()).isEqualByComparingTo("9090");
        assertThat(p.low()).isEqualByComparingTo("9090");
        assertThat(p.high()).isEqualByComparingTo("9090");
    }

    @Test
    void aNoisyLineGetsTheResidualsStudentInterval() {
        // y = 2t + e, e = (1, −1, 0, 0, 0, −1, 1): Σe = Σt·e = 0, so the fit is a = 0, b = 2 and SSE = 4, s² = 4 / 5.
        // Days 8..10 remain: rest = 3 × 2 × 9 = 54; to date 56. Spread = 3 + 9 × (1/7 + (9 − 4)² / 28) = 12.321429;
        // t(0.90, 5 df) = 1.476 (tables); half-width = 1.476 × √0.8 × √12.321429 = 4.634.
        List<BigDecimal> observed = decimals(3, 3, 6, 8, 10, 11, 15);

        Projection p = PeriodProjection.project(observed, 10, null, 2).orElseThrow();

        assertThat(p.projected()).isEqualByComparingTo("110.00");
        double half = 1.476 * Math.sqrt(0.8) * Math.sqrt(3 + 9 * (1.0 / 7 + 25.0 / 28));
        assertThat(p.low().doubleValue()).isCloseTo(110 - half, within(0.01));
        assertThat(p.high().doubleValue()).isCloseTo(110 + half, within(0.01));
    }

    @Test
    void aYearOfHistoryScalesLastYearsRestByThisYearsRunRate() {
        // Last year 7 days of 10, then 3 of 20. This year so far 70 against last year's 70: run rate 1, rest 60.
        // Residuals y − x = (1, −1, 1, −1, 1, −1, 0): s² = 6 / 6 = 1. Spread = 3 + 7 × 60² / 70² = 8.142857;
        // t(0.90, 6 df) = 1.440 (tables); half-width = 1.440 × √8.142857 = 4.109.
        List<BigDecimal> lastYear = decimals(10, 10, 10, 10, 10, 10, 10, 20, 20, 20);
        List<BigDecimal> observed = decimals(11, 9, 11, 9, 11, 9, 10);

        Projection p = PeriodProjection.project(observed, 10, lastYear, 2).orElseThrow();

        assertThat(p.method()).isEqualTo(Method.SEASONAL);
        assertThat(p.projected()).isEqualByComparingTo("130.00");
        double half = 1.440 * Math.sqrt(3 + 7 * 3600.0 / 4900);
        assertThat(p.low().doubleValue()).isCloseTo(130 - half, within(0.01));
        assertThat(p.high().doubleValue()).isCloseTo(130 + half, within(0.01));
    }

    @Test
    void aRunRateAboveLastYearsCarriesIntoTheRest() {
        // 20% up on last year every day so far: the rest is last year's rest × 1.2 = 60 × 1.2 = 72, exact.
        List<BigDecimal> lastYear = decimals(10, 10, 10, 10, 10, 10, 10, 20, 20, 20);
        List<BigDecimal> observed = decimals(12, 12, 12, 12, 12, 12, 12);

        Projection p = PeriodProjection.project(observed, 10, lastYear, 2).orElseThrow();

        assertThat(p.projected()).isEqualByComparingTo("156.00"); // 84 + 72
        assertThat(p.low()).isEqualByComparingTo("156.00");
        assertThat(p.high()).isEqualByComparingTo("156.00");
    }

    @Test
    void lastYearWithNothingInTheRestFallsBackToTheLine() {
        List<BigDecimal> lastYear = decimals(10, 10, 10, 10, 10, 10, 10, 0, 0, 0);
        List<BigDecimal> observed = decimals(1, 2, 3, 4, 5, 6, 7);

        Projection p = PeriodProjection.project(observed, 10, lastYear, 0).orElseThrow();

        assertThat(p.method()).isEqualTo(Method.LINEAR);
        assertThat(p.projected()).isEqualByComparingTo("55"); // 1 + 2 + … + 10
    }

    @Test
    void lessThanAWeekProjectsNothingAndAFinishedPeriodIsItsSum() {
        assertThat(PeriodProjection.project(decimals(1, 2, 3, 4, 5, 6), 90, null, 0)).isEmpty();

        Projection whole = PeriodProjection.project(decimals(1, 2, 3, 4, 5, 6, 7), 7, null, 0).orElseThrow();
        assertThat(whole.projected()).isEqualByComparingTo("28");
        assertThat(whole.low()).isEqualByComparingTo("28");
    }

    @Test
    void theLinearIntervalHoldsTheTrueEndInEightyPercentOfNoisySeries() {
        Random random = new Random(20261207L);
        int inside = 0;
        int runs = 2000;
        for (int r = 0; r < runs; r++) {
            List<BigDecimal> all = new ArrayList<>();
            for (int t = 1; t <= 90; t++) {
                all.add(BigDecimal.valueOf(100 + 0.5 * t + 5 * random.nextGaussian()));
            }
            BigDecimal end = all.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            Projection p = PeriodProjection.project(all.subList(0, 30), 90, null, 2).orElseThrow();
            if (p.low().compareTo(end) <= 0 && end.compareTo(p.high()) <= 0) {
                inside++;
            }
        }
        assertThat(inside / (double) runs).isBetween(0.77, 0.83);
    }

    @Test
    void theSeasonalIntervalHoldsTheTrueEndInEightyPercentOfNoisySeries() {
        Random random = new Random(7L);
        List<BigDecimal> lastYear = new ArrayList<>();
        for (int t = 0; t < 91; t++) {
            lastYear.add(BigDecimal.valueOf(100 + 30 * Math.sin(t / 7.0 * 2 * Math.PI) + t));
        }
        int inside = 0;
        int runs = 2000;
        for (int r = 0; r < runs; r++) {
            List<BigDecimal> all = new ArrayList<>();
            for (int t = 0; t < 91; t++) {
                all.add(BigDecimal.valueOf(1.3 * lastYear.get(t).doubleValue() + 8 * random.nextGaussian()));
            }
            BigDecimal end = all.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            Projection p = PeriodProjection.project(all.subList(0, 40), 91, lastYear, 2).orElseThrow();
            if (p.low().compareTo(end) <= 0 && end.compareTo(p.high()) <= 0) {
                inside++;
            }
        }
        assertThat(inside / (double) runs).isBetween(0.77, 0.83);
    }

    private static List<BigDecimal> decimals(long... values) {
        return java.util.Arrays.stream(values).mapToObj(BigDecimal::valueOf).toList();
    }
}
