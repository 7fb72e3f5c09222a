package aikpi.tongyi;

import aikpi.security.audit.AuditController;
import aikpi.security.keys.IngestKeyController;
import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.micronaut.runtime.Micronaut;
import java.util.Map;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

// The audit trail's and the ingest keys' endpoints are kpi-security's: their descriptions are included here.
@OpenAPIInclude(classes = {AuditController.class, IngestKeyController.class})
@OpenAPIDefinition(info = @Info(
        title = "tongyi-service",
        version = "1",
        description = "To-B model metrics: open models and their influence on model hubs, benchmarks, enterprise "
                + "customers, metered token usage and the GPU resources burned."))
public class TongyiApplication {

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(TongyiApplication.class).defaultEnvironments("dev")
                .properties(kafka(System.getenv())).start();
    }

    /** Usage is also consumed from Kafka when, and only when, KAFKA_BOOTSTRAP_SERVERS names the brokers. */
    static Map<String, Object> kafka(Map<String, String> environment) {
        String servers = environment.get("KAFKA_BOOTSTRAP_SERVERS");
        return Map.of("kafka.enabled", servers != null && !servers.isBlank());
    }
}
