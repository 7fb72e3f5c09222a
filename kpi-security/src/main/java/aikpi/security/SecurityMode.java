package aikpi.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * Whether this is a development run. It is, unless the {@code prod} environment is active (the container images and
 * the Kubernetes manifests set {@code MICRONAUT_ENVIRONMENTS=prod}) or {@code KPI_DEVELOPMENT=false} says otherwise.
 * Only a development run accepts the built-in signing secret and the development credentials.
 */
@Singleton
public class SecurityMode {

    public static final String PRODUCTION_ENVIRONMENT = "prod";

    private final boolean development;
    private final String developmentPassword;

    public SecurityMode(Environment environment, @Nullable @Value("${kpi.security.development}") Boolean development,
                        @Value("${kpi.security.dev-password:" + DevelopmentCredentials.DEFAULT_PASSWORD + "}")
                        String developmentPassword) {
        this.development = development != null ? development
                : !environment.getActiveNames().contains(PRODUCTION_ENVIRONMENT);
        this.developmentPassword = developmentPassword;
    }

    public boolean development() {
        return development;
    }

    /** The development users' password ({@code KPI_DEV_PASSWORD}); only a development run accepts it. */
    public String developmentPassword() {
        return developmentPassword;
    }
}
