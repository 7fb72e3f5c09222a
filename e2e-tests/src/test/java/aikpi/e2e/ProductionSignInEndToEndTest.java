package aikpi.e2e;

import aikpi.testing.oidc.TestIdentityProvider;
import java.nio.file.Path;
import java.util.List;

/**
 * The suite in production mode against service-test-support's OpenID Connect provider, run in this JVM (the cases:
 * {@link ProductionModeEndToEnd}). {@link KeycloakEndToEndTest} runs the same against a real Keycloak.
 */
class ProductionSignInEndToEndTest extends ProductionModeEndToEnd {

    private TestIdentityProvider idp;

    @Override
    protected Provider startProvider(String gatewayUrl, Path work) {
        idp = TestIdentityProvider.start().rolesClaim("realm_access.roles").businessUnitClaim("business_unit");
        String password = "e2e-" + Long.toHexString(System.nanoTime());
        Account gateway = new Account("gateway", secret());
        Account billing = new Account("cloud-billing-service", secret());
        Account loader = new Account("kpi-demo-loader", secret());
        idp.client(gateway.clientId(), gateway.secret(), "SERVICE")
                .client(billing.clientId(), billing.secret(), "SERVICE")
                .client(loader.clientId(), loader.secret(), "TONGYI_WRITER", "QUARK_WRITER", "BILLING_WRITER", "EXECUTIVE")
                .publicClient("kpi-dashboard", gatewayUrl + "/dashboard/index.html")
                .user("executive", password, List.of("EXECUTIVE"), null)
                .user("lead-tongyi-app", password, List.of("BU_LEAD"), "tongyi-app");
        return new Provider(idp.issuer(), idp.authorizationEndpoint(), gateway, billing, loader, "kpi-dashboard", password);
    }

    static String secret() {
        return Long.toHexString(Double.doubleToLongBits(Math.random())) + Long.toHexString(System.nanoTime());
    }

    @Override
    protected void stopProvider() {
        if (idp != null) {
            idp.close();
        }
    }

    @Override
    protected String screenshot() {
        return "dashboard-production.png";
    }
}
