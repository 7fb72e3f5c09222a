package aikpi.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses to start a service outside development with the built-in signing secret or one shorter than 256 bits
 * (HS256 needs at least that much key), unless tokens come from an identity provider (then no secret signs anything
 * the service accepts, and {@link aikpi.security.oidc.IdentityProviderCheck} checks that configuration instead). Runs
 * when the application context starts, before the server listens.
 */
@Context
public class SigningSecretCheck {

    /** 256 bits. */
    public static final int MINIMUM_BYTES = 32;

    public SigningSecretCheck(SecurityMode mode,
                              @Value("${micronaut.security.token.jwt.signatures.secret.generator.secret}") String secret) {
        String problem = mode.identityProvider() ? null : problem(mode.development(), secret);
        if (problem != null) {
            throw new ConfigurationException(problem);
        }
    }

    /** What is wrong with the signing secret for this kind of run, or null when nothing is. */
    static String problem(boolean development, String secret) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < MINIMUM_BYTES) {
            return "KPI_JWT_SECRET is shorter than 256 bits (" + MINIMUM_BYTES + " bytes): set a longer signing secret.";
        }
        if (!development && secret.equals(SecurityDefaults.DEVELOPMENT_SECRET)) {
            return "Neither KPI_OIDC_ISSUER nor KPI_JWT_SECRET is set: outside development (environment 'prod') every"
                    + " service takes its callers' tokens from the group's identity provider (KPI_OIDC_ISSUER) or, without"
                    + " one, needs its own signing secret of at least 256 bits (KPI_JWT_SECRET); the built-in one is for"
                    + " development only.";
        }
        return null;
    }
}
