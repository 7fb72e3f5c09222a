package aikpi.quark.security;

import aikpi.security.Roles;
import aikpi.testing.oidc.IdentityProviderTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** quark-service takes the identity provider's tokens, and only valid ones (the cases: {@link IdentityProviderTestBase}). */
@MicronautTest(transactional = false)
class QuarkIdentityProviderTest extends IdentityProviderTestBase {

    @Override
    protected String readUri() {
        return "/api/v1/apps";
    }

    @Override
    protected String readerRole() {
        return Roles.QUARK_WRITER;
    }
}
