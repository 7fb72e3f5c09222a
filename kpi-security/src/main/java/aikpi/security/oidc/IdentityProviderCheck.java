package aikpi.security.oidc;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to start a service whose identity provider configuration would accept the wrong tokens or fail its calls:
 * without an audience every token the provider issues for any application would be taken; an issuer or key set
 * reached over plain HTTP could be spoofed (only a provider on this machine's loopback may be); and a service that
 * calls the others (it configures their URLs) needs an account of its own at the provider. Runs when the application
 * context starts, before the server listens.
 */
@Context
@Requires(condition = IdentityProviderConfigured.class)
public class IdentityProviderCheck {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityProviderCheck.class);

    /** The services a service may call; one that names any of them calls with its own account. */
    static final Set<String> SUITE_SERVICES = Set.of("tongyi-service", "quark-service", "cloud-billing-service");

    public IdentityProviderCheck(IdentityProvider provider, Environment environment) {
        boolean callsServices = SUITE_SERVICES.stream()
                .anyMatch(id -> environment.containsProperty("micronaut.http.services." + id + ".url"));
        List<String> problems = problems(provider.issuer(), provider.jwksUrlConfigured() ? provider.jwksUrl() : null,
                provider.audience().orElse(null), callsServices,
                provider.clientId().isPresent() && provider.clientSecret().isPresent());
        if (!problems.isEmpty()) {
            throw new ConfigurationException("The identity provider configuration is refused: " + String.join(" ", problems));
        }
        LOG.info("Tokens are taken from the identity provider {} only (audience {}){}", provider.issuer(),
                provider.audience().orElse(null), provider.clientId().map(id -> "; this service calls the others as " + id)
                        .orElse(""));
    }

    /** What is wrong with an identity provider configuration; empty when nothing is. */
    static List<String> problems(String issuer, @Nullable String jwksUrl, @Nullable String audience,
                                 boolean callsServices, boolean hasAccount) {
        List<String> problems = new ArrayList<>();
        checkUrl("KPI_OIDC_ISSUER", issuer, problems);
        if (jwksUrl != null) {
            checkUrl("KPI_OIDC_JWKS_URL", jwksUrl, problems);
        }
        if (audience == null || audience.isBlank()) {
            problems.add("KPI_OIDC_AUDIENCE is not set: without it every token the provider issues, for any"
                    + " application, would be taken.");
        }
        if (callsServices && !hasAccount) {
            problems.add("This service calls the suite's other services: set KPI_OIDC_CLIENT_ID and"
                    + " KPI_OIDC_CLIENT_SECRET, its own account at the provider (client-credentials grant).");
        }
        return problems;
    }

    private static void checkUrl(String variable, String value, List<String> problems) {
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            problems.add(variable + " is not a URL: " + value + ".");
            return;
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            problems.add(variable + " is not an absolute URL: " + value + ".");
        } else if (!"https".equalsIgnoreCase(uri.getScheme()) && !("http".equalsIgnoreCase(uri.getScheme()) && loopback(uri.getHost()))) {
            problems.add(variable + " must be an https URL (plain http only for a provider on this machine's loopback): "
                    + value + ".");
        }
    }

    private static boolean loopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            // A literal address only: no name is looked up here.
            return host.matches("[0-9.]+|\\[[0-9a-fA-F:]+]") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }
}
