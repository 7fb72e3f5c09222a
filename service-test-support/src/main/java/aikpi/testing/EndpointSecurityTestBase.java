package aikpi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.testing.EndpointSecurity.Endpoint;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A service's endpoint security test: the subclass (a {@code @MicronautTest}) lists every endpoint with a request
 * that succeeds and the roles allowed; this checks each without a token, with an expired one, with every other role
 * and with the allowed roles, and that the list covers every route the service serves.
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

    /** Every endpoint of the service, each with a request that succeeds for an allowed caller. */
    protected abstract List<Endpoint> endpoints();

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
    void everyAcceptedWriteIsInTheAuditTrail(Endpoint e) {
        EndpointSecurity.acceptedWritesAreAudited(client.toBlocking(), tokens, e);
    }
}
