package aikpi.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.EachBean;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;

/**
 * The suite's own HS256 signature ({@code KPI_JWT_SECRET}, or the built-in one in development), which signs and checks
 * the suite's own tokens when no identity provider is configured. With one ({@code KPI_OIDC_ISSUER}) it checks
 * nothing: a token signed with a secret is then refused, whoever holds the secret.
 */
@EachBean(SecretSignatureConfiguration.class)
@Replaces(SecretSignature.class)
public class SharedSecretSignature extends SecretSignature {

    private final boolean identityProvider;

    public SharedSecretSignature(SecretSignatureConfiguration config, SecurityMode mode) {
        super(config);
        this.identityProvider = mode.identityProvider();
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        return !identityProvider && super.verify(jwt);
    }
}
