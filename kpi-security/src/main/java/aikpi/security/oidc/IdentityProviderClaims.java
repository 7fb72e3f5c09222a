package aikpi.security.oidc;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;

/**
 * A token of the identity provider is taken only if it names the configured issuer exactly in {@code iss} and this
 * suite's audience ({@code KPI_OIDC_AUDIENCE}) among its {@code aud}. micronaut-security-jwt's own issuer check is not
 * used: it takes any issuer the configured one ends with.
 */
@Singleton
@Requires(condition = IdentityProviderConfigured.class)
public class IdentityProviderClaims<T> implements GenericJwtClaimsValidator<T> {

    private final IdentityProvider provider;

    public IdentityProviderClaims(IdentityProvider provider) {
        this.provider = provider;
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        Object issuer = claims.get(Claims.ISSUER);
        if (!provider.isIssuer(issuer instanceof String s ? s : null)) {
            return false;
        }
        String audience = provider.audience().orElse(null);
        return audience != null && audiences(claims.get(Claims.AUDIENCE)).contains(audience);
    }

    private static Collection<?> audiences(@Nullable Object aud) {
        if (aud instanceof Collection<?> many) {
            return many;
        }
        return aud == null ? List.of() : List.of(aud.toString());
    }
}
