package aikpi.tongyi.models;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.tongyi.TongyiApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class ModelAndCustomerApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    TongyiApi api;

    @BeforeEach
    void setUp() {
        api = new TongyiApi(client.toBlocking());
    }

    @Test
    void aModelIsCreatedThenReplacedAndReadBack() {
        Map<String, Object> body = Map.of("family", "qwen3", "vendor", "Alibaba", "displayName", "Qwen3-235B-A22B",
                "parametersBillions", 235, "openSource", true, "license", "Apache-2.0", "releaseDate", "2025-04-29");
        assertThat(api.put("/api/v1/models/qwen3-30b-a3b", body).getStatus().getCode()).isEqualTo(201);
        Map<String, Object> changed = new java.util.HashMap<>(body);
        changed.put("license", "Qwen License");
        assertThat(api.put("/api/v1/models/qwen3-30b-a3b", changed).getStatus().getCode()).isEqualTo(200);

        Map<String, Object> read = api.get("/api/v1/models/qwen3-30b-a3b");
        assertThat(read).containsEntry("license", "Qwen License").containsEntry("vendor", "Alibaba")
                .containsEntry("releaseDate", "2025-04-29").containsEntry("openSource", true);
    }

    @Test
    void modelsAreFilteredByFamilyVendorAndOpenness() {
        api.model("qwen3-32b", "Alibaba", true, "2025-04-29");
        api.model("deepseekv3-0324", "DeepSeekAI", true, "2025-03-24");
        api.model("o3-mini", "OpenAIx", false, "2025-01-31");

        assertThat(api.getList("/api/v1/models?vendor=OpenAIx")).extracting(m -> m.get("modelId")).containsExactly("o3-mini");
        assertThat(api.getList("/api/v1/models?openSource=false")).extracting(m -> m.get("modelId"))
                .contains("o3-mini").doesNotContain("qwen3-32b", "deepseekv3-0324");
        assertThat(api.getList("/api/v1/models?family=deepseekv3")).extracting(m -> m.get("modelId"))
                .containsExactly("deepseekv3-0324");
        assertThat(api.getList("/api/v1/models?openSource=true&vendor=Alibaba")).extracting(m -> m.get("modelId"))
                .contains("qwen3-32b").doesNotContain("o3-mini", "deepseekv3-0324");
    }

    @Test
    void modelErrorsAreProblems() {
        api.problem(HttpRequest.GET("/api/v1/models/unknown-model"), 404);
        Map<String, Object> invalid = api.problem(HttpRequest.PUT("/api/v1/models/m1",
                Map.of("family", "", "vendor", "x", "displayName", "y")), 400);
        assertThat((String) invalid.get("detail")).contains("family").contains("openSource");
        api.problem(HttpRequest.PUT("/api/v1/models/Not_A_Slug", Map.of("family", "f", "vendor", "x",
                "displayName", "y", "openSource", true)), 400);
        api.problem(HttpRequest.GET("/api/v1/models?openSource=perhaps"), 400);
    }

    @Test
    void parametersBillionsIsStoredAsSentOrRefused() {
        Map<String, Object> tooPrecise = api.problem(HttpRequest.PUT("/api/v1/models/precise-7b", Map.of(
                "family", "precise", "vendor", "Alibaba", "displayName", "P", "openSource", true,
                "parametersBillions", new BigDecimal("1.23456789"))), 400);
        assertThat((String) tooPrecise.get("detail")).contains("parametersBillions").contains("3 decimals");
        api.problem(HttpRequest.PUT("/api/v1/models/precise-7b", Map.of("family", "precise", "vendor", "Alibaba",
                "displayName", "P", "openSource", true, "parametersBillions", new BigDecimal("12345678"))), 400);
        api.problem(HttpRequest.GET("/api/v1/models/precise-7b"), 404);

        assertThat(api.put("/api/v1/models/precise-7b", Map.of("family", "precise", "vendor", "Alibaba",
                "displayName", "P", "openSource", true, "parametersBillions", new BigDecimal("1234567.235")))
                .body()).containsEntry("parametersBillions", 1234567.235);
        assertThat(api.get("/api/v1/models/precise-7b")).containsEntry("parametersBillions", 1234567.235);
    }

    @Test
    void absurdDatesAreRefusedNamingTheFieldAndNothingIsStored() {
        for (String date : TongyiApi.ABSURD_DATES) {
            Map<String, Object> model = api.problem(HttpRequest.PUT("/api/v1/models/absurd-7b", Map.of("family", "absurd",
                    "vendor", "Alibaba", "displayName", "A", "openSource", true, "releaseDate", date)), 400);
            assertThat((String) model.get("detail")).contains("releaseDate").contains(date);
            Map<String, Object> customer = api.problem(HttpRequest.PUT("/api/v1/customers/absurd-co",
                    Map.of("name", "A", "kind", "EXTERNAL", "onboardedOn", date)), 400);
            assertThat((String) customer.get("detail")).contains("onboardedOn").contains(date);
        }
        api.problem(HttpRequest.GET("/api/v1/models/absurd-7b"), 404);
        api.problem(HttpRequest.GET("/api/v1/customers/absurd-co"), 404);

        List<Map<String, Object>> customers = new ArrayList<>();
        customers.add(Map.of("customerId", "absurd-ok", "name", "OK", "kind", "EXTERNAL", "onboardedOn", "2024-06-01"));
        TongyiApi.ABSURD_DATES.forEach(d -> customers.add(Map.of("customerId", "absurd-" + customers.size(), "name", "A",
                "kind", "EXTERNAL", "onboardedOn", d)));
        assertThat((List<Map<String, Object>>) api.problem(HttpRequest.POST("/api/v1/customers", customers), 400)
                .get("errors")).extracting(e -> e.get("index") + ":" + e.get("field"))
                .containsExactly("1:onboardedOn", "2:onboardedOn", "3:onboardedOn", "4:onboardedOn");
        api.problem(HttpRequest.GET("/api/v1/customers/absurd-ok"), 404);

        api.model("absurd-ref", "Alibaba", true, "2024-01-01");
        List<Map<String, Object>> results = new ArrayList<>();
        results.add(Map.of("modelId", "absurd-ref", "benchmark", "absurd-bench", "score", 1, "evaluatedOn", "2024-06-01"));
        TongyiApi.ABSURD_DATES.forEach(d -> results.add(Map.of("modelId", "absurd-ref", "benchmark", "absurd-bench",
                "score", 99, "evaluatedOn", d)));
        Map<String, Object> benchmarks = api.problem(HttpRequest.POST("/api/v1/benchmarks", results), 400);
        assertThat((List<Map<String, Object>>) benchmarks.get("errors")).extracting(e -> e.get("index") + ":" + e.get("field"))
                .containsExactly("1:evaluatedOn", "2:evaluatedOn", "3:evaluatedOn", "4:evaluatedOn");
        assertThat(api.getList("/api/v1/benchmarks?benchmark=absurd-bench")).isEmpty();
    }

    @Test
    void theEndsOfTheDateRangeAreStoredUnchanged() {
        api.model("early-1b", "Alibaba", true, "1990-01-01");
        api.model("late-1b", "Alibaba", true, "2199-12-31");
        api.customer("early-co", "EXTERNAL", "1990-01-01");
        assertThat(api.get("/api/v1/models/early-1b")).containsEntry("releaseDate", "1990-01-01");
        assertThat(api.get("/api/v1/models/late-1b")).containsEntry("releaseDate", "2199-12-31");
        assertThat(api.get("/api/v1/customers/early-co")).containsEntry("onboardedOn", "1990-01-01");
    }

    @Test
    void customersOfEveryKindAndTheRuleThatInternalMeansABusinessUnit() {
        api.customer("minimax", "INVESTEE", "2024-03-01");
        api.customer("amap", "INTERNAL", "2024-05-01");
        api.customer("acme-bank", "EXTERNAL", "2025-01-01");

        assertThat(api.getList("/api/v1/customers?kind=INVESTEE")).extracting(c -> c.get("customerId"))
                .containsExactly("minimax");
        assertThat(api.get("/api/v1/customers/amap")).containsEntry("businessUnit", "amap").containsEntry("kind", "INTERNAL");
        assertThat(api.getList("/api/v1/customers")).hasSizeGreaterThanOrEqualTo(3);

        assertThat((String) api.problem(HttpRequest.PUT("/api/v1/customers/tmall",
                Map.of("name", "Tmall", "kind", "INTERNAL", "onboardedOn", "2024-01-01")), 400).get("detail"))
                .contains("businessUnit");
        api.problem(HttpRequest.PUT("/api/v1/customers/x",
                Map.of("name", "X", "kind", "EXTERNAL", "businessUnit", "taobao", "onboardedOn", "2024-01-01")), 400);
        api.problem(HttpRequest.PUT("/api/v1/customers/x", Map.of("name", "X", "kind", "PARTNER", "onboardedOn", "2024-01-01")), 400);
        api.problem(HttpRequest.GET("/api/v1/customers/nobody"), 404);
        api.problem(HttpRequest.GET("/api/v1/customers?kind=FRIEND"), 400);
    }

    @Test
    void customersAreUpsertedInAtomicBatches() {
        List<Map<String, Object>> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 250; i++) {
            batch.add(Map.of("customerId", "bailian-" + i, "name", "Company " + i, "kind", "EXTERNAL", "onboardedOn", "2024-06-01"));
        }
        assertThat(api.post("/api/v1/customers", batch)).containsEntry("created", 250).containsEntry("updated", 0);
        batch.set(0, Map.of("customerId", "bailian-0", "name", "Renamed", "kind", "EXTERNAL", "onboardedOn", "2024-06-01"));
        assertThat(api.post("/api/v1/customers", batch)).containsEntry("created", 0).containsEntry("updated", 250);
        assertThat(api.get("/api/v1/customers/bailian-0")).containsEntry("name", "Renamed");

        Map<String, Object> problem = api.problem(HttpRequest.POST("/api/v1/customers", List.of(
                Map.of("customerId", "batch-new", "name", "New", "kind", "EXTERNAL", "onboardedOn", "2024-06-01"),
                Map.of("customerId", "Bad Id", "name", "X", "kind", "EXTERNAL", "onboardedOn", "2024-06-01"),
                Map.of("customerId", "amap-bu", "name", "Amap", "kind", "INTERNAL", "onboardedOn", "2024-06-01"))), 400);
        assertThat((List<Map<String, Object>>) problem.get("errors")).extracting(e -> e.get("index") + ":" + e.get("field"))
                .containsExactly("1:customerId", "2:businessUnit");
        api.problem(HttpRequest.GET("/api/v1/customers/batch-new"), 404);
    }

    @Test
    void benchmarksCompareEachModelsLatestScoreBestFirst() {
        api.model("qwen3-235b-a22b", "Alibaba", true, "2025-04-29");
        api.model("deepseek-r1", "DeepSeek", true, "2025-01-20");
        api.model("o1", "OpenAI", false, "2024-12-05");
        api.post("/api/v1/benchmarks", List.of(
                Map.of("modelId", "qwen3-235b-a22b", "benchmark", "ArenaHard", "score", 95.6, "evaluatedOn", "2025-04-29"),
                Map.of("modelId", "deepseek-r1", "benchmark", "ArenaHard", "score", 93.2, "evaluatedOn", "2025-04-29"),
                Map.of("modelId", "o1", "benchmark", "ArenaHard", "score", 92.1, "evaluatedOn", "2025-04-29"),
                Map.of("modelId", "o1", "benchmark", "ArenaHard", "score", 80.0, "evaluatedOn", "2025-01-01"),
                Map.of("modelId", "o1", "benchmark", "AIME24", "score", 74.3, "evaluatedOn", "2025-04-29")));
        List<Map<String, Object>> ranked = api.getList("/api/v1/benchmarks?benchmark=ArenaHard");
        assertThat(ranked).extracting(r -> r.get("rank") + ":" + r.get("modelId") + ":" + r.get("vendor"))
                .containsExactly("1:qwen3-235b-a22b:Alibaba", "2:deepseek-r1:DeepSeek", "3:o1:OpenAI");
        assertThat(ranked.get(2).get("score")).isEqualTo(92.1);

        // Re-sending a result for the same model, benchmark and date corrects it.
        Map<String, Object> again = api.post("/api/v1/benchmarks", List.of(
                Map.of("modelId", "o1", "benchmark", "ArenaHard", "score", 96.0, "evaluatedOn", "2025-04-29")));
        assertThat(again).containsEntry("accepted", 0).containsEntry("replaced", 1);
        assertThat(api.getList("/api/v1/benchmarks?benchmark=ArenaHard").get(0)).containsEntry("modelId", "o1");

        Map<String, Object> bad = api.problem(HttpRequest.POST("/api/v1/benchmarks", List.of(
                Map.of("modelId", "ghost", "benchmark", "ArenaHard", "score", 1, "evaluatedOn", "2025-04-29"))), 400);
        assertThat(bad).containsKey("errors");
        api.problem(HttpRequest.GET("/api/v1/benchmarks"), 400);
    }

    @Test
    void theModelListIsPagedInIdOrderWithItsFilters() {
        List<String> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = "pagedfam-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            api.model(id, i % 2 == 0 ? "PagedVendor" : "OtherVendor", i != 4, "2025-01-0" + (i + 1));
            if (i % 2 == 0 && i != 4) {
                open.add(id);
            }
        }
        open.sort(null);

        assertThat(api.getAllPages("/api/v1/models?family=pagedfam&vendor=pagedvendor&openSource=true", 1))
                .extracting(m -> m.get("modelId")).containsExactlyElementsOf(open);
        assertThat(api.getAllPages("/api/v1/models?family=pagedfam", 2)).hasSize(5);
        assertThat(api.getAllPages("/api/v1/models", 3)).extracting(m -> m.get("modelId").toString())
                .isSorted().doesNotHaveDuplicates();
        api.assertPagingParametersChecked("/api/v1/models", aikpi.testing.ServiceApi.FOREIGN_CURSOR);
    }
}
