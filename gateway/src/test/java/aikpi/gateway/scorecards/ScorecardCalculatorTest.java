package aikpi.gateway.scorecards;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.withRetention;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.gateway.conversion.KpiDefinition;
import aikpi.gateway.scorecards.ScorecardCalculator.Inputs;
import aikpi.gateway.sources.billing.Attribution.BusinessUnitSpend;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorecardCalculatorTest {

    @Test
    void unitsAreJoinedOnTheirIdAcrossSourcesAndComparedWithThePreviousPeriod() {
        var total = group(null, 0, 0, 0, null, 0, 0, null);
        Inputs now = new Inputs(
                quark(total, withRetention(group("quark", 4, 900, 3_000, "0.600000", 500, 80, "0.088889"), "0.250000", "-1.50"),
                        group("amap", 1, 100, 300, "0.500000", 50, 5, "0.050000")),
                tokens("quark", 5_000_000L, "taobao", 2_000_000L),
                billing(null, null, null, "0", "0", "0", "0", null, 0, List.of(
                        new BusinessUnitSpend("taobao", new BigDecimal("1200.50")),
                        new BusinessUnitSpend("quark", new BigDecimal("300.00")))));
        Inputs before = new Inputs(
                quark(total, withRetention(group("quark", 3, 600, 1_500, "0.700000", 420, 60, "0.100000"), "0.300000", "2.00")),
                tokens("quark", 4_000_000L),
                billing(null, null, null, "0", "0", "0", "0", null, 0, List.of(
                        new BusinessUnitSpend("taobao", new BigDecimal("1000.00")))));

        List<Scorecard> cards = ScorecardCalculator.compute(now, before, List.of());
        assertThat(cards).extracting(Scorecard::businessUnit).containsExactly("amap", "quark", "taobao");

        Scorecard quark = cards.get(1);
        assertThat(quark.current().aiFeatures()).isEqualTo(4);
        assertThat(quark.current().aiSessions()).isEqualTo(900);
        assertThat(quark.current().tokens()).isEqualTo(5_000_000);
        assertThat(quark.current().cloudSpendCny()).isEqualByComparingTo("300.00");
        assertThat(quark.change().aiSessions()).isEqualTo(300);
        assertThat(quark.change().resolutionRate()).isEqualByComparingTo("-0.10");
        assertThat(quark.change().tokens()).isEqualTo(1_000_000);
        assertThat(quark.change().cloudSpendCny()).isEqualByComparingTo("300.00");
        // AI users beside whether they stay: the lift turned negative while sessions grew.
        assertThat(quark.current().aiUsers()).isEqualTo(450);
        assertThat(quark.current().aiLiftPp()).isEqualByComparingTo("-1.50");
        assertThat(quark.change().aiLiftPp()).isEqualByComparingTo("-3.50");
        assertThat(quark.change().week4Retention()).isEqualByComparingTo("-0.05");
        assertThat(quark.current().value(KpiDefinition.AI_LIFT)).isEqualByComparingTo("-1.50");
        assertThat(cards.get(0).current().aiLiftPp()).as("amap: no cohort finished week 4").isNull();

        Scorecard taobao = cards.get(2);
        assertThat(taobao.current().aiSessions()).isZero();
        assertThat(taobao.current().resolutionRate()).isNull();
        assertThat(taobao.change().cloudSpendCny()).isEqualByComparingTo("200.50");
        assertThat(taobao.previous().tokens()).isZero();
    }

    @Test
    void aSourceThatGaveNothingLeavesItsFiguresNullNotZero() {
        Inputs now = new Inputs(null, tokens("amap", 10L), null);
        List<Scorecard> cards = ScorecardCalculator.compute(now, new Inputs(null, null, null), List.of());
        assertThat(cards).singleElement().satisfies(c -> {
            assertThat(c.current().tokens()).isEqualTo(10);
            assertThat(c.current().aiSessions()).isNull();
            assertThat(c.current().cloudSpendCny()).isNull();
            assertThat(c.change().tokens()).isNull();
        });
    }
}
