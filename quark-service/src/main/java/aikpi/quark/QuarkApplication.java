package aikpi.quark;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "quark-service", version = "1", description = "To-C app metrics: apps, AI features, installs, daily and monthly actives, AI sessions and their quality."))
public class QuarkApplication {

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(QuarkApplication.class).defaultEnvironments("dev").start();
    }
}
