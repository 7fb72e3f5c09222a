package aikpi.tongyi.security;

import aikpi.security.Roles;
import aikpi.testing.oidc.IdentityProviderTestBase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** tongyi-service takes the identity provider's tokens, and only valid ones (the cases: {@link IdentityProviderTestBase}). */
@MicronautTest(transactional = false)
class TongyiIdentityProviderTest extends IdentityProviderTestBase {

    @Override
    protected String readUri() {
        return "/api/v1/models";
    }

    @Override
    protected String readerRole() {
        return Roles.TONGYI_WRITER;
    }
}
