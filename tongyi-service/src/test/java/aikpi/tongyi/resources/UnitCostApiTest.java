package aikpi.tongyi.resources;

import static aikpi.tongyi.TongyiApi.usage;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.tongyi.TongyiApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each unit's tokens priced at each model's inference cost per token, worked by hand in the comments. */
@MicronautTest
class UnitCostApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    private static Map<String, Object> inference(String id, String model, String cost) {
        Map<String, Object> m = new HashMap<>(Map.of("entryId", id, "date", "2024-08-10", "purpose", "INFERENCE",
                "gpuHours", 1, "costCny", cost));
        if (model != null) {
            m.put("modelId", model);
        }
        return m;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUnitsTokensArePricedAtEachModelsInferenceCostPerToken() {
        TongyiApi api = new TongyiApi(client.toBlocking());
        api.model("uc3-big", "Alibaba", true, "2024-01-01");
        api.model("ucx-small", "Alibaba", true, "2024-01-01");
        api.model("ucz-free", "Alibaba", true, "2024-01-01");
        api.customer("uc-taobao", "INTERNAL", "2024-01-01");
        api.customer("uc-tmall", "INTERNAL", "2024-01-01");
        api.customer("uc-acme", "EXTERNAL", "2024-01-01");
        api.post("/api/v1/usage/events", List.of(
                usage("uc-1", "uc-taobao", "uc3-big", "2024-08-10T02:00:00Z", 600, 400),     // 1,000
                usage("uc-2", "uc-taobao", "ucx-small", "2024-08-10T02:00:00Z", 3_000, 1_000), // 4,000
                usage("uc-3", "uc-tmall", "uc3-big", "2024-08-10T02:00:00Z", 1_500, 500),    // 2,000
                usage("uc-4", "uc-acme", "uc3-big", "2024-08-10T02:00:00Z", 4_000, 2_000),   // 6,000, external
                usage("uc-5", "uc-tmall", "ucz-free", "2024-08-10T02:00:00Z", 300, 200)));   // 500, no cost
        Map<String, Object> training = new HashMap<>(inference("uc-r3", "uc3-big", "999.00"));
        training.put("purpose", "TRAINING");
        api.post("/api/v1/resources/usage", List.of(inference("uc-r1", "uc3-big", "10.00"),
                inference("uc-r2", "ucx-small", "2.00"), training, inference("uc-r4", null, "5.00")));

        Map<String, Object> costs = api.get("/api/v1/resources/unit-costs?period=2024-Q3");

        // uc3-big: 9,000 tokens (all customers) for 10.00 of inference (training is not an answer's cost):
        // 10 × 10⁶ ÷ 9,000 = 1,111.11 per million. ucx-small: 2.00 for 4,000, 500.00. ucz-free: no cost, none.
        assertThat((List<Map<String, Object>>) costs.get("models")).extracting(m -> List.of(m.get("modelId"),
                m.get("family"), m.get("tokens"), String.valueOf(m.get("inferenceCostCny")),
                String.valueOf(m.get("costPerMillionTokensCny")))).containsExactly(
                List.of("uc3-big", "uc3", 9_000, "10.0", "1111.11"),
                List.of("ucx-small", "ucx", 4_000, "2.0", "500.0"),
                List.of("ucz-free", "ucz", 500, "0.0", "null"));
        // uc-taobao: 1,000 × 10 ÷ 9,000 + 4,000 × 2 ÷ 4,000 = 1.1111 + 2 = 3.11.
        // uc-tmall: 2,000 × 10 ÷ 9,000 = 2.22; its 500 ucz-free tokens cost nothing known.
        assertThat((List<Map<String, Object>>) costs.get("businessUnits")).extracting(u -> List.of(
                u.get("businessUnit"), u.get("tokens"), u.get("uncostedTokens"),
                String.valueOf(u.get("inferenceCostCny")))).containsExactly(
                List.of("uc-taobao", 5_000, 0, "3.11"),
                List.of("uc-tmall", 2_500, 500, "2.22"));

        assertThat((String) api.problem(HttpRequest.GET("/api/v1/resources/unit-costs?period=2024-Q9"), 400)
                .get("detail")).contains("FY2025-Q3");
    }
}
