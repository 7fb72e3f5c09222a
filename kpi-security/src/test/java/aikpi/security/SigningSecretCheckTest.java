package aikpi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigningSecretCheckTest {

    private static final String STRONG = "a-production-secret-of-more-than-thirty-two-bytes";

    @Test
    void developmentAcceptsTheBuiltInSecretAndProductionDoesNot() {
        assertThat(SigningSecretCheck.problem(true, SecurityDefaults.DEVELOPMENT_SECRET)).isNull();
        assertThat(SigningSecretCheck.problem(false, SecurityDefaults.DEVELOPMENT_SECRET)).contains("Neither KPI_OIDC_ISSUER nor KPI_JWT_SECRET is set");
        assertThat(SigningSecretCheck.problem(false, STRONG)).isNull();
    }

    @Test
    void aSecretShorterThan256BitsIsRefusedEverywhere() {
        String thirtyOne = "x".repeat(31);
        assertThat(SigningSecretCheck.problem(true, thirtyOne)).contains("shorter than 256 bits");
        assertThat(SigningSecretCheck.problem(false, thirtyOne)).contains("shorter than 256 bits");
        assertThat(SigningSecretCheck.problem(false, "x".repeat(32))).isNull();
    }

    @Test
    void aProductionContextWithoutItsOwnSecretDoesNotStart() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("micronaut.application.name", "probe"), "prod"))
                .isInstanceOf(BeanInstantiationException.class)
                .hasStackTraceContaining("Neither KPI_OIDC_ISSUER nor KPI_JWT_SECRET is set");
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("micronaut.application.name", "probe",
                "micronaut.security.token.jwt.signatures.secret.generator.secret", "short"), "prod"))
                .hasStackTraceContaining("shorter than 256 bits");
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("micronaut.application.name", "probe",
                "micronaut.security.token.jwt.signatures.secret.generator.secret", STRONG), "prod")) {
            assertThat(ctx.getBean(SecurityMode.class).development()).isFalse();
        }
    }

    @Test
    void withoutTheProductionEnvironmentARunIsADevelopmentRun() {
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("micronaut.application.name", "probe"))) {
            assertThat(ctx.getBean(SecurityMode.class).development()).isTrue();
        }
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("micronaut.application.name", "probe",
                "kpi.security.development", false, "micronaut.security.token.jwt.signatures.secret.generator.secret", STRONG))) {
            assertThat(ctx.getBean(SecurityMode.class).development()).isFalse();
        }
    }
}
