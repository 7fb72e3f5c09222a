package aikpi.billing;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "cloud-billing-service", version = "1", description = "The revenue ledger: group and cloud revenue, AI-attributed revenue, cash versus vouchers, reconciliation with metered tokens."))
public class BillingApplication {

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(BillingApplication.class).defaultEnvironments("dev").start();
    }
}
