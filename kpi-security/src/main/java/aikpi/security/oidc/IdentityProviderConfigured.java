package aikpi.security.oidc;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/** Whether an identity provider is configured: {@code KPI_OIDC_ISSUER} ({@code kpi.oidc.issuer}) is set. */
public final class IdentityProviderConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context) {
        String issuer = context.getProperty("kpi.oidc.issuer", String.class).orElse("");
        if (issuer.isBlank()) {
            context.fail("no identity provider is configured (KPI_OIDC_ISSUER)");
            return false;
        }
        return true;
    }
}
