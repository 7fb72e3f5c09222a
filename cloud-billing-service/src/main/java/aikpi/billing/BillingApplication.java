package aikpi.billing;

import aikpi.security.audit.AuditController;
import aikpi.security.keys.IngestKeyController;
import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

// The audit trail's and the ingest keys' endpoints are kpi-security's: their descriptions are included here.
@OpenAPIInclude(classes = {AuditController.class, IngestKeyController.class})
@OpenAPIDefinition(info = @Info(title = "cloud-billing-service", version = "1", description = "The revenue ledger: group and cloud revenue, AI-attributed revenue, cash versus vouchers, reconciliation with metered tokens."))
public class BillingApplication {

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(BillingApplication.class).defaultEnvironments("dev").start();
    }
}
