package aikpi.security.oidc;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.oauth2.client.clientcredentials.ClientCredentialsClient;
import io.micronaut.security.oauth2.client.clientcredentials.DefaultClientCredentialsOpenIdClient;
import io.micronaut.security.oauth2.configuration.OauthClientConfigurationProperties;
import io.micronaut.security.oauth2.configuration.OauthClientConfigurationProperties.ClientCredentialsConfigurationProperties;
import io.micronaut.security.oauth2.endpoint.token.request.TokenEndpointClient;
import io.micronaut.security.oauth2.endpoint.token.response.TokenResponse;
import io.micronaut.security.oauth2.grants.GrantType;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * This service's own account at the identity provider ({@code KPI_OIDC_CLIENT_ID} and {@code _SECRET}): its access
 * token comes from the provider's token endpoint (named by the discovery document) with the OAuth 2.0
 * client-credentials grant, through micronaut-security-oauth2's {@link ClientCredentialsClient}, which keeps the token
 * and asks for a new one once it is within {@code KPI_OIDC_TOKEN_RENEW_BEFORE} (60 s by default) of its expiry. The
 * provider decides the account's roles; the suite's services give theirs {@code SERVICE} only.
 */
@Singleton
@Requires(condition = IdentityProviderConfigured.class)
public class ServiceAccount {

    /** The name of the client configuration (it names the HTTP client of the token endpoint too). */
    static final String CLIENT_NAME = "kpi-service-account";

    private final IdentityProvider provider;
    private final ClientCredentialsClient client;

    public ServiceAccount(IdentityProvider provider, TokenEndpointClient tokenEndpoint,
                          @Value("${kpi.oidc.token-renew-before:60s}") Duration renewBefore) {
        this.provider = provider;
        OauthClientConfigurationProperties configuration = new OauthClientConfigurationProperties(CLIENT_NAME);
        configuration.setClientId(provider.clientId().orElse(null));
        configuration.setClientSecret(provider.clientSecret().orElse(null));
        configuration.setGrantType(GrantType.CLIENT_CREDENTIALS);
        ClientCredentialsConfigurationProperties grant = new ClientCredentialsConfigurationProperties();
        grant.setAdvancedExpiration(renewBefore);
        provider.scope().ifPresent(grant::setScope);
        configuration.setClientCredentials(grant);
        this.client = new DefaultClientCredentialsOpenIdClient(configuration, tokenEndpoint, provider::metadata);
    }

    /** Whether this service has an account of its own at the provider. */
    public boolean configured() {
        return provider.clientId().isPresent() && provider.clientSecret().isPresent();
    }

    /** A valid access token of this service's account: the one held, or a new one from the provider. */
    public Publisher<String> accessToken() {
        if (!configured()) {
            return Mono.error(new IllegalStateException("This service has no account at the identity provider:"
                    + " set KPI_OIDC_CLIENT_ID and KPI_OIDC_CLIENT_SECRET."));
        }
        return Mono.from(client.requestToken(provider.scope().orElse(null))).map(TokenResponse::getAccessToken);
    }
}
