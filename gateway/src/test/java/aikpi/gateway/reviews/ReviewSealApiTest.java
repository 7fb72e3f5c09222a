package aikpi.gateway.reviews;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import aikpi.gateway.Figures;
import aikpi.gateway.SourceDoubles;
import aikpi.gateway.sources.billing.Attribution.BusinessUnitSpend;
import aikpi.gateway.targets.Target.Direction;
import aikpi.gateway.targets.Target.QualityFloor;
import aikpi.gateway.targets.Target.TargetPeriod;
import aikpi.gateway.targets.TargetRequest;
import aikpi.gateway.targets.TargetService;
import aikpi.platform.changes.DataChange;
import aikpi.testing.MovableClock;
import aikpi.testing.ServiceApi;
import aikpi.testing.TestTokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sealed reviews over HTTP, against source doubles, on 2025-06-01: FY2025 and its quarters are over, FY2026-Q1 runs.
 * Answers are not reused (cache TTL 0), so a figure a double changes after a seal is what the live review reads.
 * Each test seals a period of its own.
 */
@MicronautTest(transactional = false)
@Property(name = "gateway.cache.ttl", value = "0s")
class ReviewSealApiTest extends SourceDoubles {

    static final String REVIEWS = "/api/v1/executive/reviews";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    TestTokens tokens;

    @Inject
    TargetService targets;

    @Inject
    Clock clock;

    @MockBean(Clock.class)
    Clock reviewDay() {
        return new MovableClock(Instant.parse("2025-06-01T04:00:00Z"));
    }

    /** A minute later than the last step: a seal and what follows it are never at the same instant. */
    void later() {
        MovableClock movable = (MovableClock) clock;
        movable.set(movable.instant().plusSeconds(60));
    }

    ServiceApi api() {
        return new ServiceApi(client.toBlocking());
    }

    /** quark's AI sessions for every period: 100 for the unit, 200 for the group, unless a test changes them. */
    void quarkSessions(long unit) {
        when(quarkClient.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(
                quark(group(null, 4, 100 + unit, 600, "0.400000", 80, 10, "0.050000"),
                        group("quark", 2, unit, 300, "0.500000", 50, 5, "0.050000"),
                        group("tmall", 2, 100, 300, "0.300000", 30, 5, "0.050000"))));
    }

    @BeforeEach
    void figuresAndTargets() {
        when(tongyiClient.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(
                tongyi(100, 10, 100, 40, 20, 1_000_000, "5.00")));
        when(tongyiClient.usageByBusinessUnit(anyString())).thenReturn(CompletableFuture.completedFuture(
                tokens("quark", 700L, "tmall", 300L)));
        quarkSessions(100);
        when(billingClient.attribution(anyString())).thenReturn(CompletableFuture.completedFuture(
                billing("280154000000.00", "31742000000.00", "0.113302", "10.00", "8.00", "2.00", "5.00", "5.00", 2,
                        List.of(new BusinessUnitSpend("quark", new BigDecimal("12.34"))))));
        targets.put(2025, "quark", "toc-ai-sessions", target("80", "2"), "exec");
        targets.put(2025, "quark", "tob-tokens", target("1000", "1"), "exec");
        targets.put(2025, "tmall", "toc-ai-sessions", target("80", "1"), "exec");
        targets.put(2025, "group", "toc-ai-sessions", target("150", "1"), "exec");
        targets.put(2024, "quark", "toc-ai-sessions", target("80", "1"), "exec");
    }

    static TargetRequest target(String value, String weight) {
        return new TargetRequest(new BigDecimal(value), Direction.AT_LEAST, new BigDecimal(weight), TargetPeriod.QUARTER,
                null, "synthetic: seal test");
    }

    HttpResponse<Map<String, Object>> seal(String period, Map<String, Object> body) {
        return client.toBlocking().exchange(HttpRequest.POST(REVIEWS + "/" + period + "/seal", body),
                Argument.mapOf(String.class, Object.class));
    }

    Map<String, Object> refused(String period, Map<String, Object> body, int status) {
        return api().problem(HttpRequest.POST(REVIEWS + "/" + period + "/seal", body), status);
    }

    List<Map<String, Object>> versions(String period) {
        return api().getList(REVIEWS + "/" + period + "/seals");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> kpi(Map<String, Object> review, String scope, String kpiId) {
        return ReviewApiTest.kpi(ReviewApiTest.scope(review, scope), kpiId);
    }

    static DataChange daySentAgain(String day) {
        return new DataChange(DataChange.KIND_DAY_SENT_AGAIN, Instant.parse("2025-05-20T02:00:00Z"),
                LocalDate.parse(day), "taobao-dp", null, null, 1, 2, null, null,
                "taobao-dp's " + day + " sent again: version 2 replaced version 1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSealKeepsTheReviewAsItStoodAndTheChangesSayWhatMovedAndWhy() {
        HttpResponse<Map<String, Object>> sealed = seal("2025-Q1", Map.of());
        assertThat(sealed.code()).isEqualTo(201);
        assertThat(sealed.body()).containsEntry("period", "FY2025-Q4").containsEntry("version", 1)
                .containsEntry("forced", false);
        assertThat(sealed.getHeaders().get("Location")).contains("period=FY2025-Q4&version=1");
        assertThat((Map<String, Object>) sealed.body().get("sources")).containsOnlyKeys("tongyi-service",
                "quark-service", "cloud-billing-service");

        // After the seal quark restates the period: 90 sessions instead of 100, and says why.
        quarkSessions(90);
        when(quarkClient.changes(eq("FY2025-Q4"), eq(Figures.DATA_VERSION), any()))
                .thenReturn(Figures.changes(daySentAgain("2025-03-14")));

        Map<String, Object> review = api().get(REVIEWS + "?period=2025-Q1");
        assertThat((Map<String, Object>) review.get("sealed")).containsEntry("version", 1)
                .containsEntry("forced", false).containsKey("sealedAt").containsKey("sealedBy");
        assertThat(new BigDecimal(kpi(review, "quark", "toc-ai-sessions").get("actual").toString()))
                .as("the sealed figure").isEqualByComparingTo("100");
        Map<String, Object> live = api().get(REVIEWS + "?period=2025-Q1&as=live");
        assertThat(live.get("sealed")).isNull();
        assertThat(new BigDecimal(kpi(live, "quark", "toc-ai-sessions").get("actual").toString()))
                .isEqualByComparingTo("90");

        Map<String, Object> changes = api().get(REVIEWS + "/2025-Q1/changes");
        assertThat(changes).containsEntry("period", "FY2025-Q4").containsEntry("version", 1)
                .containsEntry("changed", true);
        List<Map<String, Object>> kpis = (List<Map<String, Object>>) changes.get("kpis");
        Map<String, Object> sessions = kpis.stream().filter(k -> k.get("scope").equals("quark")).findFirst().orElseThrow();
        assertThat(sessions).containsEntry("kpiId", "toc-ai-sessions").containsEntry("targetChanged", false);
        assertThat(new BigDecimal(sessions.get("actualDifference").toString())).isEqualByComparingTo("-10");
        assertThat(new BigDecimal(((Map<String, Object>) sessions.get("sealed")).get("actual").toString()))
                .isEqualByComparingTo("100");
        assertThat((List<String>) sessions.get("causedBy")).containsExactly("quark-service");
        // The group's sessions moved too (200 to 190); tokens did not, and are not listed.
        assertThat(kpis).extracting(k -> k.get("scope") + "/" + k.get("kpiId"))
                .containsExactlyInAnyOrder("quark/toc-ai-sessions", "group/toc-ai-sessions");
        // quark's score: (2 × min(100/80, 1.2) + 0.7) / 3 = 1.033333 sealed; (2 × 90/80 + 0.7) / 3 = 0.983333 live.
        Map<String, Object> quarkScope = ((List<Map<String, Object>>) changes.get("scopes")).stream()
                .filter(s -> s.get("scope").equals("quark")).findFirst().orElseThrow();
        assertThat(new BigDecimal(quarkScope.get("scoreDifference").toString())).isEqualByComparingTo("-0.05");
        List<Map<String, Object>> causes = (List<Map<String, Object>>) changes.get("causes");
        assertThat(causes).singleElement().satisfies(c -> assertThat(c).containsEntry("source", "quark-service")
                .containsEntry("kind", "DAY_SENT_AGAIN").containsEntry("subject", "taobao-dp")
                .containsEntry("oldVersion", 1).containsEntry("newVersion", 2));
        assertThat((Map<String, Object>) ((Map<String, Object>) changes.get("sources")).get("quark-service"))
                .containsEntry("status", "OK").containsEntry("since", Figures.DATA_VERSION).containsEntry("listed", 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void sealingAgainNeedsAReasonAndMakesTheNextVersionTheFirstStaysReadable() {
        assertThat(seal("2024-Q4", Map.of()).code()).isEqualTo(201);
        assertThat(refused("2024-Q4", Map.of(), 400).get("detail").toString()).contains("needs a reason");
        quarkSessions(120);
        HttpResponse<Map<String, Object>> second = seal("FY2025-Q3", Map.of("reason", "Restated after the audit"));
        assertThat(second.body()).containsEntry("version", 2).containsEntry("reason", "Restated after the audit");
        assertThat(versions("2024-Q4")).extracting(v -> v.get("version")).containsExactly(1, 2);
        Map<String, Object> latest = api().get(REVIEWS + "?period=2024-Q4");
        assertThat((Map<String, Object>) latest.get("sealed")).containsEntry("version", 2)
                .containsEntry("reason", "Restated after the audit");
        assertThat(new BigDecimal(kpi(latest, "quark", "toc-ai-sessions").get("actual").toString()))
                .isEqualByComparingTo("120");
        Map<String, Object> first = api().get(REVIEWS + "?period=2024-Q4&version=1");
        assertThat(new BigDecimal(kpi(first, "quark", "toc-ai-sessions").get("actual").toString()))
                .isEqualByComparingTo("100");
        api().problem(HttpRequest.GET(REVIEWS + "?period=2024-Q4&version=3"), 404);
        api().problem(HttpRequest.GET(REVIEWS + "/2024-Q4/changes?version=3"), 404);
        api().problem(HttpRequest.GET(REVIEWS + "?period=2024-Q4&version=1&as=live"), 400);
        api().problem(HttpRequest.GET(REVIEWS + "?period=2024-Q4&as=yesterday"), 400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSourceNotFinalRefusesTheSealUnlessForcedWithAReason() {
        when(billingClient.completeness(eq("FY2025-Q2"))).thenReturn(Figures.notFinal("FY2025-Q2", "2024-09-20"));
        Map<String, Object> problem = refused("2024-Q3", Map.of(), 409);
        assertThat(problem.get("detail").toString()).contains("cloud-billing-service").contains("2024-09-20");
        assertThat((Map<String, Object>) problem.get("sources")).containsOnlyKeys("cloud-billing-service");
        assertThat(refused("2024-Q3", Map.of("force", true), 400).get("detail").toString()).contains("reason");
        assertThat(versions("2024-Q3")).isEmpty();

        HttpResponse<Map<String, Object>> forced = seal("2024-Q3", Map.of("force", true,
                "reason", "Board meets before the September bill is final"));
        assertThat(forced.body()).containsEntry("forced", true);
        Map<String, Object> changes = api().get(REVIEWS + "/2024-Q3/changes");
        assertThat((List<Map<String, Object>>) changes.get("notFinalAtSeal")).singleElement()
                .satisfies(n -> assertThat(n).containsEntry("source", "cloud-billing-service")
                        .containsEntry("dataThrough", "2024-09-20"));
        assertThat(changes).containsEntry("changed", false);
    }

    @Test
    void aSourceDownOrAPeriodNotEndedIsRefusedAndNothingIsStored() {
        when(tongyiClient.completeness(eq("FY2025-Q1"))).thenReturn(
                CompletableFuture.failedFuture(new ConnectException("refused")));
        assertThat(refused("2024-Q2", Map.of("force", true, "reason", "anyway"), 503).get("detail").toString())
                .contains("tongyi-service");
        assertThat(versions("2024-Q2")).isEmpty();

        when(tongyiClient.kpis(eq("FY2025-Q1"))).thenReturn(CompletableFuture.failedFuture(new ConnectException("x")));
        when(tongyiClient.completeness(eq("FY2025-Q1"))).thenAnswer(Figures.EVERY_PERIOD_FINAL);
        refused("2024-Q2", Map.of(), 503);
        assertThat(versions("2024-Q2")).isEmpty();

        assertThat(refused("FY2026-Q1", Map.of(), 409).get("detail").toString()).contains("has ended");
        refused("2025-05", Map.of(), 400);
        refused("FY2025-Q9", Map.of(), 400);
        refused("2025-Q1", Map.of("reason", "x".repeat(2001)), 400);
        api().problem(HttpRequest.GET(REVIEWS + "/2024-Q1/changes"), 404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTargetSetAfterTheSealIsACauseOfItsOwn() {
        seal("FY2025", Map.of());
        later();
        targets.put(2025, "tmall", "toc-ai-sessions", target("100", "1"), "cfo");
        Map<String, Object> changes = api().get(REVIEWS + "/FY2025/changes");
        Map<String, Object> tmall = ((List<Map<String, Object>>) changes.get("kpis")).stream()
                .filter(k -> k.get("scope").equals("tmall")).findFirst().orElseThrow();
        assertThat(tmall).containsEntry("targetChanged", true);
        assertThat((List<String>) tmall.get("causedBy")).containsExactly("gateway");
        assertThat((List<Map<String, Object>>) changes.get("causes")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("source", "gateway").containsEntry("kind", "TARGET_SET")
                        .containsEntry("by", "cfo").containsEntry("newVersion", 2));
        // The sealed review still holds the target version it used.
        Map<String, Object> sealed = api().get(REVIEWS + "?period=FY2025");
        assertThat(kpi(sealed, "tmall", "toc-ai-sessions")).containsEntry("targetVersion", 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUnitsLeadReadsItsUnitsSealedReviewAndOnlyExecutivesSeal() {
        String lead = tokens.businessUnitLead("quark");
        api().problem(HttpRequest.POST(REVIEWS + "/2023-Q4/seal", Map.of()).header(HttpHeaders.AUTHORIZATION, lead), 403);
        seal("2023-Q4", Map.of());
        Map<String, Object> own = client.toBlocking().retrieve(HttpRequest.GET(REVIEWS + "/quark?period=2023-Q4")
                .header(HttpHeaders.AUTHORIZATION, lead), Argument.mapOf(String.class, Object.class));
        assertThat((Map<String, Object>) own.get("sealed")).containsEntry("version", 1);
        assertThat((List<Map<String, Object>>) own.get("scopes")).extracting(s -> s.get("scope")).containsExactly("quark");
        api().problem(HttpRequest.GET(REVIEWS + "/2023-Q4/changes").header(HttpHeaders.AUTHORIZATION, lead), 403);
        later();
        Map<String, Object> audit = api().get("/api/v1/audit?from=2025-05-01");
        assertThat((List<Map<String, Object>>) audit.get("entries")).anySatisfy(e -> assertThat(e)
                .containsEntry("method", "POST").containsEntry("path", REVIEWS + "/2023-Q4/seal"));
    }

    @Test
    void twoSealsOfTheSamePeriodAtOnceStoreOneVersion() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> {
                    try {
                        return seal("2023-Q3", Map.of()).code();
                    } catch (HttpClientResponseException e) {
                        return e.code();
                    }
                }));
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : calls) {
                codes.add(f.get());
            }
            assertThat(codes).containsOnlyOnce(201);
            assertThat(codes).allMatch(c -> c == 201 || c == 409 || c == 400);
        } finally {
            pool.shutdownNow();
        }
        assertThat(versions("2023-Q3")).hasSize(1);
    }
}
