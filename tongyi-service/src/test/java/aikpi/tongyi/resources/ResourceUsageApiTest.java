package aikpi.tongyi.resources;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.tongyi.TongyiApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class ResourceUsageApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    TongyiApi api;

    @BeforeEach
    void setUp() {
        api = new TongyiApi(client.toBlocking());
        api.model("qwen-max", "Alibaba", false, "2024-09-19");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resources(String period) {
        return (Map<String, Object>) api.get("/api/v1/kpis?period=" + period).get("resources");
    }

    @Test
    void entriesAreIdempotentByIdAndCostsAreExact() {
        List<Map<String, Object>> batch = List.of(
                Map.of("entryId", "gpu-1", "date", "2025-02-01", "purpose", "TRAINING", "gpuHours", 1000.5, "costCny", "12345.67"),
                Map.of("entryId", "gpu-2", "date", "2025-02-02", "purpose", "INFERENCE", "modelId", "qwen-max",
                        "gpuHours", 10, "costCny", "0.10"),
                Map.of("entryId", "gpu-3", "date", "2025-02-03", "purpose", "INFERENCE", "gpuHours", 20, "costCny", "0.20"));
        assertThat(api.post("/api/v1/resources/usage", batch)).containsEntry("accepted", 3).containsEntry("duplicates", 0);
        assertThat(api.post("/api/v1/resources/usage", batch)).containsEntry("accepted", 0).containsEntry("duplicates", 3);

        Map<String, Object> r = resources("2025-02");
        assertThat(r.get("costCny")).isEqualTo(12345.97);
        assertThat(r.get("gpuHours")).isEqualTo(1030.5);
        assertThat(((Map<?, ?>) ((Map<?, ?>) r.get("byPurpose")).get("INFERENCE")).get("costCny")).isEqualTo(0.3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCostPerDayAddsEveryPurposeAndSumsToThePeriodsCost() {
        assertThat(api.post("/api/v1/resources/usage", List.of(
                Map.of("entryId", "d-1", "date", "2023-07-01", "purpose", "TRAINING", "gpuHours", 100, "costCny", "18000.00"),
                Map.of("entryId", "d-2", "date", "2023-07-01", "purpose", "INFERENCE", "modelId", "qwen-max",
                        "gpuHours", 10.5, "costCny", "1500.25"),
                Map.of("entryId", "d-3", "date", "2023-07-03", "purpose", "INFERENCE", "gpuHours", 5, "costCny", "750.50"),
                Map.of("entryId", "d-4", "date", "2023-06-30", "purpose", "INFERENCE", "gpuHours", 1, "costCny", "9.99"))))
                .containsEntry("accepted", 4);

        Map<String, Object> daily = api.get("/api/v1/resources/daily?period=2023-07");
        assertThat(daily).containsEntry("period", "2023-07").containsEntry("from", "2023-07-01").containsEntry("to", "2023-07-31");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) daily.get("rows");
        // 07-01: 18,000.00 + 1,500.25 over 110.5 hours; 07-02 has no entry and no row; 06-30 is another month's.
        assertThat(rows).extracting(r -> r.get("day") + " " + r.get("gpuHours") + " " + r.get("costCny"))
                .containsExactly("2023-07-01 110.5 19500.25", "2023-07-03 5.0 750.5");
        assertThat(resources("2023-07").get("costCny")).isEqualTo(20250.75);
        assertThat((List<?>) api.get("/api/v1/resources/daily?period=2023-07-02").get("rows")).isEmpty();
        Map<String, Object> problem = api.problem(HttpRequest.GET("/api/v1/resources/daily?period=2023-7"), 400);
        assertThat(problem.get("detail").toString()).contains("2023-7");
    }

    @Test
    void badEntriesRejectTheBatch() {
        Map<String, Object> problem = api.problem(HttpRequest.POST("/api/v1/resources/usage", List.of(
                Map.of("entryId", "r-ok", "date", "2025-03-01", "purpose", "TRAINING", "gpuHours", 1, "costCny", "1.00"),
                Map.of("entryId", "r-fen", "date", "2025-03-01", "purpose", "TRAINING", "gpuHours", 1, "costCny", "1.001"),
                Map.of("entryId", "r-neg", "date", "2025-03-01", "purpose", "TRAINING", "gpuHours", -1, "costCny", "1.00"),
                Map.of("entryId", "r-model", "date", "2025-03-01", "purpose", "INFERENCE", "modelId", "nope",
                        "gpuHours", 1, "costCny", "1.00"))), 400);
        assertThat((List<Map<String, Object>>) problem.get("errors")).extracting(e -> e.get("index") + ":" + e.get("field"))
                .containsExactly("1:costCny", "2:gpuHours", "3:modelId");
        assertThat(resources("2025-03").get("costCny")).isEqualTo(0.0);
    }

    @Test
    void absurdDatesRejectTheBatchAndNothingIsStored() {
        Map<String, Object> ok = Map.of("entryId", "absurd-ok", "date", "2025-04-01", "purpose", "TRAINING",
                "gpuHours", 1, "costCny", "1.00");
        List<Map<String, Object>> batch = new ArrayList<>(List.of(ok));
        TongyiApi.ABSURD_DATES.forEach(d -> batch.add(Map.of("entryId", "absurd-" + batch.size(), "date", d,
                "purpose", "TRAINING", "gpuHours", 1, "costCny", "1.00")));
        Map<String, Object> problem = api.problem(HttpRequest.POST("/api/v1/resources/usage", batch), 400);
        assertThat((List<Map<String, Object>>) problem.get("errors")).extracting(e -> e.get("index") + ":" + e.get("field"))
                .containsExactly("1:date", "2:date", "3:date", "4:date");
        assertThat(resources("2025-04").get("costCny")).isEqualTo(0.0);
        assertThat(api.post("/api/v1/resources/usage", List.of(ok))).containsEntry("accepted", 1);
    }
}
