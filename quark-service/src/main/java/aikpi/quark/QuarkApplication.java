package aikpi.quark;

import aikpi.security.audit.AuditController;
import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

// The audit trail's endpoint is kpi-security's: its description is included here.
@OpenAPIInclude(classes = AuditController.class)
@OpenAPIDefinition(info = @Info(title = "quark-service", version = "1", description = "To-C app metrics: apps, AI features, installs, daily and monthly actives, AI sessions and their quality."))
public class QuarkApplication {

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(QuarkApplication.class).defaultEnvironments("dev").start();
    }
}
