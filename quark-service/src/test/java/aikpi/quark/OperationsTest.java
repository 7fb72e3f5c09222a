package aikpi.quark;

import static aikpi.quark.QuarkApi.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Health, Prometheus business counters and the OpenAPI document. */
@MicronautTest
class OperationsTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void healthIsUp() {
        assertThat(new QuarkApi(client.toBlocking()).get("/health")).containsEntry("status", "UP");
    }

    @Test
    void ingestionOutcomesAreCountedForPrometheus() {
        QuarkApi api = new QuarkApi(client.toBlocking());
        api.app("amap", "amap", "2010-01-01");
        var e = event("ops-1", "amap", "ann", "2025-04-18T02:00:00Z");
        api.post("/api/v1/activity/events", List.of(e, e));
        api.problem(HttpRequest.POST("/api/v1/installs", List.of(event("ops-2", "nowhere", "ann", "2025-04-18T02:00:00Z"))), 400);

        String text = client.toBlocking().retrieve("/prometheus");
        assertThat(text).contains("kpi_ingest_items_total{outcome=\"accepted\",stream=\"activity-events\"} 1.0")
                .contains("kpi_ingest_items_total{outcome=\"duplicate\",stream=\"activity-events\"} 1.0")
                .contains("kpi_ingest_items_total{outcome=\"rejected\",stream=\"installs\"} 1.0")
                .contains("stream=\"ai-sessions\"");
    }

    @Test
    void theOpenApiDocumentNamesEveryEndpointAndWhichFiguresAreEstimates() {
        String yaml = client.toBlocking().retrieve("/swagger/quark-service-1.yml");
        assertThat(yaml).contains("/api/v1/apps/{appId}:", "/api/v1/apps/{appId}/features/{featureId}:",
                "/api/v1/installs:", "/api/v1/activity/events:", "/api/v1/ai-sessions:",
                "/api/v1/apps/{appId}/metrics:", "/api/v1/kpis:", "/api/v1/segment/batch:", "/v1/batch:", "/v1/import:",
                "/v1/{method}:");
        assertThat(yaml).contains("relative standard error 0.41%");
    }
}
