package aikpi.tongyi.kpis;

import static aikpi.tongyi.TongyiApi.usage;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.tongyi.TongyiApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest
class KpiApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String... path) {
        Map<String, Object> cur = m;
        for (String p : path) {
            cur = (Map<String, Object>) cur.get(p);
        }
        return cur;
    }

    @Test
    void aQuartersKpisAreComputedFromWhatWasStored() {
        TongyiApi api = new TongyiApi(client.toBlocking());
        api.model("qwen3-235b-a22b", "Alibaba", true, "2025-04-29");
        api.model("qwen3-32b", "Alibaba", true, "2025-04-29");
        api.model("qwen-max-2025", "Alibaba", false, "2025-05-10");
        api.model("o3-mini", "OpenAI", false, "2025-01-31");
        api.customer("acme", "EXTERNAL", "2025-01-10");      // before the quarter, active in it
        api.customer("moonshot", "INVESTEE", "2025-04-15");  // onboarded in the quarter, active
        api.customer("amap", "INTERNAL", "2025-05-01");      // onboarded in the quarter, idle
        api.customer("later", "EXTERNAL", "2025-08-01");     // after the quarter: not counted

        api.post("/api/v1/usage/events", List.of(
                usage("k1", "acme", "qwen3-235b-a22b", "2025-04-02T01:00:00Z", 1_000, 500),
                usage("k2", "moonshot", "qwen3-32b", "2025-05-02T01:00:00Z", 3_000, 1_500),
                usage("k3", "acme", "qwen3-32b", "2025-03-30T01:00:00Z", 99, 99)));   // Q1, not counted
        api.post("/api/v1/models/qwen3-235b-a22b/hub-stats", List.of(
                Map.of("date", "2025-04-30", "platform", "HUGGING_FACE", "downloads", 2_000, "likes", 300,
                        "derivatives", Map.of("finetune", 8, "quantized", 12)),
                Map.of("date", "2025-06-30", "platform", "HUGGING_FACE", "downloads", 10_000, "likes", 900,
                        "derivatives", Map.of("finetune", 30, "quantized", 20, "adapter", 5, "merge", 5))));
        api.post("/api/v1/resources/usage", List.of(
                Map.of("entryId", "g1", "date", "2025-05-01", "purpose", "INFERENCE", "gpuHours", 3, "costCny", "0.60"),
                Map.of("entryId", "g2", "date", "2025-05-01", "purpose", "TRAINING", "gpuHours", 100, "costCny", "500.00")));

        Map<String, Object> k = api.get("/api/v1/kpis?period=2025-Q2");
        assertThat(k).containsEntry("period", "2025-Q2").containsEntry("from", "2025-04-01").containsEntry("to", "2025-06-30");

        assertThat(map(k, "models")).containsEntry("released", 3).containsEntry("openSourced", 2);
        assertThat(map(k, "models", "byVendor", "Alibaba")).containsEntry("released", 3);

        assertThat(map(k, "influence", "gained")).containsEntry("downloads", 10_000).containsEntry("likes", 900);
        assertThat(map(k, "influence", "gained", "derivatives")).containsEntry("finetune", 30).containsEntry("quantized", 20);

        assertThat(map(k, "customers")).containsEntry("onboarded", 2).containsEntry("total", 3).containsEntry("active", 2);
        assertThat(map(k, "customers", "byKind", "INTERNAL")).containsEntry("onboarded", 1).containsEntry("active", 0);
        assertThat(map(k, "customers", "byKind", "INVESTEE")).containsEntry("active", 1);

        assertThat(map(k, "tokens")).containsEntry("events", 2).containsEntry("inputTokens", 4_000)
                .containsEntry("outputTokens", 2_000).containsEntry("totalTokens", 6_000);
        assertThat(map(k, "resources")).containsEntry("costCny", 500.6).containsEntry("gpuHours", 103.0);

        // Quality beside volume: 2 of 3 customers used the models; 60 derivatives per 10,000 downloads;
        // 0.60 CNY of inference for 6,000 tokens is 100 CNY per million tokens.
        assertThat(map(k, "quality")).containsEntry("activeCustomerRate", 0.666667)
                .containsEntry("derivativesPerThousandDownloads", 6.0)
                .containsEntry("inferenceCostPerMillionTokensCny", 100.0);
    }

    @Test
    void aBadPeriodIsExplained() {
        TongyiApi api = new TongyiApi(client.toBlocking());
        assertThat((String) api.problem(HttpRequest.GET("/api/v1/kpis?period=2025-Q7"), 400).get("detail"))
                .contains("FY2025-Q3");
    }
}
