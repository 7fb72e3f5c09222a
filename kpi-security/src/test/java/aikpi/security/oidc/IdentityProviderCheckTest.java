package aikpi.security.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aikpi.security.SecurityMode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityProviderCheckTest {

    private static final String ISSUER = "https://idp.example/realms/group";

    @Test
    void aCompleteConfigurationPasses() {
        assertThat(IdentityProviderCheck.problems(ISSUER, null, "kpi-suite", false, false)).isEmpty();
        assertThat(IdentityProviderCheck.problems(ISSUER, "https://idp.example/keys", "kpi-suite", true, true)).isEmpty();
        // A provider on this machine may answer plain HTTP (tests, a local Keycloak).
        assertThat(IdentityProviderCheck.problems("http://127.0.0.1:8180/realms/group", null, "kpi-suite", false, false)).isEmpty();
        assertThat(IdentityProviderCheck.problems("http://localhost:8180/realms/group", null, "kpi-suite", false, false)).isEmpty();
    }

    @Test
    void withoutAnAudienceEveryTokenOfTheProviderWouldBeTaken() {
        assertThat(IdentityProviderCheck.problems(ISSUER, null, null, false, false))
                .singleElement().asString().contains("KPI_OIDC_AUDIENCE");
    }

    @Test
    void plainHttpToAnotherMachineIsRefused() {
        assertThat(IdentityProviderCheck.problems("http://idp.example/realms/group", null, "kpi-suite", false, false))
                .singleElement().asString().contains("KPI_OIDC_ISSUER must be an https URL");
        assertThat(IdentityProviderCheck.problems(ISSUER, "http://idp.example/keys", "kpi-suite", false, false))
                .singleElement().asString().contains("KPI_OIDC_JWKS_URL");
        assertThat(IdentityProviderCheck.problems("idp.example", null, "kpi-suite", false, false))
                .singleElement().asString().contains("not an absolute URL");
    }

    @Test
    void aServiceThatCallsTheOthersNeedsItsOwnAccount() {
        assertThat(IdentityProviderCheck.problems(ISSUER, null, "kpi-suite", true, false))
                .singleElement().asString().contains("KPI_OIDC_CLIENT_ID");
    }

    @Test
    void aProductionRunWithAProviderStartsWithoutASigningSecretAndIsNoDevelopmentRun() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("micronaut.application.name", "probe",
                "kpi.oidc.issuer", ISSUER, "kpi.oidc.audience", "kpi-suite"), "prod")) {
            SecurityMode mode = ctx.getBean(SecurityMode.class);
            assertThat(mode.identityProvider()).isTrue();
            assertThat(mode.development()).isFalse();
        }
        // Even without the prod environment, a run with a provider takes no development users.
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("micronaut.application.name", "probe",
                "kpi.oidc.issuer", ISSUER, "kpi.oidc.audience", "kpi-suite"))) {
            assertThat(ctx.getBean(SecurityMode.class).development()).isFalse();
        }
    }

    @Test
    void aProductionRunWithAnIncompleteProviderConfigurationDoesNotStart() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("micronaut.application.name", "probe",
                "kpi.oidc.issuer", ISSUER), "prod"))
                .isInstanceOf(BeanInstantiationException.class)
                .hasStackTraceContaining("KPI_OIDC_AUDIENCE is not set");
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("micronaut.application.name", "probe",
                "kpi.oidc.issuer", ISSUER, "kpi.oidc.audience", "kpi-suite",
                "micronaut.http.services.tongyi-service.url", "http://tongyi-service:8081"), "prod"))
                .hasStackTraceContaining("KPI_OIDC_CLIENT_ID");
    }
}
