package aikpi.security;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.env.PropertySource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The security settings every service shares, added to each application context at the lowest precedence (a
 * service's application.yml, system properties and environment variables override any of them): JWT bearer tokens,
 * from the group's identity provider ({@code KPI_OIDC_*}, package {@code aikpi.security.oidc}) or, without one, signed
 * with {@code KPI_JWT_SECRET} (HS256) and issued by {@code POST /login} in development; only {@code /health} and the
 * static pages open without a token, and no management endpoint beyond those a service enables. Every controller
 * states its roles with {@code @Secured}. The variables named here are read by every service.
 */
public final class SecurityDefaults implements ApplicationContextConfigurer {

    /**
     * The signing secret of development runs only: {@link SigningSecretCheck} refuses to start anything else with it.
     * It is public on purpose; a token signed with it is worth nothing outside a developer's machine.
     */
    public static final String DEVELOPMENT_SECRET = "development-only-signing-secret-of-the-ai-kpi-suite-never-in-production";

    /** Access tokens live this long (seconds). */
    public static final int ACCESS_TOKEN_SECONDS = 3600;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("micronaut.security.authentication", "bearer");
        defaults.put("micronaut.security.token.jwt.signatures.secret.generator.secret", "${KPI_JWT_SECRET:" + DEVELOPMENT_SECRET + "}");
        defaults.put("micronaut.security.token.jwt.signatures.secret.generator.jws-algorithm", "HS256");
        defaults.put("micronaut.security.token.generator.access-token.expiration", ACCESS_TOKEN_SECONDS);
        // The group's identity provider: with an issuer, its tokens are the only ones taken (aikpi.security.oidc).
        defaults.put("kpi.oidc.issuer", "${KPI_OIDC_ISSUER:}");
        defaults.put("kpi.oidc.jwks-url", "${KPI_OIDC_JWKS_URL:}");
        defaults.put("kpi.oidc.audience", "${KPI_OIDC_AUDIENCE:}");
        defaults.put("kpi.oidc.roles-claim", "${KPI_OIDC_ROLES_CLAIM:roles}");
        defaults.put("kpi.oidc.business-unit-claim", "${KPI_OIDC_BU_CLAIM:" + Roles.BUSINESS_UNIT_CLAIM + "}");
        defaults.put("kpi.oidc.client-id", "${KPI_OIDC_CLIENT_ID:}");
        defaults.put("kpi.oidc.client-secret", "${KPI_OIDC_CLIENT_SECRET:}");
        defaults.put("kpi.oidc.scope", "${KPI_OIDC_SCOPE:}");
        // The gateway's dashboard signs in at the provider as this public client (authorization code with PKCE).
        defaults.put("kpi.oidc.dashboard-client-id", "${KPI_OIDC_DASHBOARD_CLIENT_ID:}");
        defaults.put("kpi.oidc.dashboard-scope", "${KPI_OIDC_DASHBOARD_SCOPE:openid}");
        defaults.put("kpi.oidc.jwks-refetch-interval", "${KPI_OIDC_JWKS_REFETCH_INTERVAL:30s}");
        defaults.put("kpi.oidc.jwks-max-age", "${KPI_OIDC_JWKS_MAX_AGE:10m}");
        defaults.put("kpi.oidc.token-renew-before", "${KPI_OIDC_TOKEN_RENEW_BEFORE:60s}");
        defaults.put("kpi.security.token-clock-skew", "${KPI_TOKEN_CLOCK_SKEW:30s}");
        // Password guessing at POST /login (aikpi.security.login.LoginThrottle): failures allowed per user and per
        // client address in a window that starts at the first; beyond them 429 with Retry-After until it ends.
        defaults.put("kpi.security.login.max-failures-per-user", "${KPI_LOGIN_MAX_FAILURES_PER_USER:10}");
        defaults.put("kpi.security.login.max-failures-per-address", "${KPI_LOGIN_MAX_FAILURES_PER_ADDRESS:50}");
        defaults.put("kpi.security.login.failure-window", "${KPI_LOGIN_FAILURE_WINDOW:15m}");
        // Ingest keys (aikpi.security.keys): the HMAC secret they are stored under (development has a built-in one;
        // elsewhere no key is made or taken without it), and each key's rate limit, per replica.
        defaults.put("kpi.security.ingest-keys.secret", "${KPI_INGEST_KEY_SECRET:}");
        defaults.put("kpi.security.ingest-keys.rate-limit", "${KPI_INGEST_KEY_RATE_LIMIT:1000}");
        defaults.put("kpi.security.ingest-keys.rate-period", "${KPI_INGEST_KEY_RATE_PERIOD:1s}");
        // Bearer tokens only: a password on every request (HTTP Basic) would be a second way in without the throttle,
        // and would carry the development password over the wire on each call. (An ingest key sent as a Basic user
        // name is taken by IngestKeyAuthenticationFetcher, not by this.)
        defaults.put("micronaut.security.basic-auth.enabled", false);
        // TokenLifetime checks exp (required) and nbf, with that skew, instead.
        defaults.put("micronaut.security.token.jwt.claims-validators.expiration", false);
        // Of micronaut-security-oauth2 only the client-credentials grant is used: no metadata endpoint, no validation
        // of opaque tokens against a user-info endpoint.
        defaults.put("micronaut.security.oauth2.protected-resource-metadata.enabled", false);
        defaults.put("micronaut.security.oauth2.userinfo.validator", false);
        defaults.put("micronaut.security.reject-not-found", false);
        // No token introspection or refresh endpoints: tokens are checked by signature and simply expire.
        defaults.put("micronaut.security.endpoints.introspection.enabled", false);
        defaults.put("micronaut.security.endpoints.oauth.enabled", false);
        // No management endpoint but those a service enables itself (/health, /prometheus): beans, routes, thread
        // dumps and migrations are internal detail.
        defaults.put("endpoints.all.enabled", false);
        defaults.put("micronaut.security.intercept-url-map", List.of(
                Map.of("pattern", "/health/**", "access", List.of("isAnonymous()")),
                Map.of("pattern", "/health", "access", List.of("isAnonymous()")),
                // API descriptions and their viewer: no figures in them.
                Map.of("pattern", "/swagger/**", "access", List.of("isAnonymous()")),
                Map.of("pattern", "/swagger-ui/**", "access", List.of("isAnonymous()")),
                // The gateway's dashboard shell and chart library: the figures it shows need a token.
                Map.of("pattern", "/dashboard/**", "access", List.of("isAnonymous()")),
                Map.of("pattern", "/assets/**", "access", List.of("isAnonymous()")),
                // Metrics are scraped with the service credential.
                Map.of("pattern", "/prometheus", "access", List.of(Roles.SERVICE))));
        // Below every convention-based source (application.yml is 0 and up).
        builder.propertySources(PropertySource.of("kpi-security-defaults", defaults, Integer.MIN_VALUE + 100));
    }
}
