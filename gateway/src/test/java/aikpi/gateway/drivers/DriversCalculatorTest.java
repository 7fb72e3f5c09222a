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
}
