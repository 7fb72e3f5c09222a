package aikpi.gateway.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.gateway.drivers.DriverKpis.Kind;
import aikpi.gateway.drivers.DriversCalculator.Result;
import aikpi.gateway.drivers.ShiftShare.Part;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drivers' bookkeeping around the shift-share: top N and others, the residual row, rounding. By hand. */
class DriversCalculatorTest {

    private static Part part(long n, long d) {
        return new Part(BigDecimal.valueOf(n), BigDecimal.valueOf(d));
    }

    private static Map<String, Part> members(Object... nameAndPart) {
        Map<String, Part> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndPart.length; i += 2) {
            m.put((String) nameAndPart[i], (Part) nameAndPart[i + 1]);
        }
        return m;
    }

    /*
     * A sum of 20 → 25: a 10 → 15 (+5), b 4 → 1 (−3), c — → 2 (+2); 6 → 7 that no member holds (+1).
     * Top 1: a; others b and c: 4 → 3, −1; residual +1. 5 − 1 + 1 = 5.
     */
    @Test
    void aSumsTopMembersOthersAndResidualAddUpToItsChange() {
        Breakdown before = Breakdown.ofSum(BigDecimal.valueOf(20), members("a", Breakdown.sum(10), "b", Breakdown.sum(4)),
                "not split");
        Breakdown after = Breakdown.ofSum(BigDecimal.valueOf(25), members("a", Breakdown.sum(15), "b", Breakdown.sum(1),
                "c", Breakdown.sum(2)), "not split");

        Result r = DriversCalculator.compute("k", Kind.SUM, "p0", before, "p1", after, 1);

        assertThat(r.change()).isEqualByComparingTo("5");
        assertThat(r.members()).singleElement().satisfies(m -> {
            assertThat(m.member()).isEqualTo("a");
            assertThat(m.contribution()).isEqualByComparingTo("5");
        });
        assertThat(r.others().members()).isEqualTo(2);
        assertThat(r.others().before()).isEqualByComparingTo("4");
        assertThat(r.others().after()).isEqualByComparingTo("3");
        assertThat(r.others().contribution()).isEqualByComparingTo("-1");
        assertThat(r.residual().contribution()).isEqualByComparingTo("1");
        assertThat(r.residual().note()).isEqualTo("not split");
        assertThat(r.rounding()).isEqualByComparingTo("0");
    }

    /*
     * Thirds: before x 0/1, y 0/1, z 1/1 (R 1/3, reported 0.333333); after all three 1/1 (R 1, reported 1.000000).
     * Change 0.666667. x and y each contribute 1/3 − 0 = 0.333333 (rounded), z 1/3 − 1/3 = 0: together 0.666666.
     * The millionth rounding leaves is the rounding field, so the parts still add up to the change.
     */
    @Test
    void whatRoundingLeavesIsAnsweredSoThePartsAddUp() {
        Breakdown before = new Breakdown(new BigDecimal("0.333333"), part(1, 3),
                members("x", part(0, 1), "y", part(0, 1), "z", part(1, 1)), null);
        Breakdown after = new Breakdown(new BigDecimal("1.000000"), part(3, 3),
                members("x", part(1, 1), "y", part(1, 1), "z", part(1, 1)), null);

        Result r = DriversCalculator.compute("k", Kind.RATIO, "p0", before, "p1", after, 10);

        assertThat(r.change()).isEqualByComparingTo("0.666667");
        assertThat(r.members()).extracting(m -> m.member()).containsExactly("x", "y", "z");
        assertThat(r.members().get(0).contribution()).isEqualByComparingTo("0.333333");
        assertThat(r.members().get(0).rateEffect()).isEqualByComparingTo("0.333333");
        assertThat(r.members().get(2).contribution()).isEqualByComparingTo("0");
        assertThat(r.residual()).isNull();
        assertThat(r.rounding()).isEqualByComparingTo("0.000001");
    }

    @Test
    void aRatioWithoutADenominatorHasNoChangeToSplit() {
        Breakdown none = new Breakdown(null, Part.NONE, Map.of(), null);
        Breakdown some = new Breakdown(null, part(1, 2), members("x", part(1, 2)), null);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> DriversCalculator.compute("k", Kind.RATIO, "p0", none, "p1", some, 10))
                .isInstanceOf(DriversCalculator.NoFigureException.class).hasMessageContaining("p0");
    }

    /*
     * The AI lift = AI users' week-4 retention − the others', in points (docs/DRIVERS.md works it through).
     *
     *            AI Q1        others Q1     AI Q2         others Q2
     *   app-a    30/50  .6    30/150 .2     60/100  .6    60/300 .2
     *   app-b    40/50  .8    60/150 .4     90/100  .9    60/100 .6
     *   whole    70/100 .7    90/300 .3     150/200 .75   120/400 .3     lift 40 → 45
     *
     * AI ratio: a 60/200 − 30/100 = 0 (rate 0, mix (.5 − .5)·.6 = 0); b 90/200 − 40/100 = .05 (rate .1·.5 = .05).
     * Others: a 60/400 − 30/300 = .05 (rate 0, mix .25·.2 = .05); b 60/400 − 60/300 = −.05
     *   (rate .2·(.5 + .25)/2 = .075, mix −.25·(.4 + .6)/2 = −.125).
     * Lift: a 100·(0 − .05) = −5 (rate 0, mix −5); b 100·(.05 + .05) = +10 (rate 100·(.05 − .075) = −2.5, mix +12.5).
     */
    @Test
    void aDifferenceOfTwoRatiosIsSplitAsEachMembersContributionToTheOneLessTheOther() {
        Breakdown before = new Breakdown(null, part(70, 100), members("app-a", part(30, 50), "app-b", part(40, 50)),
                "not split", new Breakdown(null, part(90, 300), members("app-a", part(30, 150), "app-b", part(60, 150)),
                "not split"));
        Breakdown after = new Breakdown(null, part(150, 200), members("app-a", part(60, 100), "app-b", part(90, 100)),
                "not split", new Breakdown(null, part(120, 400), members("app-a", part(60, 300), "app-b", part(60, 100)),
                "not split"));

        Result r = DriversCalculator.compute("toc-ai-lift", Kind.DIFFERENCE, "p0", before, "p1", after, 10);

        assertThat(r.before()).isEqualByComparingTo("40");
        assertThat(r.after()).isEqualByComparingTo("45");
        assertThat(r.change()).isEqualByComparingTo("5");
        assertThat(r.members()).extracting(Drivers.Driver::member).containsExactly("app-b", "app-a");
        Drivers.Driver b = r.members().get(0);
        assertThat(b.contribution()).isEqualByComparingTo("10");
        assertThat(b.rateEffect()).isEqualByComparingTo("-2.5");
        assertThat(b.mixEffect()).isEqualByComparingTo("12.5");
        assertThat(b.before()).isEqualByComparingTo("40");   // .8 − .4
        assertThat(b.after()).isEqualByComparingTo("30");    // .9 − .6
        Drivers.Driver a = r.members().get(1);
        assertThat(a.contribution()).isEqualByComparingTo("-5");
        assertThat(a.rateEffect()).isEqualByComparingTo("0");
        assertThat(a.mixEffect()).isEqualByComparingTo("-5");
        assertThat(r.residual()).isNull();
        assertThat(r.rounding()).isEqualByComparingTo("0");

        // Top 1: app-a is the others' row, with its own lift in each period.
        Result top = DriversCalculator.compute("toc-ai-lift", Kind.DIFFERENCE, "p0", before, "p1", after, 1);
        assertThat(top.others().contribution()).isEqualByComparingTo("-5");
        assertThat(top.others().members()).isEqualTo(1);
        assertThat(top.others().before()).isEqualByComparingTo("40");
    }

    /*
     * The same lift with users counted in both apps: the whole's AI users 70/100 → 140/190 and the others' 90/300 →
     * 110/380 are fewer than the apps'. The residual takes, in points, 100·((−10/190 − 0) − (−10/380 − 0)).
     */
    @Test
    void whatTheWholeCountsOnceIsTheDifferencesResidual() {
        Breakdown before = new Breakdown(null, part(70, 100), members("app-a", part(30, 50), "app-b", part(40, 50)),
                "counted once", new Breakdown(null, part(90, 300), members("app-a", part(30, 150), "app-b",
                part(60, 150)), "counted once"));
        Breakdown after = new Breakdown(null, part(140, 190), members("app-a", part(60, 100), "app-b", part(90, 100)),
                "counted once", new Breakdown(null, part(110, 380), members("app-a", part(60, 300), "app-b",
                part(60, 100)), "counted once"));

        Result r = DriversCalculator.compute("toc-ai-lift", Kind.DIFFERENCE, "p0", before, "p1", after, 10);

        java.math.MathContext mc = java.math.MathContext.DECIMAL128;
        BigDecimal hundred = BigDecimal.valueOf(100);
        BigDecimal residual = BigDecimal.valueOf(-10).divide(BigDecimal.valueOf(190), mc)
                .subtract(BigDecimal.valueOf(-10).divide(BigDecimal.valueOf(380), mc)).multiply(hundred)
                .setScale(6, java.math.RoundingMode.HALF_UP);
        assertThat(r.residual().contribution()).isEqualByComparingTo(residual);
        assertThat(r.residual().note()).isEqualTo("counted once");
        BigDecimal after140 = BigDecimal.valueOf(140).divide(BigDecimal.valueOf(190), mc)
                .subtract(BigDecimal.valueOf(110).divide(BigDecimal.valueOf(380), mc)).multiply(hundred)
                .setScale(6, java.math.RoundingMode.HALF_UP);
        assertThat(r.after()).isEqualByComparingTo(after140);
        BigDecimal explained = r.members().stream().map(Drivers.Driver::contribution).reduce(BigDecimal.ZERO,
                BigDecimal::add).add(r.residual().contribution());
        assertThat(explained.add(r.rounding())).isEqualByComparingTo(r.change());
        assertThat(r.rounding().abs()).isLessThanOrEqualTo(new BigDecimal("0.000003"));
    }
}
