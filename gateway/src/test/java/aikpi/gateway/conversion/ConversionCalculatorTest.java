package aikpi.gateway.conversion;

import aikpi.gateway.sources.SourceFigures;
import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.gateway.sources.SourceReport;
import aikpi.gateway.sources.SourceStatus;
import aikpi.vocabulary.Period;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversionCalculatorTest {

    private static Map<String, SourceReport> statuses(SourceStatus tongyi, SourceStatus quark, SourceStatus billing) {
        Map<String, SourceReport> m = new LinkedHashMap<>();
        m.put("tongyi-service", new SourceReport(tongyi, null, null));
        m.put("quark-service", new SourceReport(quark, null, null));
        m.put("cloud-billing-service", new SourceReport(billing, null, null));
        return m;
    }

    private static final SourceFigures ARTICLE_QUARTER = new SourceFigures(
            tongyi(200_000, 9_000, 90_000, 290_000, 120_000, 4_000_000_000L, "1500000.00"),
            quark(group(null, 12, 10_000, 45_000, "0.620000", 5_000, 900, "0.090000")),
            billing("280154000000.00", "31742000000.00", "0.113302", "2000000.00", "1200000.00", "800000.00",
                    "600000.00", "150.00", 4_321, List.of()));

    @Test
    void theArticlesQuarterShowsTheCloudShareAgainstTheElevenPercentLine() {
        AiConversionView v = ConversionCalculator.compute(Period.parse("FY2025-Q3"), ARTICLE_QUARTER, SourceFigures.NONE,
                statuses(SourceStatus.OK, SourceStatus.OK, SourceStatus.OK));
        assertThat(v.period()).isEqualTo("FY2025-Q3");
        assertThat(v.previousPeriod()).isEqualTo("FY2025-Q2");
        assertThat(v.cloud().share()).isEqualByComparingTo("0.113302");
        assertThat(v.cloud().gapPp()).isEqualByComparingTo("0.33");
        assertThat(v.complete()).isTrue();
        assertThat(v.stale()).isFalse();
    }

    @Test
    void aiMarginIsCashRevenueMinusResourceCostAndVouchersDoNotCount() {
        AiConversionView v = ConversionCalculator.compute(Period.parse("2024-Q4"), ARTICLE_QUARTER, SourceFigures.NONE,
                statuses(SourceStatus.OK, SourceStatus.OK, SourceStatus.OK));
        // 1,200,000 cash − 1,500,000 GPU cost: the 800,000 of voucher revenue does not close the gap.
        assertThat(v.ai().marginCny()).isEqualByComparingTo("-300000.00");
        assertThat(v.ai().breakevenReached()).isFalse();
        assertThat(v.ai().voucherRevenueCny()).isEqualByComparingTo("800000.00");
        assertThat(v.toB().funnel().derivativeModels()).isEqualTo(90_000);
        assertThat(v.toB().funnel().customersOnboarded()).isEqualTo(290_000);
        assertThat(v.toB().funnel().payingCustomers()).isEqualTo(4_321);
        assertThat(v.toB().revenuePerMillionTokensCny()).isEqualByComparingTo("150.00");
        assertThat(v.toC().funnel().aiSessions()).isEqualTo(10_000);
        assertThat(v.toC().funnel().resolvedSessions()).isEqualTo(5_000);
        assertThat(v.toC().resolutionRate()).isEqualByComparingTo("0.62");
    }

    @Test
    void everyKpiCarriesItsDefinitionPeriodAndSources() {
        AiConversionView v = ConversionCalculator.compute(Period.parse("2024-Q4"), ARTICLE_QUARTER, SourceFigures.NONE,
                statuses(SourceStatus.OK, SourceStatus.OK, SourceStatus.OK));
        assertThat(v.kpis()).hasSize(KpiDefinition.values().length)
                .allSatisfy(k -> assertThat(k.period()).isEqualTo("2024-Q4"))
                .allSatisfy(k -> assertThat(k.definition()).isNotBlank())
                .allSatisfy(k -> assertThat(k.sources()).isNotEmpty());
        assertThat(v.kpis()).filteredOn(k -> k.id().equals("ai-margin")).singleElement()
                .satisfies(k -> assertThat(k.value()).isEqualByComparingTo("-300000.00"))
                .satisfies(k -> assertThat(k.sources()).containsExactly("cloud-billing-service", "tongyi-service"));
    }

    @Test
    void withoutLedgerReconciliationRevenuePerMillionTokensComesFromMeteredTokens() {
        var figures = new SourceFigures(tongyi(1, 1, 1, 1, 1, 4_000_000, "1.00"), null,
                billing(null, null, null, "10.00", "10.00", "0.00", "600.00", null, 1, List.of()));
        AiConversionView v = ConversionCalculator.compute(Period.parse("2025-Q1"), figures, SourceFigures.NONE,
                statuses(SourceStatus.OK, SourceStatus.UNAVAILABLE, SourceStatus.OK));
        assertThat(v.toB().revenuePerMillionTokensCny()).isEqualByComparingTo("150.00");
        assertThat(v.complete()).isFalse();
    }

    @Test
    void aMissingSourceLeavesItsFiguresNullAndTheRestStands() {
        var figures = new SourceFigures(null, ARTICLE_QUARTER.quark(), null);
        AiConversionView v = ConversionCalculator.compute(Period.parse("2024-Q4"), figures, SourceFigures.NONE,
                statuses(SourceStatus.TIMEOUT, SourceStatus.OK, SourceStatus.UNAVAILABLE));
        assertThat(v.cloud().share()).isNull();
        assertThat(v.ai().marginCny()).isNull();
        assertThat(v.ai().breakevenReached()).isNull();
        assertThat(v.toB().funnel().tokens()).isNull();
        assertThat(v.toC().funnel().aiSessions()).isEqualTo(10_000);
        assertThat(v.complete()).isFalse();
        assertThat(v.sources().get("tongyi-service").status()).isEqualTo(SourceStatus.TIMEOUT);
    }

    @Test
    void staleFiguresCountAsPresentButAreMarked() {
        AiConversionView v = ConversionCalculator.compute(Period.parse("2024-Q4"), ARTICLE_QUARTER, SourceFigures.NONE,
                statuses(SourceStatus.OK, SourceStatus.STALE, SourceStatus.OK));
        assertThat(v.complete()).isTrue();
        assertThat(v.stale()).isTrue();
        assertThat(v.toC().funnel().mau()).isEqualByComparingTo(new BigDecimal("1000"));
    }
}
