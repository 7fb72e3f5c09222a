package aikpi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.security.Roles;
import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A provider's Pact verification against its embedded server. The subclass (a {@code @MicronautTest} naming its
 * {@code @Provider} and pact folder) seeds the provider states; this replays every interaction.
 */
public abstract class ProviderVerification {

    @Inject
    protected EmbeddedServer server;

    @Inject
    protected TestTokens tokens;

    @BeforeEach
    void target(PactVerificationContext context) {
        context.setTarget(new HttpTestTarget("localhost", server.getPort()));
    }

    /**
     * Every request of the pacts carries its consumer's service credential. That token was signed when the consumer's
     * test ran, so a fresh one with the same role, signed with this service's secret, takes its place.
     */
    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void verify(PactVerificationContext context, HttpRequest request) {
        assertThat(request.getFirstHeader(HttpHeaders.AUTHORIZATION))
                .as("the pact's request carries the consumer's service credential").isNotNull();
        request.setHeader(HttpHeaders.AUTHORIZATION, tokens.bearer(Roles.SERVICE));
        context.verifyInteraction();
    }
}
