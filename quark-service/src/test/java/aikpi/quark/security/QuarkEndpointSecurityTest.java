package aikpi.quark.security;

import static aikpi.quark.QuarkApi.event;
import static aikpi.quark.QuarkApi.session;
import static aikpi.testing.EndpointSecurity.read;
import static aikpi.testing.EndpointSecurity.write;

import aikpi.feeds.days.DaySketchUpload;
import aikpi.quark.QuarkApi;
import aikpi.security.Roles;
import aikpi.security.keys.IngestStreams;
import aikpi.testing.EndpointSecurity.Endpoint;
import aikpi.testing.EndpointSecurityTestBase;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;

/**
 * Who may call each endpoint of quark-service: its reads take the service role (and the team's own writer), its
 * writes only {@link Roles#QUARK_WRITER}. Every endpoint is checked without a token, with an expired one, with
 * every other role, and with the allowed roles.
 */
@MicronautTest(transactional = false)
class QuarkEndpointSecurityTest extends EndpointSecurityTestBase {

    private static final String[] READERS = {Roles.SERVICE, Roles.QUARK_WRITER};
    private static final String WRITER = Roles.QUARK_WRITER;

    @Override
    protected List<Endpoint> endpoints() {
        return List.of(
                // The service's audit trail: executives, and the team's own writer.
                read("/api/v1/audit", "/api/v1/audit?from=2020-01-01", Roles.EXECUTIVE, WRITER),
                // The service's ingest keys: executives, and the team's own writer.
                write(HttpMethod.POST, "/api/v1/ingest-keys", "/api/v1/ingest-keys", Map.of("name", "sec",
                        "streams", List.of("events")), Roles.EXECUTIVE, WRITER),
                read("/api/v1/ingest-keys", "/api/v1/ingest-keys", Roles.EXECUTIVE, WRITER),
                write(HttpMethod.DELETE, "/api/v1/ingest-keys/{id}", "/api/v1/ingest-keys/" + spareKeyId, null,
                        Roles.EXECUTIVE, WRITER),
                write(HttpMethod.PUT, "/api/v1/apps/{appId}", "/api/v1/apps/sec-app",
                        Map.of("name", "Sec", "businessUnit", "quark", "launchedOn", "2025-01-01"), WRITER),
                read("/api/v1/apps", "/api/v1/apps", READERS),
                read("/api/v1/apps/{appId}", "/api/v1/apps/sec-fixture", READERS),
                write(HttpMethod.PUT, "/api/v1/apps/{appId}/features/{featureId}",
                        "/api/v1/apps/sec-fixture/features/sec-feature",
                        Map.of("name", "Sec", "kind", "ASSISTANT", "launchedOn", "2025-01-01"), WRITER),
                read("/api/v1/apps/{appId}/features", "/api/v1/apps/sec-fixture/features", READERS),
                read("/api/v1/apps/{appId}/metrics", "/api/v1/apps/sec-fixture/metrics?period=2025-Q1", READERS),
                write(HttpMethod.POST, "/api/v1/installs", "/api/v1/installs",
                        List.of(event("sec-i1", "sec-fixture", "sec-user", "2025-02-01T02:00:00Z")), WRITER)
                        .writtenBy(IngestStreams.QUARK_EVENTS),
                write(HttpMethod.POST, "/api/v1/activity/events", "/api/v1/activity/events",
                        List.of(event("sec-o1", "sec-fixture", "sec-user", "2025-02-01T03:00:00Z")), WRITER)
                        .writtenBy(IngestStreams.QUARK_EVENTS),
                write(HttpMethod.POST, "/api/v1/ai-sessions", "/api/v1/ai-sessions",
                        List.of(session("sec-s1", "sec-fixture", "sec-fixture", "sec-user", "2025-02-01T04:00:00Z",
                                3, 1, "RESOLVED", 5, true, "12.30")), WRITER).writtenBy(IngestStreams.QUARK_EVENTS),
                read("/api/v1/kpis", "/api/v1/kpis?period=2025-Q1", READERS),
                read("/api/v1/kpis/daily", "/api/v1/kpis/daily?period=2025-Q1", READERS),
                read("/api/v1/completeness", "/api/v1/completeness?period=2025-Q1", READERS),
                read("/api/v1/changes", "/api/v1/changes?period=2025-Q1&since=2025-01-01T00:00:00Z", READERS),
                read("/api/v1/apps/{appId}/retention", "/api/v1/apps/sec-fixture/retention?from=2025-01-06&to=2025-02-02",
                        READERS),
                read("/api/v1/apps/{appId}/retention/days", "/api/v1/apps/sec-fixture/retention/days?day=2025-02-01",
                        READERS),
                read("/api/v1/apps/{appId}/lifecycle", "/api/v1/apps/sec-fixture/lifecycle?period=2025-Q1", READERS),
                write(HttpMethod.POST, "/api/v1/segment/batch", "/api/v1/segment/batch", Map.of("batch", List.of(
                        segmentOpen("sec-m1"), Map.of("type", "identify", "userId", "sec-user"))), WRITER)
                        .writtenBy(IngestStreams.QUARK_SEGMENT),
                write(HttpMethod.POST, "/api/v1/segment/{method}", "/api/v1/segment/track", segmentOpen("sec-m2"),
                        WRITER).writtenBy(IngestStreams.QUARK_SEGMENT),
                // Segment's HTTP Tracking API paths, for Segment's own libraries.
                write(HttpMethod.POST, "/v1/batch", "/v1/batch", Map.of("batch", List.of(segmentOpen("sec-m3"))),
                        WRITER).writtenBy(IngestStreams.QUARK_SEGMENT),
                write(HttpMethod.POST, "/v1/import", "/v1/import", Map.of("batch", List.of(segmentOpen("sec-m4"))),
                        WRITER).writtenBy(IngestStreams.QUARK_SEGMENT),
                write(HttpMethod.POST, "/v1/{method}", "/v1/identify", Map.of("userId", "sec-user"), WRITER)
                        .writtenBy(IngestStreams.QUARK_SEGMENT),
                write(HttpMethod.PUT, "/api/v1/apps/{appId}/days/{date}", "/api/v1/apps/sec-days/days/2025-02-01",
                        DaySketchUpload.figures(List.of("open,sec-user"), Set.of(), 12, false).json(), WRITER)
                        .writtenBy(IngestStreams.QUARK_DAYS),
                read("/api/v1/apps/{appId}/days/{date}", "/api/v1/apps/sec-days/days/2025-01-31", READERS));
    }

    private static Map<String, Object> segmentOpen(String messageId) {
        return Map.of("type", "track", "event", "Application Opened", "messageId", messageId, "userId", "sec-user",
                "timestamp", "2025-02-01T05:00:00Z", "context", Map.of("app", Map.of("namespace", "com.example.sec")));
    }

    @BeforeAll
    void fixtures() {
        QuarkApi api = new QuarkApi(client.toBlocking());
        api.put("/api/v1/apps/sec-fixture", Map.of("name", "Sec fixture", "businessUnit", "quark", "launchedOn", "2024-09-19",
                "bundleIds", List.of("com.example.sec")));
        api.feature("sec-fixture", "sec-fixture", "AGENT", "2024-10-01");
        api.put("/api/v1/apps/sec-days", Map.of("name", "Sec days", "businessUnit", "quark", "launchedOn", "2024-09-19",
                "feed", "AGGREGATES"));
        client.toBlocking().exchange(HttpRequest.PUT("/api/v1/apps/sec-days/days/2025-01-31",
                DaySketchUpload.figures(List.of("open,sec-user"), Set.of(), 12, false).json()).contentType("application/json"));
    }
}
