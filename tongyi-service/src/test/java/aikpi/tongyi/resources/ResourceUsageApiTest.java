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
