package aikpi.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.security.authentication.Authentication;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimsAuthenticationTest {

    @Test
    void theSuitesRolesAndTheUnitAreReadAtTheDefaultClaims() {
        Authentication caller = new ClaimsAuthentication("roles", "businessUnit")
                .create(Map.of("sub", "lead-quark", "roles", List.of("BU_LEAD"), "businessUnit", "quark")).orElseThrow();
        assertThat(caller.getName()).isEqualTo("lead-quark");
        assertThat(caller.getRoles()).containsExactly(Roles.BU_LEAD);
        assertThat(caller.getAttributes()).containsEntry(Roles.BUSINESS_UNIT_CLAIM, "quark");
    }

    @Test
    void keycloaksNestedRealmRolesAndAnotherUnitClaimAreRead() {
        Map<String, Object> claims = Map.of("sub", "f3a1", "realm_access",
                Map.of("roles", List.of("offline_access", "EXECUTIVE", "default-roles-group", "BU_LEAD")),
                "attributes", Map.of("unit", "amap"), "businessUnit", "tmall");
        Authentication caller = new ClaimsAuthentication("realm_access.roles", "attributes.unit").create(claims).orElseThrow();
        // The provider's own roles grant nothing here and are dropped.
        assertThat(caller.getRoles()).containsExactlyInAnyOrder(Roles.EXECUTIVE, Roles.BU_LEAD);
        // The unit comes from the configured claim only, not from a claim that happens to bear the attribute's name.
        assertThat(caller.getAttributes()).containsEntry(Roles.BUSINESS_UNIT_CLAIM, "amap");
    }

    @Test
    void aRoleAtAnotherClaimThanTheConfiguredOneCountsForNothing() {
        Authentication caller = new ClaimsAuthentication("realm_access.roles", "businessUnit")
                .create(Map.of("sub", "someone", "roles", List.of("EXECUTIVE"))).orElseThrow();
        assertThat(caller.getRoles()).isEmpty();
        assertThat(caller.getAttributes()).doesNotContainKey(Roles.BUSINESS_UNIT_CLAIM);
    }

    @Test
    void aTokenWithoutASubjectIsNobody() {
        assertThat(new ClaimsAuthentication("roles", "businessUnit").create(Map.of("roles", List.of("EXECUTIVE")))).isEmpty();
    }
}
