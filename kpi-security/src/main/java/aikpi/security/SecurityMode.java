package aikpi.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * Where this service's callers get their tokens, and whether this is a development run.
 *
 * <p>With {@code KPI_OIDC_ISSUER} set, tokens come from the group's OpenID Connect provider and nothing else is
 * accepted (the package {@code aikpi.security.oidc}). Otherwise the suite signs its own tokens with
 * {@code KPI_JWT_SECRET} (HS256).
 *
 * <p>A run is a development run unless the {@code prod} environment is active (the container images and the
 * Kubernetes manifests set {@code MICRONAUT_ENVIRONMENTS=prod}), {@code KPI_DEVELOPMENT=false} says otherwise, or an
 * identity provider is configured. Only a development run accepts the built-in signing secret and the development
 * credentials.
 */
@Singleton
public class SecurityMode {

    public static final String PRODUCTION_ENVIRONMENT = "prod";

    private final boolean development;
    private final boolean identityProvider;
    private final String developmentPassword;

    public SecurityMode(Environment environment, @Nullable @Value("${kpi.security.development}") Boolean development,
                        @Value("${kpi.security.dev-password:" + DevelopmentCredentials.DEFAULT_PASSWORD + "}")
                        String developmentPassword,
                        @Nullable @Value("${kpi.oidc.issuer:}") String issuer) {
        this.identityProvider = issuer != null && !issuer.isBlank();
        boolean notProduction = development != null ? development
                : !environment.getActiveNames().contains(PRODUCTION_ENVIRONMENT);
        // Users of the group's identity provider are never mixed with the development users.
        this.development = notProduction && !identityProvider;
        this.developmentPassword = developmentPassword;
    }

    public boolean development() {
        return development;
    }

    /** Whether tokens come from the group's OpenID Connect provider ({@code KPI_OIDC_ISSUER}) and only from it. */
    public boolean identityProvider() {
        return identityProvider;
    }

    /** The development users' password ({@code KPI_DEV_PASSWORD}); only a development run accepts it. */
    public String developmentPassword() {
        return developmentPassword;
    }
}
