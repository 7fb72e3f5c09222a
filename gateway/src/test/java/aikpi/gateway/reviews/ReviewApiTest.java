package aikpi.gateway.reviews;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import aikpi.gateway.SourceDoubles;
import aikpi.gateway.sources.billing.Attribution.BusinessUnitSpend;
import aikpi.gateway.targets.Target.Direction;
import aikpi.gateway.targets.Target.QualityFloor;
import aikpi.gateway.targets.Target.TargetPeriod;
import aikpi.gateway.targets.TargetRequest;
import aikpi.gateway.targets.TargetService;
import aikpi.testing.ServiceApi;
import aikpi.testing.TestTokens;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reviews over HTTP, against source doubles answering the same figures for any period, on 2025-06-01 (FY2025 and
 * its quarters are over). The figures: quark had 100 AI sessions at resolution rate 0.5, 700 tokens and 12.34 CNY of
 * cloud spend; tmall 100 sessions at 0.3; the group 200 sessions and a cloud share of 0.113302.
 */
@MicronautTest(transactional = false)
class ReviewApiTest extends SourceDoubles {

    static final String REVIEWS = "/api/v1/executive/reviews";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    TestTokens tokens;

    @Inject
    TargetService targets;

    @MockBean(Clock.class)
    Clock reviewDay() {
        return Clock.fixed(Instant.parse("2025-06-01T04:00:00Z"), ZoneOffset.UTC);
    }

    static TargetRequest target(String value, Direction direction, String weight, QualityFloor floor) {
        return new TargetRequest(new BigDecimal(value), direction, new BigDecimal(weight), TargetPeriod.QUARTER, floor,
                "synthetic: review test");
    }

    @BeforeEach
    void figuresAndTargets() {
        when(tongyiClient.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(
                tongyi(100, 10, 100, 40, 20, 1_000_000, "5.00")));
        when(tongyiClient.usageByBusinessUnit(anyString())).thenReturn(CompletableFuture.completedFuture(
                tokens("quark", 700L, "tmall", 300L)));
        when(quarkClient.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(
                quark(group(null, 4, 200, 600, "0.400000", 80, 10, "0.050000"),
                        group("quark", 2, 100, 300, "0.500000", 50, 5, "0.050000"),
                        group("tmall", 2, 100, 300, "0.300000", 30, 5, "0.050000"))));
        when(billingClient.attribution(anyString())).thenReturn(CompletableFuture.completedFuture(
                billing("280154000000.00", "31742000000.00", "0.113302", "10.00", "8.00", "2.00", "5.00", "5.00", 2,
                        List.of(new BusinessUnitSpend("quark", new BigDecimal("12.34"))))));
        // A PUT of what is already current is a no-op: every test sees these same versions.
        QualityFloor resolution = new QualityFloor("assistant-resolution-rate", new BigDecimal("0.4"), null);
        targets.put(2025, "quark", "toc-ai-sessions", target("80", Direction.AT_LEAST, "2", resolution), "exec");
        targets.put(2025, "quark", "tob-tokens", target("1000", Direction.AT_LEAST, "1", null), "exec");
        targets.put(2025, "quark", "bu-cloud-spend", target("10", Direction.AT_MOST, "1", null), "exec");
        targets.put(2025, "tmall", "toc-ai-sessions", target("80", Direction.AT_LEAST, "1",
                new QualityFloor("assistant-resolution-rate", new BigDecimal("0.6"), null)), "exec");
        targets.put(2025, "group", "toc-ai-sessions", target("150", Direction.AT_LEAST, "1", null), "exec");
        targets.put(2025, "group", "cloud-share", new TargetRequest(new BigDecimal("0.12"), Direction.AT_LEAST,
                BigDecimal.ONE, TargetPeriod.YEAR, null, "synthetic"), "exec");
    }

    Map<String, Object> get(String uri) {
        return new ServiceApi(client.toBlocking()).get(uri);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> scope(Map<String, Object> review, String scope) {
        return ((List<Map<String, Object>>) review.get("scopes")).stream().filter(s -> scope.equals(s.get("scope")))
                .findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> kpi(Map<String, Object> scope, String kpiId) {
        return ((List<Map<String, Object>>) scope.get("kpis")).stream().filter(k -> kpiId.equals(k.get("kpiId")))
                .findFirst().orElseThrow();
    }

    static BigDecimal dec(Object number) {
        return new BigDecimal(number.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFinishedQuarterIsScoredAndTheUnitsRanked() {
        Map<String, Object> review = get(REVIEWS + "?period=2025-Q1");
        assertThat(review).containsEntry("period", "FY2025-Q4").containsEntry("fiscalYear", "FY2025")
                .containsEntry("progress", "FINISHED").containsEntry("complete", true);
        assertThat((List<Map<String, Object>>) review.get("scopes")).extracting(s -> s.get("scope"))
                .containsExactly("group", "quark", "tmall");

        Map<String, Object> quark = scope(review, "quark");
        assertThat(quark).containsEntry("rank", 1).containsEntry("counted", 3).containsEntry("complete", true);
        // (2 × min(100 ÷ 80, 1.2) + 1 × 700 ÷ 1000 + 1 × 10 ÷ 12.34) ÷ 4
        assertThat(dec(quark.get("score"))).isEqualByComparingTo("0.977593");
        Map<String, Object> sessions = kpi(quark, "toc-ai-sessions");
        assertThat(sessions).containsEntry("status", "MET").containsEntry("counted", true);
        assertThat(dec(sessions.get("attainment"))).isEqualByComparingTo("1.2");
        assertThat(dec(sessions.get("actual"))).isEqualByComparingTo("100");
        assertThat((Map<String, Object>) sessions.get("qualityFloor")).containsEntry("met", true)
                .containsEntry("kpiId", "assistant-resolution-rate");
        assertThat(dec(kpi(quark, "bu-cloud-spend").get("attainment"))).isEqualByComparingTo("0.810373");
        assertThat(kpi(quark, "bu-cloud-spend")).containsEntry("status", "OFF_TRACK");

        Map<String, Object> tmall = scope(review, "tmall");
        assertThat(tmall).containsEntry("rank", 2).containsEntry("counted", 0);
        assertThat(dec(tmall.get("score"))).isEqualByComparingTo("0");
        Map<String, Object> gamed = kpi(tmall, "toc-ai-sessions");
        assertThat(gamed).containsEntry("status", "MET").containsEntry("counted", false);
        assertThat((String) gamed.get("reason")).contains("0.3");

        Map<String, Object> group = scope(review, "group");
        assertThat(group.get("rank")).isNull();
        // A YEAR level target is the same in a quarter: 0.113302 ÷ 0.12.
        assertThat(dec(kpi(group, "cloud-share").get("attainment"))).isEqualByComparingTo("0.944183");
        assertThat(dec(kpi(group, "toc-ai-sessions").get("attainment"))).isEqualByComparingTo("1.2");
        assertThat(dec(group.get("score"))).isEqualByComparingTo("1.072092"); // (1.2 + 0.944183) ÷ 2
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSourceThatDoesNotAnswerMakesItsKpisUnknownNeverZero() {
        when(billingClient.attribution(eq("2024-Q4"))).thenReturn(CompletableFuture.failedFuture(new ConnectException("refused")));
        Map<String, Object> review = get(REVIEWS + "?period=FY2025-Q3");
        assertThat(review).containsEntry("complete", false);
        assertThat((Map<String, Object>) ((Map<String, Object>) review.get("sources")).get("cloud-billing-service"))
                .containsEntry("status", "UNAVAILABLE");
        Map<String, Object> quark = scope(review, "quark");
        Map<String, Object> spend = kpi(quark, "bu-cloud-spend");
        assertThat(spend).containsEntry("status", "UNKNOWN").containsEntry("known", false);
        assertThat(spend.get("actual")).isNull();
        assertThat(spend.get("scored")).isNull();
        // Left out of the score: (2 × 1.2 + 1 × 0.7) ÷ 3.
        assertThat(dec(quark.get("score"))).isEqualByComparingTo("1.033333");
        assertThat(quark).containsEntry("complete", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFiscalYearSumsTheLedgersQuartersAndCountsAQuarterTargetFourTimes() {
        Map<String, Object> review = get(REVIEWS + "?period=FY2025");
        assertThat(review).containsEntry("period", "FY2025").containsEntry("progress", "FINISHED");
        verify(billingClient, atLeastOnce()).attribution("2024-Q2");
        verify(billingClient, never()).attribution("FY2025");
        verify(quarkClient, atLeastOnce()).kpis("FY2025");
        Map<String, Object> quark = scope(review, "quark");
        Map<String, Object> sessions = kpi(quark, "toc-ai-sessions");
        assertThat(dec(sessions.get("target"))).isEqualByComparingTo("320");
        assertThat(dec(sessions.get("setTarget"))).isEqualByComparingTo("80");
        assertThat(dec(sessions.get("attainment"))).isEqualByComparingTo("0.3125");
        Map<String, Object> spend = kpi(quark, "bu-cloud-spend");
        assertThat(dec(spend.get("actual"))).as("four quarters of 12.34").isEqualByComparingTo("49.36");
        assertThat(dec(spend.get("target"))).isEqualByComparingTo("40");
        Map<String, Object> share = kpi(scope(review, "group"), "cloud-share");
        assertThat(dec(share.get("actual"))).isEqualByComparingTo("0.113302");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUnitsLeadReadsItsOwnReviewOnly() {
        String lead = tokens.businessUnitLead("quark");
        Map<String, Object> own = client.toBlocking().retrieve(HttpRequest.GET(REVIEWS + "/quark?period=2025-Q1")
                .header(HttpHeaders.AUTHORIZATION, lead), Argument.mapOf(String.class, Object.class));
        assertThat((List<Map<String, Object>>) own.get("scopes")).extracting(s -> s.get("scope")).containsExactly("quark");
        // One unit's review keeps its rank among all the units.
        Map<String, Object> tmall = get(REVIEWS + "/tmall?period=2025-Q1");
        assertThat((List<Map<String, Object>>) tmall.get("scopes")).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("scope", "tmall").containsEntry("rank", 2));
        ServiceApi api = new ServiceApi(client.toBlocking());
        for (String uri : List.of(REVIEWS + "/tmall?period=2025-Q1", REVIEWS + "/group?period=2025-Q1",
                REVIEWS + "?period=2025-Q1")) {
            api.problem(HttpRequest.GET(uri).header(HttpHeaders.AUTHORIZATION, lead), 403);
        }
    }

    @Test
    void aPeriodThatIsNotAQuarterOrAFiscalYearOrAnUnknownScopeIsRefused() {
        ServiceApi api = new ServiceApi(client.toBlocking());
        for (String period : List.of("2025-01", "2025-01-05", "2025", "FY2025-Q5", "")) {
            api.problem(HttpRequest.GET(REVIEWS + "?period=" + period), 400);
        }
        api.problem(HttpRequest.GET(REVIEWS + "/nobody?period=2025-Q1"), 400);
        api.problem(HttpRequest.GET(REVIEWS), 400);
    }
}
