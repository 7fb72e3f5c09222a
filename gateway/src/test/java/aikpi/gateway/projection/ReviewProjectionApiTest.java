package aikpi.gateway.projection;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import aikpi.gateway.SourceDoubles;
import aikpi.gateway.sources.billing.Attribution.BusinessUnitSpend;
import aikpi.gateway.sources.billing.DailyRevenue;
import aikpi.gateway.sources.quark.DailySessions;
import aikpi.gateway.sources.tongyi.DailyResourceCost;
import aikpi.gateway.sources.tongyi.UsageSummary;
import aikpi.gateway.targets.Target.Direction;
import aikpi.gateway.targets.Target.TargetPeriod;
import aikpi.gateway.targets.TargetRequest;
import aikpi.gateway.targets.TargetService;
import aikpi.testing.ServiceApi;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A running quarter's review with projections, on 2025-05-01 in Shanghai: FY2026-Q1 (2025-04-01 … 06-30, 91 days) has
 * 30 complete days. The daily series are made so that the projections are worked by hand below. No answer is reused:
 * a test whose source fails must not be served another test's answer.
 */
@MicronautTest(transactional = false)
@Property(name = "gateway.cache.ttl", value = "0s")
@Property(name = "gateway.cache.max-stale", value = "0s")
class ReviewProjectionApiTest extends SourceDoubles {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    TargetService targets;

    @MockBean(Clock.class)
    Clock reviewDay() {
        return Clock.fixed(Instant.parse("2025-05-01T04:00:00Z"), ZoneOffset.UTC);
    }

    @BeforeEach
    void figuresSeriesAndTargets() {
        when(tongyiClient.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(
                tongyi(100, 10, 100, 40, 20, 3_600, "5.00")));
        when(tongyiClient.usageByBusinessUnit(anyString())).thenReturn(CompletableFuture.completedFuture(
                tokens("quark", 700L)));
        when(quarkClient.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(
                quark(group(null, 4, 4230, 600, "0.400000", 80, 10, "0.050000"),
                        group("quark", 2, 1230, 300, "0.500000", 50, 5, "0.050000"),
                        group("tmall", 2, 3000, 300, "0.300000", 30, 5, "0.050000"))));
        when(billingClient.attribution(anyString())).thenReturn(CompletableFuture.completedFuture(
                billing("280154000000.00", "31742000000.00", "0.113302", "10.00", "8.00", "2.00", "5.00", "5.00", 2,
                        List.of(new BusinessUnitSpend("quark", new BigDecimal("12.34"))))));
        // This year: quark's sessions on day t of the quarter are 10 + 2t, tmall's 100 a day; last year: no day.
        List<DailySessions.Row> rows = new ArrayList<>();
        for (int t = 1; t <= 30; t++) {
            LocalDate day = LocalDate.parse("2025-04-01").plusDays(t - 1);
            rows.add(new DailySessions.Row(day, "quark", 10 + 2L * t, 0, 0, 0));
            rows.add(new DailySessions.Row(day, "tmall", 100, 0, 0, 0));
        }
        when(quarkClient.dailySessions(eq("FY2026-Q1"))).thenReturn(CompletableFuture.completedFuture(
                new DailySessions("FY2026-Q1", rows)));
        // Tokens: 100 on every day of last year's quarter, 120 on each of this year's 30 days.
        when(tongyiClient.usageByDay(eq("FY2025-Q1"))).thenReturn(CompletableFuture.completedFuture(
                byDay(LocalDate.parse("2024-04-01"), 91, 100)));
        when(tongyiClient.usageByDay(eq("FY2026-Q1"))).thenReturn(CompletableFuture.completedFuture(
                byDay(LocalDate.parse("2025-04-01"), 30, 120)));
        // Billing, this year only: every other line's AI revenue is 100 + t ± 3 a day (+3 on odd days), 60 of it in
        // cash, MaaS 20; quark's own lines 30 a day, 10 of them AI in cash; tmall's 5 a day, none AI.
        List<DailyRevenue.Row> revenue = new ArrayList<>();
        for (int t = 1; t <= 30; t++) {
            LocalDate day = LocalDate.parse("2025-04-01").plusDays(t - 1);
            BigDecimal ai = BigDecimal.valueOf(100 + t + (t % 2 == 1 ? 3 : -3));
            revenue.add(new DailyRevenue.Row(day, null, ai.add(BigDecimal.valueOf(50)), ai, cny("60"), cny("20")));
            revenue.add(new DailyRevenue.Row(day, "quark", cny("30"), cny("10"), cny("10"), cny("0")));
            revenue.add(new DailyRevenue.Row(day, "tmall", cny("5"), cny("0"), cny("0"), cny("0")));
        }
        when(billingClient.dailyRevenue(eq("FY2026-Q1"))).thenReturn(CompletableFuture.completedFuture(
                new DailyRevenue("FY2026-Q1", revenue)));
        // GPU cost: 100.00 on every day of last year's quarter, 90.00 on each of this year's 30 days.
        when(tongyiClient.resourceCostByDay(eq("FY2025-Q1"))).thenReturn(CompletableFuture.completedFuture(
                costByDay(LocalDate.parse("2024-04-01"), 91, "100.00")));
        when(tongyiClient.resourceCostByDay(eq("FY2026-Q1"))).thenReturn(CompletableFuture.completedFuture(
                costByDay(LocalDate.parse("2025-04-01"), 30, "90.00")));
        targets.put(2026, "quark", "toc-ai-sessions", target("9000"), "exec");
        targets.put(2026, "group", "tob-tokens", target("12000"), "exec");
        targets.put(2026, "group", "ai-attributed-revenue", target("14000"), "exec");
        targets.put(2026, "group", "ai-cash-revenue", target("6000"), "exec");
        targets.put(2026, "group", "ai-voucher-revenue", target("8000"), "exec");
        targets.put(2026, "group", "tob-maas-revenue", target("1820"), "exec");
        targets.put(2026, "group", "bu-cloud-spend", target("3000"), "exec");
        targets.put(2026, "quark", "bu-cloud-spend", target("3000"), "exec");
        targets.put(2026, "group", "ai-resource-cost", new TargetRequest(new BigDecimal("8000"), Direction.AT_MOST,
                BigDecimal.ONE, TargetPeriod.QUARTER, null, "synthetic: projection test"), "exec");
        targets.put(2026, "group", "toc-ai-sessions", target("20000"), "exec");
        targets.put(2026, "group", "stickiness", target("0.2"), "exec");
    }

    private static TargetRequest target(String value) {
        return new TargetRequest(new BigDecimal(value), Direction.AT_LEAST, BigDecimal.ONE, TargetPeriod.QUARTER, null,
                "synthetic: projection test");
    }

    private static BigDecimal cny(String amount) {
        return new BigDecimal(amount).setScale(2);
    }

    private static DailyResourceCost costByDay(LocalDate first, int days, String cost) {
        List<DailyResourceCost.Row> rows = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            rows.add(new DailyResourceCost.Row(first.plusDays(i), new BigDecimal(cost)));
        }
        return new DailyResourceCost("p", rows);
    }

    private static UsageSummary byDay(LocalDate first, int days, long tokens) {
        List<UsageSummary.Row> rows = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            rows.add(new UsageSummary.Row(first.plusDays(i).toString(), tokens));
        }
        return new UsageSummary("p", rows);
    }

    private Map<String, Object> kpi(Map<String, Object> review, String scope, String kpiId) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> scopes = (List<Map<String, Object>>) review.get("scopes");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> kpis = (List<Map<String, Object>>) scopes.stream()
                .filter(s -> s.get("scope").equals(scope)).findFirst().orElseThrow().get("kpis");
        return kpis.stream().filter(k -> k.get("kpiId").equals(kpiId)).findFirst().orElseThrow();
    }

    private Map<String, Object> review() {
        return new ServiceApi(client.toBlocking()).get("/api/v1/executive/reviews?period=FY2026-Q1");
    }

    private static BigDecimal dec(Object number) {
        return new BigDecimal(number.toString());
    }

    @Test
    void aUnitsSessionsAreProjectedAlongTheirLineBesideThePace() {
        Map<String, Object> sessions = kpi(review(), "quark", "toc-ai-sessions");
        // Σ_{t=1..91} (10 + 2t) = 910 + 2 × 4186 = 9282; the line is exact, so the interval has no width.
        assertThat(sessions).containsEntry("projectionMethod", "LINEAR").containsEntry("projectedStatus", "ON_TRACK");
        assertThat(dec(sessions.get("projected"))).isEqualByComparingTo("9282");
        assertThat(dec(sessions.get("projectedLow"))).isEqualByComparingTo("9282");
        assertThat(dec(sessions.get("projectedHigh"))).isEqualByComparingTo("9282");
        assertThat(dec(sessions.get("projectedAttainment"))).isEqualByComparingTo("1.031333"); // 9282 ÷ 9000
        // The pace stays: 31 of 91 days (today included) expect 9000 × 31 ÷ 91 = 3065.934066; 1230 ÷ that.
        assertThat(dec(sessions.get("expectedToDate"))).isEqualByComparingTo("3065.934066");
        assertThat(dec(sessions.get("pace"))).isEqualByComparingTo("0.401183");
        assertThat(sessions).containsEntry("status", "OFF_TRACK");
    }

    @Test
    void theGroupsSessionsAddTheUnitsDays() {
        // Each day 10 + 2t + 100: 9282 + 9100 = 18382 < 20000, and the exact line's interval does not reach it.
        Map<String, Object> sessions = kpi(review(), "group", "toc-ai-sessions");
        assertThat(dec(sessions.get("projected"))).isEqualByComparingTo("18382");
        assertThat(sessions).containsEntry("projectedStatus", "OFF_TRACK");
        assertThat(dec(sessions.get("projectedAttainment"))).isEqualByComparingTo("0.9191"); // 18382 ÷ 20000
    }

    @Test
    void tokensWithAYearOfHistoryScaleLastYearsRestByTheRunRate() {
        // Run rate 3600 ÷ 3000 = 1.2; last year's 61 remaining days 6100 × 1.2 = 7320; 3600 + 7320 = 10920.
        Map<String, Object> tokens = kpi(review(), "group", "tob-tokens");
        assertThat(tokens).containsEntry("projectionMethod", "SEASONAL").containsEntry("projectedStatus", "OFF_TRACK");
        assertThat(dec(tokens.get("projected"))).isEqualByComparingTo("10920");
        assertThat(dec(tokens.get("projectedAttainment"))).isEqualByComparingTo("0.91");
    }

    @Test
    void theAiRevenuesPartsAndMaasRevenueFollowTheirLinesFromTheLedgersDays() {
        Map<String, Object> review = review();
        // Cash 60 + 10 = 70 a day: 91 × 70; vouchers 100 + t ± 3 − 60: Σ_{t=1..91}(40 + t) and the noise; MaaS 20 a day.
        Map<String, Object> cash = kpi(review, "group", "ai-cash-revenue");
        assertThat(cash).containsEntry("projectionMethod", "LINEAR").containsEntry("projectedStatus", "ON_TRACK");
        assertThat(dec(cash.get("projected"))).isEqualByComparingTo("6370.00");
        assertThat(dec(cash.get("projectedLow"))).isEqualByComparingTo("6370.00");
        Map<String, Object> maas = kpi(review, "group", "tob-maas-revenue");
        assertThat(dec(maas.get("projected"))).isEqualByComparingTo("1820.00");
        assertThat(maas).containsEntry("projectedStatus", "ON_TRACK");
        assertThat(dec(maas.get("projectedAttainment"))).isEqualByComparingTo("1");

        // The AI revenue, 110 + t ± 3 a day, by least squares worked here from the docs' formulas.
        double[] fit = line(t -> 110 + t + (t % 2 == 1 ? 3 : -3), 30, 91);
        Map<String, Object> ai = kpi(review, "group", "ai-attributed-revenue");
        assertThat(ai).containsEntry("projectionMethod", "LINEAR");
        assertThat(dec(ai.get("projected")).doubleValue()).isCloseTo(fit[0], within(0.011));
        assertThat(dec(ai.get("projectedLow")).doubleValue()).isCloseTo(fit[1], within(0.011));
        assertThat(dec(ai.get("projectedHigh")).doubleValue()).isCloseTo(fit[2], within(0.011));
        // Σ_{t=1..91}(110 + t) = 14196 with the noise's pull on the line: on track for 14,000 only if the line says so.
        assertThat(fit[0]).isBetween(14_000.0, 14_400.0);
        assertThat(ai).containsEntry("projectedStatus", fit[0] >= 14_000 ? "ON_TRACK" : fit[2] >= 14_000 ? "AT_RISK" : "OFF_TRACK");
        Map<String, Object> vouchers = kpi(review, "group", "ai-voucher-revenue");
        double[] voucherFit = line(t -> 40 + t + (t % 2 == 1 ? 3 : -3), 30, 91);
        assertThat(dec(vouchers.get("projected")).doubleValue()).isCloseTo(voucherFit[0], within(0.011));
        assertThat(dec(vouchers.get("projectedHigh")).doubleValue()).isCloseTo(voucherFit[2], within(0.011));
    }

    @Test
    void theUnitsCloudSpendIsTheirOwnLinesDays() {
        // quark's own lines, 30 a day: 2,730 against 3,000; the group's, quark's and tmall's: 35 × 91 = 3,185.
        Map<String, Object> review = review();
        Map<String, Object> quark = kpi(review, "quark", "bu-cloud-spend");
        assertThat(dec(quark.get("projected"))).isEqualByComparingTo("2730.00");
        assertThat(quark).containsEntry("projectedStatus", "OFF_TRACK");
        assertThat(dec(quark.get("projectedAttainment"))).isEqualByComparingTo("0.91");
        Map<String, Object> group = kpi(review, "group", "bu-cloud-spend");
        assertThat(dec(group.get("projected"))).isEqualByComparingTo("3185.00");
        assertThat(group).containsEntry("projectedStatus", "ON_TRACK");
    }

    @Test
    void theResourceCostWithAYearOfHistoryIsABudgetOverrun() {
        // Run rate 2,700 ÷ 3,000 = 0.9; last year's 61 remaining days 6,100 × 0.9 = 5,490; 2,700 + 5,490 = 8,190 over
        // a budget of 8,000 (AT_MOST): attainment 8,000 ÷ 8,190.
        Map<String, Object> cost = kpi(review(), "group", "ai-resource-cost");
        assertThat(cost).containsEntry("projectionMethod", "SEASONAL").containsEntry("projectedStatus", "OFF_TRACK");
        assertThat(dec(cost.get("projected"))).isEqualByComparingTo("8190.00");
        assertThat(dec(cost.get("projectedHigh"))).isEqualByComparingTo("8190.00");
        assertThat(dec(cost.get("projectedAttainment"))).isEqualByComparingTo("0.976801");
    }

    @Test
    void aLedgerBookingItsMonthsBillOnOneDayIsNotProjected() {
        // April's bill booked on its last day, 29 of the 30 days seen without a line: not a daily flow.
        when(billingClient.dailyRevenue(eq("FY2026-Q1"))).thenReturn(CompletableFuture.completedFuture(
                new DailyRevenue("FY2026-Q1", List.of(new DailyRevenue.Row(LocalDate.parse("2025-04-30"), null,
                        cny("3000"), cny("3000"), cny("2000"), cny("500"))))));
        Map<String, Object> review = review();
        assertThat(kpi(review, "group", "ai-attributed-revenue").get("projected")).isNull();
        assertThat(kpi(review, "group", "ai-attributed-revenue").get("pace")).isNotNull();
        assertThat(kpi(review, "group", "tob-maas-revenue").get("projectedStatus")).isNull();
    }

    @Test
    void lastYearsMonthlyBillsAreNoShapeToScale() {
        // Last year's quarter booked one bill a month: this year's daily cash is projected by its line, not scaled.
        List<DailyRevenue.Row> bills = new ArrayList<>();
        for (String day : List.of("2024-04-30", "2024-05-31", "2024-06-30")) {
            bills.add(new DailyRevenue.Row(LocalDate.parse(day), null, cny("2100"), cny("2100"), cny("2100"), cny("0")));
        }
        when(billingClient.dailyRevenue(eq("FY2025-Q1"))).thenReturn(CompletableFuture.completedFuture(
                new DailyRevenue("FY2025-Q1", bills)));
        Map<String, Object> cash = kpi(review(), "group", "ai-cash-revenue");
        assertThat(cash).containsEntry("projectionMethod", "LINEAR");
        assertThat(dec(cash.get("projected"))).isEqualByComparingTo("6370.00");
    }

    @Test
    void theLedgersDaysNotAnsweringLeaveTheRevenueWithItsPaceOnly() {
        when(billingClient.dailyRevenue(eq("FY2026-Q1"))).thenReturn(CompletableFuture.failedFuture(
                new ConnectException("refused")));
        Map<String, Object> review = review();
        for (String kpiId : List.of("ai-attributed-revenue", "ai-cash-revenue", "ai-voucher-revenue", "tob-maas-revenue")) {
            assertThat(kpi(review, "group", kpiId).get("projected")).as(kpiId).isNull();
            assertThat(kpi(review, "group", kpiId).get("pace")).as(kpiId).isNotNull();
        }
        assertThat(kpi(review, "group", "ai-resource-cost").get("projected")).isNotNull();
    }

    /**
     * A LINEAR projection worked from docs/PROJECTIONS.md's formulas with plain sums: {projected, low, high} of a
     * period of {@code days} days whose first {@code seen} days are {@code y(t)}.
     */
    private static double[] line(java.util.function.IntToDoubleFunction y, int seen, int days) {
        double n = seen;
        double tBar = (n + 1) / 2;
        double yBar = 0;
        double toDate = 0;
        for (int t = 1; t <= seen; t++) {
            toDate += y.applyAsDouble(t);
        }
        yBar = toDate / n;
        double sxx = 0;
        double sxy = 0;
        for (int t = 1; t <= seen; t++) {
            sxx += (t - tBar) * (t - tBar);
            sxy += (t - tBar) * (y.applyAsDouble(t) - yBar);
        }
        double b = sxy / sxx;
        double a = yBar - b * tBar;
        double sse = 0;
        for (int t = 1; t <= seen; t++) {
            double e = y.applyAsDouble(t) - a - b * t;
            sse += e * e;
        }
        double s2 = sse / (n - 2);
        double m = days - seen;
        double tBarRest = (n + 1 + days) / 2;
        double rest = m * (a + b * tBarRest);
        double variance = s2 * (m + m * m * (1 / n + (tBarRest - tBar) * (tBarRest - tBar) / sxx));
        double half = new org.apache.commons.math3.distribution.TDistribution(n - 2).inverseCumulativeProbability(0.9)
                * Math.sqrt(variance);
        return new double[] {toDate + rest, toDate + rest - half, toDate + rest + half};
    }

    @Test
    void aLevelAndASeriesThatDoesNotAnswerHaveNoProjection() {
        when(tongyiClient.usageByDay(eq("FY2026-Q1"))).thenReturn(CompletableFuture.failedFuture(
                new ConnectException("refused")));
        Map<String, Object> review = review();
        assertThat(kpi(review, "group", "stickiness").get("projected")).isNull();
        Map<String, Object> tokens = kpi(review, "group", "tob-tokens");
        assertThat(tokens.get("projected")).isNull();
        assertThat(tokens.get("projectedStatus")).isNull();
        assertThat(tokens.get("pace")).isNotNull();
    }

    @Test
    void aFinishedQuarterHasNoProjection() {
        targets.put(2025, "quark", "toc-ai-sessions", target("9000"), "exec");
        Map<String, Object> review = new ServiceApi(client.toBlocking()).get("/api/v1/executive/reviews?period=FY2025-Q4");
        assertThat(kpi(review, "quark", "toc-ai-sessions").get("projected")).isNull();
    }
}
