package aikpi.quark;

import aikpi.security.audit.AuditController;
import aikpi.security.keys.IngestKeyController;
import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

// The audit trail's and the ingest keys' endpoints are kpi-security's: their descriptions are included here.
@OpenAPIInclude(classes = {AuditController.class, IngestKeyController.class})
@OpenAPIDefinition(info = @Info(title = "quark-service", version = "1", description = "To-C app metrics: apps, AI features, installs, daily and monthly actives, AI sessions and their quality."))
public class QuarkApplication {

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(QuarkApplication.class).defaultEnvironments("dev").start();
    }
}
