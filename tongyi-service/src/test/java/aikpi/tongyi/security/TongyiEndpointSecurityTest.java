package aikpi.tongyi.security;

import static aikpi.testing.EndpointSecurity.read;
import static aikpi.testing.EndpointSecurity.upload;
import static aikpi.testing.EndpointSecurity.write;

import aikpi.security.Roles;
import aikpi.security.keys.IngestStreams;
import aikpi.testing.EndpointSecurity.Endpoint;
import aikpi.testing.EndpointSecurityTestBase;
import aikpi.tongyi.TongyiApi;
import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;

/**
 * Who may call each endpoint of tongyi-service: its reads take the service role (and the team's own writer), its
 * writes only {@link Roles#TONGYI_WRITER}. Every endpoint is checked without a token, with an expired one, with
 * every other role, and with the allowed roles.
 */
@MicronautTest(transactional = false)
class TongyiEndpointSecurityTest extends EndpointSecurityTestBase {

    private static final String[] READERS = {Roles.SERVICE, Roles.TONGYI_WRITER};
    private static final String WRITER = Roles.TONGYI_WRITER;

    @Override
    protected List<Endpoint> endpoints() {
        return List.of(
                // The service's audit trail: executives, and the team's own writer.
                read("/api/v1/audit", "/api/v1/audit?from=2020-01-01", Roles.EXECUTIVE, WRITER),
                // The service's ingest keys: executives, and the team's own writer.
                write(HttpMethod.POST, "/api/v1/ingest-keys", "/api/v1/ingest-keys", Map.of("name", "sec",
                        "streams", List.of("usage")), Roles.EXECUTIVE, WRITER),
                read("/api/v1/ingest-keys", "/api/v1/ingest-keys", Roles.EXECUTIVE, WRITER),
                write(HttpMethod.DELETE, "/api/v1/ingest-keys/{id}", "/api/v1/ingest-keys/" + spareKeyId, null,
                        Roles.EXECUTIVE, WRITER),
                write(HttpMethod.PUT, "/api/v1/models/{modelId}", "/api/v1/models/sec-model", Map.of("family", "sec",
                        "vendor", "Alibaba", "displayName", "Sec", "openSource", true, "releaseDate", "2025-01-01"), WRITER),
                read("/api/v1/models", "/api/v1/models", READERS),
                read("/api/v1/models/{modelId}", "/api/v1/models/sec-fixture", READERS),
                write(HttpMethod.POST, "/api/v1/models/{modelId}/hub-stats", "/api/v1/models/sec-fixture/hub-stats",
                        List.of(Map.of("date", "2025-03-31", "platform", "HUGGING_FACE", "downloads", 10, "likes", 1,
                                "derivatives", Map.of("finetune", 1, "quantized", 0, "adapter", 0, "merge", 0))), WRITER),
                read("/api/v1/models/{modelId}/hub-stats", "/api/v1/models/sec-fixture/hub-stats?period=2025-Q1", READERS),
                write(HttpMethod.POST, "/api/v1/benchmarks", "/api/v1/benchmarks", List.of(Map.of("modelId", "sec-fixture",
                        "benchmark", "ArenaHard", "score", 90.0, "evaluatedOn", "2025-04-29")), WRITER),
                read("/api/v1/benchmarks", "/api/v1/benchmarks?benchmark=ArenaHard", READERS),
                write(HttpMethod.POST, "/api/v1/customers", "/api/v1/customers", List.of(Map.of("customerId", "sec-batch",
                        "name", "Sec", "kind", "EXTERNAL", "onboardedOn", "2025-01-02")), WRITER),
                write(HttpMethod.PUT, "/api/v1/customers/{customerId}", "/api/v1/customers/sec-one",
                        Map.of("name", "Sec", "kind", "EXTERNAL", "onboardedOn", "2025-01-02"), WRITER),
                read("/api/v1/customers", "/api/v1/customers", READERS),
                read("/api/v1/customers/{customerId}", "/api/v1/customers/sec-fixture", READERS),
                write(HttpMethod.POST, "/api/v1/usage/events", "/api/v1/usage/events",
                        List.of(TongyiApi.usage("sec-e1", "sec-fixture", "sec-fixture", "2025-02-01T00:00:00Z", 10, 5)), WRITER)
                        .writtenBy(IngestStreams.TONGYI_USAGE),
                read("/api/v1/usage/summary", "/api/v1/usage/summary?period=2025-Q1", READERS),
                upload("/api/v1/usage/cloudevents", "/api/v1/usage/cloudevents", ("{\"specversion\":\"1.0\",\"id\":\"sec-ce1\","
                        + "\"source\":\"//sec\",\"type\":\"tokens\",\"subject\":\"sec-fixture\",\"time\":\"2025-02-01T00:00:00Z\","
                        + "\"data\":{\"model\":\"sec-fixture\",\"type\":\"input\",\"tokens\":3}}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/cloudevents+json", WRITER)
                        .writtenBy(IngestStreams.TONGYI_USAGE),
                upload("/api/v1/events", "/api/v1/events", ("{\"specversion\":\"1.0\",\"id\":\"sec-om1\","
                        + "\"source\":\"//sec\",\"type\":\"prompt\",\"subject\":\"sec-fixture\",\"time\":\"2025-02-01T00:00:00Z\","
                        + "\"data\":{\"model\":\"sec-fixture\",\"type\":\"input\",\"tokens\":\"3\"}}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/cloudevents+json", WRITER)
                        .writtenBy(IngestStreams.TONGYI_USAGE),
                write(HttpMethod.POST, "/api/v1/resources/usage", "/api/v1/resources/usage", List.of(Map.of("entryId",
                        "sec-g1", "date", "2025-02-01", "purpose", "INFERENCE", "gpuHours", 1, "costCny", "0.20")), WRITER),
                read("/api/v1/resources/unit-costs", "/api/v1/resources/unit-costs?period=2025-Q1", READERS),
                read("/api/v1/resources/summary", "/api/v1/resources/summary?period=2025-Q1&groupBy=model", READERS),
                read("/api/v1/hub-stats/summary", "/api/v1/hub-stats/summary?period=2025-Q1&groupBy=model", READERS),
                read("/api/v1/resources/daily", "/api/v1/resources/daily?period=2025-Q1", READERS),
                read("/api/v1/kpis", "/api/v1/kpis?period=2025-Q1", READERS),
                read("/api/v1/completeness", "/api/v1/completeness?period=2025-Q1", READERS),
                read("/api/v1/changes", "/api/v1/changes?period=2025-Q1&since=2025-04-01T00:00:00Z", READERS),
                upload("/api/v1/hub-stats/imports/huggingface", "/api/v1/hub-stats/imports/huggingface?asOf=2025-02-01",
                        "[{\"id\":\"someone/unknown\",\"downloadsAllTime\":1,\"likes\":0}]"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json", WRITER));
    }

    /** OTLP's path answers refusals with google.rpc.Status: {@code OtlpTracesTest} checks its rules. */
    @Override
    protected Set<String> checkedElsewhere() {
        return Set.of("POST /v1/traces");
    }

    @BeforeAll
    void fixtures() {
        TongyiApi api = new TongyiApi(client.toBlocking());
        api.model("sec-fixture", "Alibaba", true, "2024-09-19");
        api.customer("sec-fixture", "EXTERNAL", "2024-10-01");
    }
}
