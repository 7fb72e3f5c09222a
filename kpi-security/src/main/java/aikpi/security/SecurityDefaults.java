package aikpi.security;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.env.PropertySource;
import java.util.List;
import java.util.Map;

/**
 * The security settings every service shares, added to each application context at the lowest precedence (a
 * service's application.yml, system properties and environment variables override any of them):
 * JWT bearer tokens signed with {@code KPI_JWT_SECRET} (HS256), tokens from {@code POST /login}, and only
 * {@code /health} and the static pages open without a token, and no management endpoint beyond those a service
 * enables. Every controller states its roles with
 * {@code @Secured}.
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
        builder.propertySources(PropertySource.of("kpi-security-defaults", Map.of(
                "micronaut.security.authentication", "bearer",
                "micronaut.security.token.jwt.signatures.secret.generator.secret", "${KPI_JWT_SECRET:" + DEVELOPMENT_SECRET + "}",
                "micronaut.security.token.jwt.signatures.secret.generator.jws-algorithm", "HS256",
                "micronaut.security.token.generator.access-token.expiration", ACCESS_TOKEN_SECONDS,
                "micronaut.security.reject-not-found", false,
                // No token introspection or refresh endpoints: tokens are checked by signature and simply expire.
                "micronaut.security.endpoints.introspection.enabled", false,
                "micronaut.security.endpoints.oauth.enabled", false,
                // No management endpoint but those a service enables itself (/health, /prometheus): beans, routes,
                // thread dumps and migrations are internal detail.
                "endpoints.all.enabled", false,
                "micronaut.security.intercept-url-map", List.of(
                        Map.of("pattern", "/health/**", "access", List.of("isAnonymous()")),
                        Map.of("pattern", "/health", "access", List.of("isAnonymous()")),
                        // API descriptions and their viewer: no figures in them.
                        Map.of("pattern", "/swagger/**", "access", List.of("isAnonymous()")),
                        Map.of("pattern", "/swagger-ui/**", "access", List.of("isAnonymous()")),
                        // The gateway's dashboard shell and chart library: the figures it shows need a token.
                        Map.of("pattern", "/dashboard/**", "access", List.of("isAnonymous()")),
                        Map.of("pattern", "/assets/**", "access", List.of("isAnonymous()")),
                        // Metrics are scraped with the service credential.
                        Map.of("pattern", "/prometheus", "access", List.of(Roles.SERVICE)))),
                // Below every convention-based source (application.yml is 0 and up).
                Integer.MIN_VALUE + 100));
    }
}
