package aikpi.gateway;

import aikpi.security.audit.AuditController;
import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import java.util.Map;

// The audit trail's endpoint is kpi-security's: its description is included here.
@OpenAPIInclude(classes = AuditController.class)
@OpenAPIDefinition(info = @Info(
        title = "gateway",
        version = "1",
        description = "The executive view of AI conversion: users, usage and cloud revenue, measured against cloud's "
                + "11% share of group revenue. Stores nothing; combines tongyi-service, quark-service and "
                + "cloud-billing-service."))
public class GatewayApplication {

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(GatewayApplication.class).defaultEnvironments("dev")
                .properties(kafka(System.getenv())).start();
    }

    /** Notices also go to a Kafka topic when, and only when, KAFKA_BOOTSTRAP_SERVERS names the brokers. */
    static Map<String, Object> kafka(Map<String, String> environment) {
        String servers = environment.get("KAFKA_BOOTSTRAP_SERVERS");
        return Map.of("kafka.enabled", servers != null && !servers.isBlank());
    }
}
