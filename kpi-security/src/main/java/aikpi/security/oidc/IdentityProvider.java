package aikpi.security.oidc;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.util.SupplierUtil;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.http.client.LoadBalancer;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.security.oauth2.client.DefaultOpenIdProviderMetadata;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The group's OpenID Connect provider, as this service is configured to trust it ({@code KPI_OIDC_*}), and what its
 * discovery document ({@code <issuer>/.well-known/openid-configuration}) says about it. The document is read when it is
 * first needed and kept once it has been read; a document that names another issuer than the configured one is refused
 * (OpenID Connect Discovery 1.0, section 4.3), so a wrong or spoofed provider is never trusted.
 */
@Singleton
@Requires(condition = IdentityProviderConfigured.class)
public class IdentityProvider {

    static final String DISCOVERY_PATH = "/.well-known/openid-configuration";
    /** How long after a failed read of the discovery document it is not read again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final String issuer;
    private final String jwksUrl;
    private final String audience;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final Duration keyRefetchInterval;
    private final Duration keySetMaxAge;
    private final String dashboardClientId;
    private final String dashboardScope;
    private final Supplier<HttpClient> http;
    private volatile DefaultOpenIdProviderMetadata metadata;
    private volatile IdentityProviderUnavailableException lastFailure;
    private volatile Instant lastFailureAt = Instant.MIN;

    public IdentityProvider(@Value("${kpi.oidc.issuer}") String issuer,
                            @Nullable @Value("${kpi.oidc.jwks-url:}") String jwksUrl,
                            @Nullable @Value("${kpi.oidc.audience:}") String audience,
                            @Nullable @Value("${kpi.oidc.client-id:}") String clientId,
                            @Nullable @Value("${kpi.oidc.client-secret:}") String clientSecret,
                            @Nullable @Value("${kpi.oidc.scope:}") String scope,
                            @Value("${kpi.oidc.jwks-refetch-interval:30s}") Duration keyRefetchInterval,
                            @Value("${kpi.oidc.jwks-max-age:10m}") Duration keySetMaxAge,
                            @Nullable @Value("${kpi.oidc.dashboard-client-id:}") String dashboardClientId,
                            @Nullable @Value("${kpi.oidc.dashboard-scope:openid}") String dashboardScope,
                            BeanContext beans, HttpClientConfiguration clientConfiguration) {
        this.issuer = issuer.strip();
        this.jwksUrl = blankToNull(jwksUrl);
        this.audience = blankToNull(audience);
        this.clientId = blankToNull(clientId);
        this.clientSecret = blankToNull(clientSecret);
        this.scope = blankToNull(scope);
        this.keyRefetchInterval = keyRefetchInterval;
        this.keySetMaxAge = keySetMaxAge;
        this.dashboardClientId = blankToNull(dashboardClientId);
        this.dashboardScope = blankToNull(dashboardScope);
        // Created on first use: a client is only made once the context's client filters can be.
        this.http = SupplierUtil.memoized(() -> beans.createBean(HttpClient.class, LoadBalancer.empty(), clientConfiguration));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The issuer every token must name in {@code iss}, exactly ({@code KPI_OIDC_ISSUER}). */
    public String issuer() {
        return issuer;
    }

    /** Whether {@code claimed} names this issuer: the same URL, a trailing slash aside. */
    public boolean isIssuer(@Nullable String claimed) {
        return claimed != null && withoutTrailingSlash(claimed).equals(withoutTrailingSlash(issuer));
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The audience every token must name in {@code aud} ({@code KPI_OIDC_AUDIENCE}). */
    public Optional<String> audience() {
        return Optional.ofNullable(audience);
    }

    /** This service's own client at the provider, for its service token ({@code KPI_OIDC_CLIENT_ID}). */
    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    public Optional<String> clientSecret() {
        return Optional.ofNullable(clientSecret);
    }

    /** The scope a service token is asked for, where the provider needs one ({@code KPI_OIDC_SCOPE}). */
    public Optional<String> scope() {
        return Optional.ofNullable(scope);
    }

    /** The shortest time between two reads of the key set that a token with an unknown key id causes. */
    public Duration keyRefetchInterval() {
        return keyRefetchInterval;
    }

    /** How long a key set is used before it is read again, whatever the tokens say. */
    public Duration keySetMaxAge() {
        return keySetMaxAge;
    }

    /** The public client the dashboard signs in with (authorization code with PKCE), if the gateway offers one. */
    public Optional<String> dashboardClientId() {
        return Optional.ofNullable(dashboardClientId);
    }

    public String dashboardScope() {
        return dashboardScope == null ? "openid" : dashboardScope;
    }

    /** The key set's URL: {@code KPI_OIDC_JWKS_URL}, or the discovery document's {@code jwks_uri}. */
    public String jwksUrl() {
        return jwksUrl != null ? jwksUrl : required(metadata().getJwksUri(), "jwks_uri");
    }

    /** Whether the key set's URL is configured, so that no discovery document is needed for it. */
    public boolean jwksUrlConfigured() {
        return jwksUrl != null;
    }

    /**
     * The provider's discovery document, read on first use and kept once read. After a failed read it is not asked
     * for again for {@link #RETRY_AFTER}: a provider that is down is not also flooded by this service.
     *
     * @throws IdentityProviderUnavailableException when it cannot be read or names another issuer
     */
    public DefaultOpenIdProviderMetadata metadata() {
        DefaultOpenIdProviderMetadata known = metadata;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (metadata == null) {
                if (lastFailure != null && lastFailureAt.plus(RETRY_AFTER).isAfter(Instant.now())) {
                    throw lastFailure;
                }
                try {
                    metadata = discover();
                } catch (IdentityProviderUnavailableException e) {
                    lastFailure = e;
                    lastFailureAt = Instant.now();
                    throw e;
                }
            }
            return metadata;
        }
    }

    private DefaultOpenIdProviderMetadata discover() {
        String url = withoutTrailingSlash(issuer) + DISCOVERY_PATH;
        DefaultOpenIdProviderMetadata document;
        try {
            document = http.get().toBlocking().retrieve(url, DefaultOpenIdProviderMetadata.class);
        } catch (HttpClientException e) {
            throw new IdentityProviderUnavailableException("The identity provider's discovery document " + url
                    + " cannot be read: " + e.getMessage(), e);
        }
        if (document == null || !isIssuer(document.getIssuer())) {
            throw new IdentityProviderUnavailableException("The discovery document " + url + " names the issuer '"
                    + (document == null ? null : document.getIssuer()) + "', not the configured " + issuer
                    + ": it is not trusted.", null);
        }
        required(document.getTokenEndpoint(), "token_endpoint");
        required(document.getJwksUri(), "jwks_uri");
        return document;
    }

    private String required(@Nullable String value, String field) {
        if (value == null || value.isBlank() || !URI.create(value).isAbsolute()) {
            throw new IdentityProviderUnavailableException("The identity provider's discovery document names no "
                    + field + " (an absolute URL).", null);
        }
        return value;
    }
}
