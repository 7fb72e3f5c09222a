package aikpi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.deploy.Dockerfile.Healthcheck;
import java.util.List;

/**
 * What a service's Dockerfile must agree on with the service and its build. Like {@link DeploymentRules}, each rule
 * fails with an AssertionError naming the service and what drifted.
 */
final class ImageRules {

    private ImageRules() {
    }

    /** It exposes exactly the port the service's application.yml gives by default. */
    static void exposesTheServicePort(Dockerfile dockerfile, ServiceConfiguration configuration) {
        assertThat(dockerfile.exposedPorts()).as("%s: EXPOSE", dockerfile.service())
                .containsExactly(configuration.defaultPort());
    }

    /**
     * It runs as a fixed, numeric, non-root uid (Kubernetes can verify runAsNonRoot only for a numeric one).
     *
     * @return that uid
     */
    static long runsAsNonRoot(Dockerfile dockerfile) {
        String user = dockerfile.last("USER").orElse("");
        assertThat(user).as("%s: USER (without one the image runs as root)", dockerfile.service()).isNotBlank();
        String uid = user.split(":")[0];
        assertThat(uid).as("%s: USER %s must be a numeric uid", dockerfile.service(), user).matches("[0-9]+");
        assertThat(Long.parseLong(uid)).as("%s: USER uid", dockerfile.service()).isPositive();
        return Long.parseLong(uid);
    }

    /**
     * Its HEALTHCHECK asks the health endpoint on the service's port, or on the port variable when that is set,
     * in a form that needs nothing beyond the base image (bash, not curl).
     */
    static void healthcheckAsksHealth(Dockerfile dockerfile, ServiceConfiguration configuration) {
        Healthcheck healthcheck = dockerfile.healthcheck()
                .orElseThrow(() -> new AssertionError(dockerfile.service() + ": no HEALTHCHECK"));
        String command = String.join(" ", healthcheck.command());
        assertThat(command).as("%s: HEALTHCHECK command", dockerfile.service())
                .contains(configuration.healthPath())
                .contains("${" + configuration.portVariable() + ":-" + configuration.defaultPort() + "}");
        assertThat(healthcheck.command().get(0)).as("%s: HEALTHCHECK program", dockerfile.service()).isEqualTo("bash");
        assertThat(healthcheck.options()).as("%s: HEALTHCHECK options", dockerfile.service())
                .containsKeys("interval", "timeout", "start-period");
    }

    /**
     * It is built on a Java 17 runtime of the Ubuntu-based Temurin images, whose bash the HEALTHCHECK uses, from the
     * jar {@code mvn package} writes ({@code target/<module>-<version>.jar}), starts the JVM directly (exec form,
     * so that it gets the stop signal) with its heap sized from the container's memory limit, and runs in the
     * {@code prod} environment.
     */
    static void runsThePackagedJar(Dockerfile dockerfile, String version) {
        SuiteService service = dockerfile.service();
        List<String> from = dockerfile.all("FROM");
        assertThat(from).as("%s: FROM", service).hasSize(1);
        assertThat(from.get(0)).as("%s: FROM", service).startsWith("eclipse-temurin:17-jre").doesNotContain("alpine");

        List<Dockerfile.Copy> copies = dockerfile.copies();
        assertThat(copies).as("%s: COPY", service).hasSize(1);
        assertThat(copies.get(0).sources()).as("%s: COPY sources", service)
                .containsExactly("target/" + service.module + "-" + version + ".jar");

        List<String> entrypoint = dockerfile.entrypoint();
        assertThat(entrypoint).as("%s: ENTRYPOINT", service).startsWith("java").contains("-jar");
        assertThat(entrypoint).as("%s: ENTRYPOINT flags", service)
                .anyMatch(flag -> flag.startsWith("-XX:MaxRAMPercentage="))
                .contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(entrypoint.get(entrypoint.indexOf("-jar") + 1)).as("%s: the jar ENTRYPOINT runs", service)
                .isEqualTo(copies.get(0).destination());

        assertThat(dockerfile.environment()).as("%s: ENV", service).containsEntry("MICRONAUT_ENVIRONMENTS", "prod");
    }
}
