package aikpi.gateway;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static aikpi.gateway.Figures.withRetention;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import aikpi.gateway.sources.billing.Attribution.BusinessUnitSpend;
import aikpi.gateway.sources.quark.QuarkKpis;
import aikpi.gateway.sources.quark.RetentionTable;
import aikpi.testing.ServiceApi;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

@MicronautTest
class GatewayHttpTest extends SourceDoubles {

    @Inject
    @Client("/")
    HttpClient client;

    private void healthy() {
        when(tongyiClient.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(
                tongyi(100, 10, 100, 40, 20, 1_000_000, "5.00")));
        when(tongyiClient.usageByBusinessUnit(anyString())).thenReturn(CompletableFuture.completedFuture(
                tokens("quark", 700L)));
        when(quarkClient.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(new QuarkKpis("p",
                List.of(new QuarkKpis.App("quark", "Quark", "quark", 50, new QuarkKpis.Retention(5, 400,
                        new BigDecimal("0.400000"), new BigDecimal("0.210000"), new BigDecimal("0.190000"),
                        new BigDecimal("0.230000"), new BigDecimal("-4.00"), false, null, null, null, null, null))),
                List.of(withRetention(group("quark", 2, 100, 300, "0.500000", 50, 5, "0.050000"), "0.210000", "-4.00")),
                withRetention(group(null, 2, 100, 300, "0.500000", 50, 5, "0.050000"), "0.220000", "-3.50"))));
        when(billingClient.attribution(anyString())).thenReturn(CompletableFuture.completedFuture(
                billing("280154000000.00", "31742000000.00", "0.113302", "10.00", "8.00", "2.00", "5.00", "5.00", 2,
                        List.of(new BusinessUnitSpend("quark", new BigDecimal("12.34"))))));
    }

    private Map<String, Object> get(String uri) {
        return client.toBlocking().retrieve(HttpRequest.GET(uri), Argument.mapOf(String.class, Object.class));
    }

    @Test
    void theViewSaysHowLongEachOfItsSixSourceCallsTook() {
        healthy();
        // A period no other test asks for, so no answer comes from the cache.
        HttpResponse<String> answer = client.toBlocking().exchange(
                HttpRequest.GET("/api/v1/executive/ai-conversion?period=2023-Q2"), String.class);
        String timing = answer.getHeaders().get("Server-Timing");
        assertThat(timing).isNotNull();
        assertThat(timing.split(", ")).hasSize(6).allSatisfy(entry -> assertThat(entry).matches(
                "(tongyi-service|quark-service|cloud-billing-service);desc=\"(current|previous) OK\";dur=\\d+\\.\\d"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExecutiveViewCombinesTheThreeSources() {
        healthy();
        Map<String, Object> v = get("/api/v1/executive/ai-conversion?period=FY2025-Q3");
        assertThat(v).containsEntry("period", "FY2025-Q3").containsEntry("complete", true);
        assertThat((Map<String, Object>) v.get("cloud")).containsEntry("share", 0.113302).containsEntry("gapPp", 0.33);
        assertThat((Map<String, Object>) v.get("ai")).containsEntry("marginCny", 3.0).containsEntry("breakevenReached", true);
        assertThat((List<?>) v.get("kpis")).isNotEmpty();
        assertThat((Map<String, Object>) v.get("sources")).containsOnlyKeys("tongyi-service", "quark-service", "cloud-billing-service");
        // Beside the AI users: whether the period's new users stay, and AI users more than the others.
        Map<String, Object> toC = (Map<String, Object>) v.get("toC");
        assertThat((Map<String, Object>) toC.get("retention")).containsEntry("week4", 0.22).containsEntry("aiLiftPp", -3.5)
                .containsEntry("cohorts", 6);
        assertThat((List<Map<String, Object>>) toC.get("apps")).singleElement().satisfies(a -> assertThat(a)
                .containsEntry("appId", "quark").containsEntry("aiUsers", 50).containsEntry("week4Retention", 0.21)
                .containsEntry("aiLiftPp", -4.0));
        assertThat((List<Map<String, Object>>) v.get("kpis")).filteredOn(k -> "toc-ai-lift".equals(k.get("id")))
                .singleElement().satisfies(k -> assertThat(k).containsEntry("value", -3.5).containsEntry("unit", "pp"));
    }

    @Test
    void anAppsRetentionIsQuarksTableAndQuarksRefusalsArePassedOn() {
        RetentionTable table = new RetentionTable("quark", "week", "open", "ai", LocalDate.parse("2025-02-10"),
                LocalDate.parse("2025-02-16"), LocalDate.parse("2025-04-01"), false, null, List.of(new RetentionTable.Cohort(
                        LocalDate.parse("2025-02-10"), 2, List.of(new RetentionTable.Cell(0, LocalDate.parse("2025-02-10"),
                                2, new BigDecimal("1.000000"), false)))));
        when(quarkClient.retention("quark", "week", "2025-02-10", "2025-02-16", "ai"))
                .thenReturn(CompletableFuture.completedFuture(table));
        Map<String, Object> answer = get("/api/v1/executive/apps/quark/retention?cohort=week&from=2025-02-10&to=2025-02-16&segment=ai");
        assertThat(answer).containsEntry("appId", "quark").containsEntry("segment", "ai");
        assertThat(answer.get("cohorts").toString()).contains("size=2").contains("users=2");

        // quark answers 404 as a future without a value.
        when(quarkClient.retention("gone", null, null, null, null)).thenReturn(CompletableFuture.completedFuture(null));
        assertThat((String) problem("/api/v1/executive/apps/gone/retention", 404).get("detail")).contains("gone");
        when(quarkClient.retention("quark", null, "2025-03-01", "2025-02-01", null)).thenReturn(CompletableFuture.failedFuture(
                new HttpClientResponseException("Bad Request", HttpResponse.badRequest(
                        Map.of("detail", "from (2025-03-01) must not be after to (2025-02-01).")))));
        assertThat((String) problem("/api/v1/executive/apps/quark/retention?from=2025-03-01&to=2025-02-01", 400)
                .get("detail")).isEqualTo("from (2025-03-01) must not be after to (2025-02-01).");
        when(quarkClient.retention("quark", "month", null, null, null))
                .thenReturn(CompletableFuture.failedFuture(new ConnectException("refused")));
        assertThat((String) problem("/api/v1/executive/apps/quark/retention?cohort=month", 503).get("detail"))
                .contains("quark-service did not answer");
        problem("/api/v1/executive/apps/Not%20A%20Slug/retention", 400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void businessUnitScorecardsJoinTheSources() {
        healthy();
        Map<String, Object> v = get("/api/v1/executive/business-units?period=2025-Q1");
        List<Map<String, Object>> cards = (List<Map<String, Object>>) v.get("businessUnits");
        assertThat(cards).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("businessUnit", "quark");
            assertThat((Map<String, Object>) c.get("current")).containsEntry("tokens", 700).containsEntry("cloudSpendCny", 12.34)
                    .containsEntry("aiSessions", 100).containsEntry("aiUsers", 50).containsEntry("week4Retention", 0.21)
                    .containsEntry("aiLiftPp", -4.0);
        });
    }

    @Test
    void theTrendListsQuarters() {
        healthy();
        List<Map<String, Object>> points = client.toBlocking().retrieve(
                HttpRequest.GET("/api/v1/executive/ai-conversion/trend?from=2024-Q1&to=2024-Q4"),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(points).extracting(p -> p.get("period")).containsExactly("2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4");
    }

    private Map<String, Object> problem(String uri, int status) {
        return new ServiceApi(client.toBlocking()).problem(HttpRequest.GET(uri), status);
    }

    @Test
    void allThreeSourcesDownIs503ProblemJson() {
        when(tongyiClient.kpis(anyString())).thenReturn(CompletableFuture.failedFuture(new ConnectException("refused")));
        when(quarkClient.kpis(anyString())).thenReturn(CompletableFuture.failedFuture(new ConnectException("refused")));
        when(billingClient.attribution(anyString())).thenReturn(CompletableFuture.failedFuture(new ConnectException("refused")));
        Map<String, Object> p = problem("/api/v1/executive/ai-conversion?period=2023-Q2", 503);
        assertThat((String) p.get("detail")).contains("None of");
    }

    @Test
    void badRequestsAreProblems() {
        assertThat((String) problem("/api/v1/executive/ai-conversion?period=2025Q1", 400).get("detail")).contains("FY2025-Q3");
        problem("/api/v1/executive/ai-conversion", 400);
        problem("/api/v1/executive/ai-conversion?period=2025-03-01", 400);
        problem("/api/v1/executive/ai-conversion/trend?from=2025-Q1&to=2024-Q1", 400);
        problem("/api/v1/executive/ai-conversion/trend?from=2021-Q1&to=2025-Q4", 400);
        problem("/api/v1/executive/business-units?period=nope", 400);
    }

    @Test
    void healthAndOpenApiAreServed() {
        assertThat(client.toBlocking().retrieve("/health")).contains("UP");
        assertThat(client.toBlocking().retrieve("/swagger/gateway-1.yml")).contains("/api/v1/executive/ai-conversion");
        assertThat(client.toBlocking().retrieve("/prometheus")).contains("jvm_memory_used_bytes");
    }
}
