package aikpi.testing;

import aikpi.security.Roles;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tokens for tests, signed with the service's own configured secret, as the login endpoint would issue them. */
@Singleton
public class TestTokens {

    private final TokenGenerator generator;

    public TestTokens(TokenGenerator generator) {
        this.generator = generator;
    }

    /** A bearer header value for a caller with these roles. */
    public String bearer(String... roles) {
        return "Bearer " + token(subjectOf(roles), List.of(roles), Map.of());
    }

    /** The subject of {@link #bearer}'s token for these roles. */
    public static String subjectOf(String... roles) {
        return "test-" + String.join("-", roles).toLowerCase();
    }

    /** A bearer header value for the lead of one business unit. */
    public String businessUnitLead(String unit) {
        return "Bearer " + token("lead-" + unit, List.of(Roles.BU_LEAD), Map.of(Roles.BUSINESS_UNIT_CLAIM, unit));
    }

    /** A bearer header value whose token expired a minute ago (otherwise valid, with every role). */
    public String expired() {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "test-expired");
        claims.put("roles", Roles.ALL);
        claims.put("iat", Instant.now().minusSeconds(3600).getEpochSecond());
        claims.put("exp", Instant.now().minusSeconds(60).getEpochSecond());
        return "Bearer " + generator.generateToken(claims).orElseThrow();
    }

    private String token(String subject, List<String> roles, Map<String, Object> attributes) {
        return generator.generateToken(Authentication.build(subject, roles, attributes), 600).orElseThrow();
    }
}
