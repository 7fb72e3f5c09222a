package aikpi.gateway.drivers;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.gateway.drivers.ShiftShare.Part;
import aikpi.gateway.drivers.ShiftShare.Split;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The worked example of docs/DRIVERS.md, by hand. */
class ShiftShareTest {

    private static Part part(long resolved, long known) {
        return new Part(BigDecimal.valueOf(resolved), BigDecimal.valueOf(known));
    }

    /*
     * Resolution rate (resolved ÷ sessions with a known outcome) over three apps:
     *
     *            before                       after
     *   app-a    60 / 100  r 0.6  w 0.5      105 / 150  r 0.7  w 0.375
     *   app-b    20 / 100  r 0.2  w 0.5       10 /  50  r 0.2  w 0.125
     *   app-c     —        (none)             60 / 200  r 0.3  w 0.5
     *   group    80 / 200  R 0.4             175 / 400  R 0.4375        change +0.0375
     *
     * app-a: rate (0.7 − 0.6)·(0.5 + 0.375)/2 = 0.1·0.4375 = +0.04375
     *        mix  (0.375 − 0.5)·(0.6 + 0.7)/2 = −0.125·0.65 = −0.08125     contribution 105/400 − 60/200 = −0.0375
     * app-b: rate 0 (its rate stayed 0.2)
     *        mix  (0.125 − 0.5)·(0.2 + 0.2)/2 = −0.075                    contribution 10/400 − 20/200 = −0.075
     * app-c: no rate before: all mix, 0.5·0.3 = +0.15                      contribution 60/400 − 0 = +0.15
     * Σ = −0.0375 − 0.075 + 0.15 = +0.0375 = 0.4375 − 0.4
     */
    @Test
    void splitsTheWorkedExampleIntoRateAndMix() {
        BigDecimal d0 = BigDecimal.valueOf(200);
        BigDecimal d1 = BigDecimal.valueOf(400);

        Split a = ShiftShare.split(part(60, 100), part(105, 150), d0, d1, 6);
        Split b = ShiftShare.split(part(20, 100), part(10, 50), d0, d1, 6);
        Split c = ShiftShare.split(Part.NONE, part(60, 200), d0, d1, 6);

        assertThat(a.rateEffect()).isEqualByComparingTo("0.04375");
        assertThat(a.mixEffect()).isEqualByComparingTo("-0.08125");
        assertThat(a.contribution()).isEqualByComparingTo("-0.0375");
        assertThat(b.rateEffect()).isEqualByComparingTo("0");
        assertThat(b.mixEffect()).isEqualByComparingTo("-0.075");
        assertThat(c.rateEffect()).isEqualByComparingTo("0");
        assertThat(c.mixEffect()).isEqualByComparingTo("0.15");
        assertThat(a.contribution().add(b.contribution()).add(c.contribution())).isEqualByComparingTo("0.0375");
        assertThat(ShiftShare.weight(part(105, 150), d1, 6)).isEqualByComparingTo("0.375");
    }

    /*
     * A member that leaves: before x 30/60 (r 0.5, w 0.6) and y 10/40 (r 0.25, w 0.4), R 0.4; after y alone 20/50
     * (r 0.4, w 1), R 0.4. No change overall, yet y improved:
     *   x: all mix, (0 − 0.6)·0.5 = −0.3            (30/100 gone)
     *   y: rate (0.4 − 0.25)·(0.4 + 1)/2 = +0.105; mix (1 − 0.4)·(0.25 + 0.4)/2 = +0.195; contribution 20/50 − 10/100 = +0.3
     */
    @Test
    void aMemberThatLeavesTakesItsShareWithItAsMix() {
        BigDecimal d0 = BigDecimal.valueOf(100);
        BigDecimal d1 = BigDecimal.valueOf(50);

        Split x = ShiftShare.split(part(30, 60), Part.NONE, d0, d1, 6);
        Split y = ShiftShare.split(part(10, 40), part(20, 50), d0, d1, 6);

        assertThat(x.rateEffect()).isEqualByComparingTo("0");
        assertThat(x.mixEffect()).isEqualByComparingTo("-0.3");
        assertThat(y.rateEffect()).isEqualByComparingTo("0.105");
        assertThat(y.mixEffect()).isEqualByComparingTo("0.195");
        assertThat(x.contribution().add(y.contribution())).isEqualByComparingTo("0");
    }

    /** Thirds do not end: each figure is rounded once, and rate + mix is still the contribution to the last decimal. */
    @Test
    void roundingKeepsRatePlusMixEqualToTheContribution() {
        // before 1/3 of D 3; after 2/3 of D 3: contribution 1/3 → 0.333333; rate (2 − 1)·(1/3 + 1/3)/2 = 0.333333
        Split s = ShiftShare.split(part(1, 1), part(2, 1), BigDecimal.valueOf(3), BigDecimal.valueOf(3), 6);
        assertThat(s.contribution()).isEqualByComparingTo("0.333333");
        assertThat(s.rateEffect()).isEqualByComparingTo("0.333333");
        assertThat(s.mixEffect()).isEqualByComparingTo("0");
    }
}
