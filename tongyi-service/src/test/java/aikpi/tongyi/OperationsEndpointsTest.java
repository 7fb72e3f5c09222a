package aikpi.tongyi;

import static aikpi.tongyi.TongyiApi.usage;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

@MicronautTest
class OperationsEndpointsTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void healthIsUp() {
        assertThat(client.toBlocking().retrieve("/health")).contains("\"status\":\"UP\"");
    }

    @Test
    void prometheusCountsAcceptedDuplicateAndRejectedItems() {
        TongyiApi api = new TongyiApi(client.toBlocking());
        api.model("qwen-max", "Alibaba", false, "2024-09-19");
        api.customer("acme", "EXTERNAL", "2025-01-01");
        var e = usage("m-1", "acme", "qwen-max", "2025-01-02T00:00:00Z", 1, 1);
        api.post("/api/v1/usage/events", List.of(e, e));
        api.problem(HttpRequest.POST("/api/v1/usage/events", List.of(usage("m-2", "ghost", "qwen-max", "2025-01-02T00:00:00Z", 1, 1))), 400);

        String metrics = client.toBlocking().retrieve("/prometheus");
        assertThat(metrics).contains("kpi_ingest_items_total{outcome=\"accepted\",stream=\"usage-events\"} 1.0")
                .contains("kpi_ingest_items_total{outcome=\"duplicate\",stream=\"usage-events\"} 1.0")
                .contains("kpi_ingest_items_total{outcome=\"rejected\",stream=\"usage-events\"} 1.0")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void theOpenApiDocumentAndItsUiAreServed() {
        String spec = client.toBlocking().retrieve("/swagger/tongyi-service-1.yml");
        assertThat(spec).contains("/api/v1/usage/events").contains("/api/v1/kpis").contains("/api/v1/models/{modelId}/hub-stats");
        assertThat(client.toBlocking().retrieve("/swagger-ui/index.html")).containsIgnoringCase("swagger");
    }
}
