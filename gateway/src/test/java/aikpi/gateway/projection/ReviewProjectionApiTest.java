package aikpi.gateway.projection;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import aikpi.gateway.SourceDoubles;
import aikpi.gateway.sources.billing.Attribution.BusinessUnitSpend;
import aikpi.gateway.sources.quark.DailySessions;
import aikpi.gateway.sources.tongyi.UsageSummary;
import aikpi.gateway.targets.Target.Direction;
import aikpi.gateway.targets.Target.TargetPeriod;
import aikpi.gateway.targets.TargetRequest;
import aikpi.gateway.targets.TargetService;
import aikpi.testing.ServiceApi;
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
 * 30 complete days. The daily series are made so that the projections are worked by hand below.
 */
@MicronautTest(transactional = false)
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
        targets.put(2026, "quark", "toc-ai-sessions", target("9000"), "exec");
        targets.put(2026, "group", "tob-tokens", target("12000"), "exec");
        targets.put(2026, "group", "toc-ai-sessions", target("20000"), "exec");
        targets.put(2026, "group", "stickiness", target("0.2"), "exec");
    }

    private static TargetRequest target(String value) {
        return new TargetRequest(new BigDecimal(value), Direction.AT_LEAST, BigDecimal.ONE, TargetPeriod.QUARTER, null,
                "synthetic: projection test");
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
