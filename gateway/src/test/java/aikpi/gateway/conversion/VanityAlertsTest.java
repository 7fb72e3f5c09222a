package aikpi.gateway.conversion;

import aikpi.gateway.sources.SourceFigures;
import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tongyi;
import static aikpi.gateway.Figures.withRetention;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class VanityAlertsTest {

    private static List<String> ids(List<VanityAlert> alerts) {
        return alerts.stream().map(VanityAlert::id).toList();
    }

    @Test
    void turnsUpWhileResolutionFallsIsAnAlertNamingBothFiguresAndBothValues() {
        var before = new SourceFigures(null, quark(group(null, 3, 1_000, 4_000, "0.700000", 700, 100, "0.100000")), null);
        var now = new SourceFigures(null, quark(group(null, 3, 1_000, 6_000, "0.650000", 650, 120, "0.120000")), null);
        List<VanityAlert> alerts = VanityAlerts.detect(now, before);
        assertThat(ids(alerts)).containsExactly("turns-up-resolution-not");
        VanityAlert a = alerts.get(0);
        assertThat(a.scope()).isEqualTo("group");
        assertThat(a.volume().id()).isEqualTo("toc-turns");
        assertThat(a.volume().previous()).isEqualByComparingTo("4000");
        assertThat(a.volume().current()).isEqualByComparingTo("6000");
        assertThat(a.quality().id()).isEqualTo("assistant-resolution-rate");
        assertThat(a.quality().previous()).isEqualByComparingTo("0.70");
        assertThat(a.quality().current()).isEqualByComparingTo("0.65");
        // The text in both languages; the message stays the English one the API has always given.
        assertThat(a.message()).isEqualTo("Assistant turns rose while the resolution rate fell or stayed flat: more talk, no more help.");
        assertThat(a.text().en()).isEqualTo(a.message());
        assertThat(a.text().zh()).isEqualTo("助手对话轮次上升，而解决率持平或下降：说得更多，帮得不多。");
    }

    @Test
    void aFlatQualityFigureAlertsTooButARisingOneDoesNot() {
        var before = new SourceFigures(null, quark(group(null, 3, 1_000, 4_000, "0.700000", 700, 100, "0.100000")), null);
        var flat = new SourceFigures(null, quark(group(null, 3, 1_500, 5_000, "0.700000", 1_050, 150, "0.100000")), null);
        assertThat(ids(VanityAlerts.detect(flat, before)))
                .containsExactly("turns-up-resolution-not", "sessions-up-conversion-not");
        var better = new SourceFigures(null, quark(group(null, 3, 1_500, 5_000, "0.800000", 1_200, 300, "0.200000")), null);
        assertThat(VanityAlerts.detect(better, before)).isEmpty();
    }

    @Test
    void downloadsUpWithFlatDerivativesOrFlatActiveCustomersAreAlerts() {
        var before = new SourceFigures(tongyi(10_000, 40, 400, 100, 30, 1_000_000, "10.00"), null, null);
        var now = new SourceFigures(tongyi(50_000, 40, 440, 120, 30, 2_000_000, "10.00"), null, null);
        assertThat(ids(VanityAlerts.detect(now, before)))
                .containsExactly("downloads-up-derivatives-not", "downloads-up-active-customers-not");
        var healthy = new SourceFigures(tongyi(50_000, 90, 490, 120, 45, 2_000_000, "10.00"), null, null);
        assertThat(VanityAlerts.detect(healthy, before)).isEmpty();
    }

    @Test
    void aiRevenueUpOnlyThroughVouchersIsAnAlert() {
        var before = new SourceFigures(null, null, billing(null, null, null, "100.00", "80.00", "20.00", "50.00", null, 3, List.of()));
        var voucherGrowth = new SourceFigures(null, null, billing(null, null, null, "150.00", "80.00", "70.00", "50.00", null, 3, List.of()));
        List<VanityAlert> alerts = VanityAlerts.detect(voucherGrowth, before);
        assertThat(ids(alerts)).containsExactly("ai-revenue-up-only-vouchers");
        assertThat(alerts.get(0).quality().current()).isEqualByComparingTo(new BigDecimal("80.00"));
        var cashGrowth = new SourceFigures(null, null, billing(null, null, null, "150.00", "120.00", "30.00", "50.00", null, 3, List.of()));
        assertThat(VanityAlerts.detect(cashGrowth, before)).isEmpty();
    }

    @Test
    void aBusinessUnitsAssistantIsJudgedOnItsOwnEvenWhenTheGroupLooksFine() {
        var groupBefore = group(null, 9, 10_000, 30_000, "0.600000", 6_000, 900, "0.090000");
        var groupNow = group(null, 9, 11_000, 33_000, "0.650000", 7_150, 1_100, "0.100000");
        var before = new SourceFigures(null, quark(groupBefore,
                group("tongyi-app", 1, 2_000, 6_000, "0.720000", 1_440, 20, "0.010000")), null);
        var now = new SourceFigures(null, quark(groupNow,
                group("tongyi-app", 1, 2_000, 9_000, "0.620000", 1_240, 20, "0.010000")), null);
        List<VanityAlert> alerts = VanityAlerts.detect(now, before);
        assertThat(alerts).extracting(a -> a.id() + "@" + a.scope()).containsExactly("turns-up-resolution-not@tongyi-app");
        assertThat(alerts.get(0).quality().current()).isEqualByComparingTo("0.62");
    }

    @Test
    void aiUsersUpWhileAiUsersStayNoBetterThanTheOthersIsAnAlertForTheGroupAndEachUnit() {
        // AI users 500 -> 750 (half the sessions); resolution and conversion improve, so only the lift decides.
        var groupBefore = group(null, 3, 1_000, 4_000, "0.700000", 700, 100, "0.100000");
        var groupNow = group(null, 3, 1_500, 5_000, "0.800000", 1_200, 300, "0.200000");
        var unitBefore = group("quark", 3, 1_000, 4_000, "0.700000", 700, 100, "0.100000");
        var unitNow = group("quark", 3, 1_500, 5_000, "0.800000", 1_200, 300, "0.200000");
        var before = new SourceFigures(null, quark(withRetention(groupBefore, "0.300000", "4.00"),
                withRetention(unitBefore, "0.300000", "4.00")), null);
        var noLift = new SourceFigures(null, quark(withRetention(groupNow, "0.310000", "0.00"),
                withRetention(unitNow, "0.310000", "-2.50")), null);
        List<VanityAlert> alerts = VanityAlerts.detect(noLift, before);
        assertThat(alerts).extracting(a -> a.id() + "@" + a.scope())
                .containsExactly("ai-users-up-lift-not@group", "ai-users-up-lift-not@quark");
        assertThat(alerts.get(1).volume().id()).isEqualTo("toc-ai-users");
        assertThat(alerts.get(1).volume().current()).isEqualByComparingTo("750");
        assertThat(alerts.get(1).quality().id()).isEqualTo("toc-ai-lift");
        assertThat(alerts.get(1).quality().current()).isEqualByComparingTo("-2.50");

        var lifted = new SourceFigures(null, quark(withRetention(groupNow, "0.310000", "3.00"),
                withRetention(unitNow, "0.310000", "0.01")), null);
        assertThat(VanityAlerts.detect(lifted, before)).isEmpty();
        // No cohort finished week 4 in the period: nothing to judge the AI users by.
        var unknown = new SourceFigures(null, quark(groupNow, unitNow), null);
        assertThat(VanityAlerts.detect(unknown, before)).isEmpty();
        // Fewer AI users with no lift: not this alert (it is about growth that is not value).
        var shrinking = new SourceFigures(null, quark(withRetention(groupBefore, "0.310000", "-1.00")), null);
        assertThat(VanityAlerts.detect(shrinking, before)).isEmpty();
    }

    @Test
    void aMissingSideIsNotJudged() {
        var now = new SourceFigures(tongyi(50_000, 40, 440, 120, 30, 1, "1.00"), null, null);
        assertThat(VanityAlerts.detect(now, SourceFigures.NONE)).isEmpty();
    }
}
