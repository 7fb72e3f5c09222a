package aikpi.quark.security;

import static aikpi.quark.QuarkApi.event;
import static aikpi.quark.QuarkApi.session;
import static aikpi.testing.EndpointSecurity.read;
import static aikpi.testing.EndpointSecurity.write;

import aikpi.quark.QuarkApi;
import aikpi.security.Roles;
import aikpi.testing.EndpointSecurity.Endpoint;
import aikpi.testing.EndpointSecurityTestBase;
import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
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
                        List.of(event("sec-i1", "sec-fixture", "sec-user", "2025-02-01T02:00:00Z")), WRITER),
                write(HttpMethod.POST, "/api/v1/activity/events", "/api/v1/activity/events",
                        List.of(event("sec-o1", "sec-fixture", "sec-user", "2025-02-01T03:00:00Z")), WRITER),
                write(HttpMethod.POST, "/api/v1/ai-sessions", "/api/v1/ai-sessions",
                        List.of(session("sec-s1", "sec-fixture", "sec-fixture", "sec-user", "2025-02-01T04:00:00Z",
                                3, 1, "RESOLVED", 5, true, "12.30")), WRITER),
                read("/api/v1/kpis", "/api/v1/kpis?period=2025-Q1", READERS));
    }

    @BeforeAll
    void fixtures() {
        QuarkApi api = new QuarkApi(client.toBlocking());
        api.app("sec-fixture", "quark", "2024-09-19");
        api.feature("sec-fixture", "sec-fixture", "AGENT", "2024-10-01");
    }
}
