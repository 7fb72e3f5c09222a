package aikpi.gateway.targets;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.security.Roles;
import aikpi.testing.ServiceApi;
import aikpi.testing.TestTokens;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Setting, changing and reading targets over HTTP: versions and history, idempotent PUTs, every rule, every role. */
@MicronautTest(transactional = false)
class TargetApiTest {

    static final String BASE = "/api/v1/targets/";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    TestTokens tokens;

    BlockingHttpClient http() {
        return client.toBlocking();
    }

    static Map<String, Object> body(Object target, String direction, Object weight, String period) {
        Map<String, Object> body = new HashMap<>();
        body.put("target", target);
        body.put("direction", direction);
        body.put("weight", weight);
        body.put("period", period);
        body.put("note", "synthetic: test target");
        return body;
    }

    @SuppressWarnings("rawtypes")
    HttpResponse<Map> put(String path, Map<String, Object> body) {
        return http().exchange(HttpRequest.PUT(BASE + path, body), Map.class);
    }

    Map<String, Object> get(String path) {
        return new ServiceApi(http()).get(BASE + path);
    }

    Map<String, Object> problem(String path, Map<String, Object> body) {
        return new ServiceApi(http()).problem(HttpRequest.PUT(BASE + path, body), 400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aChangedTargetIsANewVersionAndTheOldOneStaysInItsHistory() {
        Map<String, Object> first = body(1000000, "AT_LEAST", 2, "QUARTER");
        first.put("qualityFloor", Map.of("kpiId", "assistant-resolution-rate", "min", 0.6));
        HttpResponse<Map> created = put("FY2026/taobao/toc-ai-sessions", first);
        assertThat(created.getStatus().getCode()).isEqualTo(201);
        assertThat(created.getHeaders().get(HttpHeaders.LOCATION)).isEqualTo(BASE + "FY2026/taobao/toc-ai-sessions");
        assertThat(created.getHeaders().get("X-Target-Changed")).isEqualTo("true");
        assertThat(created.body()).containsEntry("version", 1).containsEntry("fiscalYear", "FY2026")
                .containsEntry("direction", "AT_LEAST").containsEntry("period", "QUARTER");
        assertThat((Map<String, Object>) created.body().get("qualityFloor"))
                .containsEntry("kpiId", "assistant-resolution-rate").containsEntry("min", 0.6);

        HttpResponse<Map> again = put("FY2026/taobao/toc-ai-sessions", first);
        assertThat(again.getStatus().getCode()).as("a retried PUT").isEqualTo(200);
        assertThat(again.getHeaders().get("X-Target-Changed")).isEqualTo("false");
        assertThat(again.body()).containsEntry("version", 1);

        Map<String, Object> raised = new HashMap<>(first);
        raised.put("target", 1200000);
        HttpResponse<Map> changed = put("FY2026/taobao/toc-ai-sessions", raised);
        assertThat(changed.getStatus().getCode()).isEqualTo(200);
        assertThat(changed.getHeaders().get("X-Target-Changed")).isEqualTo("true");
        assertThat(changed.body()).containsEntry("version", 2).containsEntry("target", 1200000);

        assertThat(get("FY2026/taobao/toc-ai-sessions")).containsEntry("version", 2).containsEntry("target", 1200000);
        List<Map<String, Object>> history = (List<Map<String, Object>>) get("FY2026/taobao/toc-ai-sessions/history")
                .get("targets");
        assertThat(history).extracting(v -> v.get("version")).containsExactly(1, 2);
        assertThat(history).extracting(v -> v.get("target")).containsExactly(1000000, 1200000);
        assertThat(history).allSatisfy(v -> assertThat(v).containsKeys("setBy", "setAt"));
        assertThat(history.get(0).get("setBy")).isEqualTo(history.get(1).get("setBy")).isNotNull();

        List<Map<String, Object>> year = (List<Map<String, Object>>) get("FY2026").get("targets");
        assertThat(year).filteredOn(t -> "taobao".equals(t.get("scope")) && "toc-ai-sessions".equals(t.get("kpiId")))
                .singleElement().satisfies(t -> assertThat(t).containsEntry("version", 2));
        assertThat((List<Map<String, Object>>) get("FY2026/taobao").get("targets"))
                .extracting(t -> t.get("kpiId")).contains("toc-ai-sessions");
    }

    @Test
    @SuppressWarnings("unchecked")
    void writersRacingOnOneTargetEachGetAVersionOfTheirOwn() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> puts = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int value = 100 + i;
                puts.add(() -> put("FY2027/group/toc-conversions", body(value, "AT_LEAST", 1, "YEAR")).getStatus().getCode());
            }
            for (Future<Integer> f : pool.invokeAll(puts)) {
                assertThat(f.get()).isBetween(200, 201);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> history = (List<Map<String, Object>>) get("FY2027/group/toc-conversions/history")
                .get("targets");
        assertThat(history).extracting(v -> v.get("version"))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(history).extracting(v -> v.get("target")).doesNotHaveDuplicates();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUnknownScopeOrKpiIsRefusedWithTheValidOnes() {
        Map<String, Object> scope = problem("FY2026/nobody/toc-ai-sessions", body(1, "AT_LEAST", 1, "YEAR"));
        assertThat((List<String>) scope.get("validScopes")).contains("group", "taobao", "tongyi-app");
        assertThat(scope.toString()).contains("nobody");

        Map<String, Object> kpi = problem("FY2026/group/happiness", body(1, "AT_LEAST", 1, "YEAR"));
        assertThat((List<String>) kpi.get("validKpiIds")).contains("cloud-share", "toc-ai-sessions", "ai-margin");

        Map<String, Object> notPerUnit = problem("FY2026/taobao/cloud-share", body(0.12, "AT_LEAST", 1, "YEAR"));
        assertThat((List<String>) notPerUnit.get("validKpiIds"))
                .contains("toc-ai-sessions", "assistant-resolution-rate", "toc-conversions", "tob-tokens", "bu-cloud-spend")
                .doesNotContain("cloud-share");
        assertNothingStored("FY2026/taobao/cloud-share");
    }

    @Test
    void everyRuleOfATargetIsChecked() {
        String[][] cases = {
                // path, field the problem names, what it says
                {"FY2026/group/assistant-resolution-rate", "target", "between 0 and 1"},
                {"FY2026/quark/toc-ai-sessions", "target", "whole number"},
                {"FY2026/group/ai-attributed-revenue", "target", "2 decimals"},
                {"FY2026/group/assistant-rating", "target", "between 1 and 5"},
                {"FY2026/group/tob-tokens", "target", "must not be negative"},
                {"FY2026/group/share-gap-to-baseline", "target", "between -100 and 100"},
        };
        Object[] values = {1.5, 10.5, 12.345, 6, -1, 150};
        for (int i = 0; i < cases.length; i++) {
            Map<String, Object> problem = problem(cases[i][0], body(values[i], "AT_LEAST", 1, "YEAR"));
            assertThat(problem.toString()).as(cases[i][0]).contains(cases[i][1]).contains(cases[i][2]);
            assertNothingStored(cases[i][0]);
        }
        // A margin may be a loss to stay within.
        assertThat(put("FY2026/group/ai-margin", body(-5000000, "AT_LEAST", 1, "YEAR")).getStatus().getCode())
                .isEqualTo(201);

        assertThat(problem("FY2026/quark/toc-turns", body(10, "AT_LEAST", -1, "YEAR")).toString())
                .contains("weight").contains("must not be negative");
        Map<String, Object> missing = new HashMap<>();
        assertThat(problem("FY2026/quark/toc-turns", missing).toString())
                .contains("target").contains("direction").contains("weight").contains("period");
        assertNothingStored("FY2026/quark/toc-turns");
    }

    @Test
    void aQualityFloorMustNameAnotherQualityFigureWithABound() {
        Map<String, Object> onVolume = body(10, "AT_LEAST", 1, "YEAR");
        onVolume.put("qualityFloor", Map.of("kpiId", "toc-turns", "min", 5));
        assertThat(problem("FY2026/quark/toc-ai-sessions", onVolume).toString())
                .contains("qualityFloor.kpiId").contains("not a quality figure");

        Map<String, Object> own = body(0.5, "AT_LEAST", 1, "YEAR");
        own.put("qualityFloor", Map.of("kpiId", "assistant-resolution-rate", "min", 0.4));
        assertThat(problem("FY2026/quark/assistant-resolution-rate", own).toString()).contains("own KPI");

        Map<String, Object> unbounded = body(10, "AT_LEAST", 1, "YEAR");
        unbounded.put("qualityFloor", Map.of("kpiId", "assistant-rating"));
        assertThat(problem("FY2026/quark/toc-ai-sessions", unbounded).toString()).contains("min, a max or both");

        Map<String, Object> wrongKind = body(10, "AT_LEAST", 1, "YEAR");
        wrongKind.put("qualityFloor", Map.of("kpiId", "assistant-resolution-rate", "min", 60));
        assertThat(problem("FY2026/quark/toc-ai-sessions", wrongKind).toString()).contains("between 0 and 1");

        Map<String, Object> groupOnly = body(10, "AT_LEAST", 1, "YEAR");
        groupOnly.put("qualityFloor", Map.of("kpiId", "ai-cash-share-of-cloud", "min", 0.01));
        assertThat(problem("FY2026/quark/toc-ai-sessions", groupOnly).toString()).contains("not computed per business unit");
        assertNothingStored("FY2026/quark/toc-ai-sessions");
    }

    @Test
    void aFiscalYearOutside1990To2199OrMalformedIsRefused() {
        for (String year : List.of("FY1989", "FY2200", "2026", "FY26", "FYabcd")) {
            assertThat(problem(year + "/group/toc-ai-sessions", body(1, "AT_LEAST", 1, "YEAR")).toString())
                    .as(year).contains("FY");
            new ServiceApi(http()).problem(HttpRequest.GET(BASE + year), 400);
        }
    }

    @Test
    void anUnreadableBodyIsRefusedAsProblemJson() {
        new ServiceApi(http()).problem(HttpRequest.PUT(BASE + "FY2026/group/toc-ai-sessions", "{\"target\": ")
                .contentType(MediaType.APPLICATION_JSON_TYPE), 400);
        Map<String, Object> badEnum = body(1, "UPWARDS", 1, "YEAR");
        Map<String, Object> enumProblem = new ServiceApi(http()).problem(HttpRequest.PUT(BASE
                + "FY2026/group/toc-ai-sessions", badEnum), 400);
        assertThat((String) enumProblem.get("detail")).doesNotContain("aikpi.").doesNotContain("class");
        // a target of 1e999999999 answered 500 after seconds of CPU (BigDecimal.toPlainString); a key named twice
        // kept the last one
        for (String json : List.of("{\"target\":1e999999999,\"direction\":\"AT_LEAST\",\"weight\":1,\"period\":\"YEAR\"}",
                "{\"target\":1E-999999999,\"direction\":\"AT_LEAST\",\"weight\":1,\"period\":\"YEAR\"}",
                "{\"target\":\"1e999999999\",\"direction\":\"AT_LEAST\",\"weight\":1,\"period\":\"YEAR\"}",
                "{\"target\":1,\"direction\":\"AT_LEAST\",\"weight\":1e999999999,\"period\":\"YEAR\"}",
                "{\"target\":1,\"target\":2,\"direction\":\"AT_LEAST\",\"weight\":1,\"period\":\"YEAR\"}",
                "{\"target\":1,\"direction\":\"AT_LEAST\",\"weight\":1,\"period\":\"YEAR\",\"note\":\"a\\u0000\"}")) {
            Map<String, Object> problem = new ServiceApi(http()).problem(HttpRequest.PUT(BASE
                    + "FY2026/group/toc-ai-sessions", json).contentType(MediaType.APPLICATION_JSON_TYPE), 400);
            assertThat((String) problem.get("detail")).as(json).containsAnyOf("target has", "weight has",
                    "The key 'target' appears twice", "note contains");
        }
        assertNothingStored("FY2026/group/toc-ai-sessions");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUnitsLeadReadsItsOwnTargetsOnlyAndSetsNone() {
        put("FY2026/quark/toc-conversions", body(5000, "AT_LEAST", 1, "QUARTER"));
        put("FY2026/tmall/toc-conversions", body(7000, "AT_LEAST", 1, "QUARTER"));
        String lead = tokens.businessUnitLead("quark");
        assertThat(as(lead, "FY2026/quark/toc-conversions")).containsEntry("target", 5000);
        assertThat((List<Map<String, Object>>) as(lead, "FY2026/quark").get("targets"))
                .extracting(t -> t.get("scope")).containsOnly("quark");
        assertThat((List<Object>) as(lead, "FY2026/quark/toc-conversions/history").get("targets")).hasSize(1);
        for (String path : List.of("FY2026/tmall/toc-conversions", "FY2026/tmall", "FY2026",
                "FY2026/tmall/toc-conversions/history", "FY2026/group")) {
            new ServiceApi(http()).problem(HttpRequest.GET(BASE + path).header(HttpHeaders.AUTHORIZATION, lead), 403);
        }
        new ServiceApi(http()).problem(HttpRequest.PUT(BASE + "FY2026/quark/toc-conversions",
                body(1, "AT_LEAST", 1, "QUARTER")).header(HttpHeaders.AUTHORIZATION, lead), 403);
        assertThat(get("FY2026/quark/toc-conversions")).containsEntry("target", 5000).containsEntry("version", 1);
        new ServiceApi(http()).problem(HttpRequest.PUT(BASE + "FY2026/quark/toc-conversions",
                body(1, "AT_LEAST", 1, "QUARTER")).header(HttpHeaders.AUTHORIZATION, tokens.bearer(Roles.QUARK_WRITER)), 403);
    }

    @Test
    void aTargetNeverSetIs404() {
        new ServiceApi(http()).problem(HttpRequest.GET(BASE + "FY2030/group/toc-turns"), 404);
        new ServiceApi(http()).problem(HttpRequest.GET(BASE + "FY2030/group/toc-turns/history"), 404);
    }

    private Map<String, Object> as(String bearer, String path) {
        return http().retrieve(HttpRequest.GET(BASE + path).header(HttpHeaders.AUTHORIZATION, bearer),
                Argument.mapOf(String.class, Object.class));
    }

    private void assertNothingStored(String path) {
        new ServiceApi(http()).problem(HttpRequest.GET(BASE + path), 404);
    }
}
