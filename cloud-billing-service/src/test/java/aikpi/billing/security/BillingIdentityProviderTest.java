package aikpi.billing.security;

import aikpi.security.Roles;
import aikpi.testing.oidc.IdentityProviderTestBase;
import aikpi.testing.oidc.TestIdentityProvider;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;

/**
 * cloud-billing-service takes the identity provider's tokens, and only valid ones (the cases:
 * {@link IdentityProviderTestBase}); it calls tongyi-service with its own account there (a provider configuration
 * without one is refused at start-up: IdentityProviderCheckTest).
 */
@MicronautTest(transactional = false)
class BillingIdentityProviderTest extends IdentityProviderTestBase {

    @Override
    protected Map<String, String> moreProperties(TestIdentityProvider provider) {
        provider.client("cloud-billing-service", "billing-secret", Roles.SERVICE);
        return Map.of("kpi.oidc.client-id", "cloud-billing-service", "kpi.oidc.client-secret", "billing-secret");
    }

    @Override
    protected String readUri() {
        return "/api/v1/group-revenue";
    }

    @Override
    protected String readerRole() {
        return Roles.BILLING_WRITER;
    }
}
