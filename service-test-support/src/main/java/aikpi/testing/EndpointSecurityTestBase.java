package aikpi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.security.keys.IngestStreams;
import aikpi.testing.EndpointSecurity.Endpoint;
import io.micronaut.context.env.Environment;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A service's endpoint security test: the subclass (a {@code @MicronautTest}) lists every endpoint with a request
 * that succeeds, the roles allowed and the streams whose ingest keys may write it; this checks each without a token,
 * with an expired one, with every other role, with the allowed roles, with a key of each of the service's streams,
 * and that the list covers every route the service serves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EndpointSecurityTestBase {

    @Inject
    @Client("/")
    protected HttpClient client;

    @Inject
    protected TestTokens tokens;

    @Inject
    protected Router router;

    @Inject
    protected Environment environment;

    /** One ingest key per stream of the service (the stream's role → the creation's answer). */
    protected final Map<String, Map<String, Object>> keys = new TreeMap<>();

    /** A key that no test uses to write: the revocation endpoint's fixture. */
    protected String spareKeyId;

    /** Every endpoint of the service, each with a request that succeeds for an allowed caller. */
    protected abstract List<Endpoint> endpoints();

    @BeforeAll
    void ingestKeys() {
        String service = environment.getProperty("micronaut.application.name", String.class).orElseThrow();
        ServiceApi api = new ServiceApi(client.toBlocking());
        IngestStreams.OF_SERVICE.get(service).forEach((stream, role) -> keys.put(role,
                api.post("/api/v1/ingest-keys", Map.of("name", "endpoint checks " + stream, "streams", List.of(stream)))));
        String anyStream = IngestStreams.OF_SERVICE.get(service).keySet().iterator().next();
        spareKeyId = (String) api.post("/api/v1/ingest-keys", Map.of("name", "spare", "streams", List.of(anyStream))).get("id");
    }

    /**
     * Routes ({@code METHOD template}) whose access rules a test of their own checks, because they answer refusals in
     * their standard's shape rather than problem+json (OTLP's {@code google.rpc.Status}).
     */
    protected Set<String> checkedElsewhere() {
        return Set.of();
    }

    @Test
    void everyEndpointOfTheServiceIsChecked() {
        Set<String> checked = new TreeSet<>(EndpointSecurity.covered(endpoints()));
        checked.addAll(checkedElsewhere());
        assertThat(checked).isEqualTo(EndpointSecurity.routes(router));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withoutATokenOrWithAnExpiredOneIs401(Endpoint e) {
        EndpointSecurity.anonymousIsRefused(client.toBlocking(), e);
        EndpointSecurity.expiredIsRefused(client.toBlocking(), tokens, e);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void everyOtherRoleIs403(Endpoint e) {
        EndpointSecurity.otherRolesAreForbidden(client.toBlocking(), tokens, e);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void theAllowedRolesSucceed(Endpoint e) {
        EndpointSecurity.allowedRolesSucceed(client.toBlocking(), tokens, e);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void anIngestKeyWritesOnlyItsStreamsRoutes(Endpoint e) {
        EndpointSecurity.ingestKeysWriteOnlyTheirStreams(client.toBlocking(), keys, e);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void everyAcceptedWriteIsInTheAuditTrail(Endpoint e) {
        EndpointSecurity.acceptedWritesAreAudited(client.toBlocking(), tokens, e);
    }
}
