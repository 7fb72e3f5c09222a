package aikpi.security;

import com.nimbusds.jwt.JWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who a valid token's caller is: the subject ({@code sub}), the suite's roles found under the configured claim
 * ({@code KPI_OIDC_ROLES_CLAIM}, default {@code roles}; a dotted path such as Keycloak's {@code realm_access.roles}
 * reads a nested claim) and the business unit found under {@code KPI_OIDC_BU_CLAIM} (default
 * {@value Roles#BUSINESS_UNIT_CLAIM}, also a path), which the services read as the attribute
 * {@value Roles#BUSINESS_UNIT_CLAIM}. Role names other than the suite's ({@link Roles#ALL}) are dropped: an identity
 * provider also gives its own roles ({@code offline_access}, {@code default-roles-group}) that grant nothing here.
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
public class ClaimsAuthentication implements JwtAuthenticationFactory {

    private final String rolesClaim;
    private final String businessUnitClaim;

    public ClaimsAuthentication(@Value("${kpi.oidc.roles-claim:roles}") String rolesClaim,
                                @Value("${kpi.oidc.business-unit-claim:" + Roles.BUSINESS_UNIT_CLAIM + "}")
                                String businessUnitClaim) {
        this.rolesClaim = rolesClaim.isBlank() ? "roles" : rolesClaim.strip();
        this.businessUnitClaim = businessUnitClaim.isBlank() ? Roles.BUSINESS_UNIT_CLAIM : businessUnitClaim.strip();
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        Map<String, Object> claims;
        try {
            claims = token.getJWTClaimsSet().getClaims();
        } catch (ParseException e) {
            return Optional.empty();
        }
        return create(claims);
    }

    /** The caller a token with these claims stands for, or none without a subject. */
    public Optional<Authentication> create(Map<String, Object> claims) {
        Object subject = claims.get("sub");
        if (!(subject instanceof String name) || name.isBlank()) {
            return Optional.empty();
        }
        List<String> roles = roles(at(claims, rolesClaim));
        Map<String, Object> attributes = new HashMap<>(claims);
        attributes.remove(Roles.BUSINESS_UNIT_CLAIM);
        if (at(claims, businessUnitClaim) instanceof String unit && !unit.isBlank()) {
            attributes.put(Roles.BUSINESS_UNIT_CLAIM, unit);
        }
        return Optional.of(Authentication.build(name, roles, attributes));
    }

    private static List<String> roles(@Nullable Object value) {
        if (value instanceof Collection<?> names) {
            return names.stream().filter(String.class::isInstance).map(String.class::cast)
                    .filter(Roles.ALL::contains).distinct().toList();
        }
        if (value instanceof String one && Roles.ALL.contains(one)) {
            return List.of(one);
        }
        return List.of();
    }

    /** The value at a dotted path of nested claims ({@code realm_access.roles}), or null. */
    @Nullable
    static Object at(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
