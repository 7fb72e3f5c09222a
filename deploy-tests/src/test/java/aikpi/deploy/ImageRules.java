package aikpi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.deploy.Dockerfile.Healthcheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a service's image must agree on with the service, its build and its launcher: the one Dockerfile read with the
 * build arguments {@code docker-bake.json} gives the service. Like {@link DeploymentRules}, each rule fails with an
 * AssertionError naming the service and what drifted.
 */
final class ImageRules {

    /** How the health check finds the port: the variable named by one ENV, else the port another ENV gives. */
    static final String PORT_VARIABLE_ENV = "KPI_PORT_VARIABLE";
    static final String DEFAULT_PORT_ENV = "KPI_DEFAULT_PORT";

    private ImageRules() {
    }

    /**
     * It is built from the one Dockerfile at the root, from the root as the context, for its own module and the
     * reactor's version, tagged {@code aikpi/<module>:<version>}; every argument the Dockerfile needs (an ARG without
     * a default) is given and every argument given is one the Dockerfile declares (a misspelt one would be ignored).
     */
    static void isBuiltWithItsOwnArguments(ImageBuild build, Dockerfile dockerfile, String version) {
        SuiteService service = build.service();
        assertThat(build.context()).as("%s: context in %s", service, ImageBuild.BAKE_FILE).isEqualTo(".");
        assertThat(build.dockerfile()).as("%s: dockerfile in %s", service, ImageBuild.BAKE_FILE)
                .isEqualTo("Dockerfile");
        assertThat(build.tags()).as("%s: tags", service).containsExactly("aikpi/" + service.module + ":" + version);
        assertThat(build.args()).as("%s: MODULE", service).containsEntry("MODULE", service.module);
        assertThat(dockerfile.arguments()).as("%s: VERSION", service).containsEntry("VERSION", version);
        List<String> needed = dockerfile.declared().entrySet().stream().filter(arg -> arg.getValue().isEmpty())
                .map(Map.Entry::getKey).toList();
        assertThat(build.args().keySet()).as("%s: build arguments (the Dockerfile declares %s)", service,
                dockerfile.declared().keySet()).containsAll(needed).isSubsetOf(dockerfile.declared().keySet());
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
     * Its HEALTHCHECK asks the health endpoint on the service's port, or on the port variable when that is set (the
     * image's environment names both), in a form that needs nothing beyond the base image (bash, not curl).
     */
    static void healthcheckAsksHealth(Dockerfile dockerfile, ServiceConfiguration configuration) {
        Healthcheck healthcheck = dockerfile.healthcheck()
                .orElseThrow(() -> new AssertionError(dockerfile.service() + ": no HEALTHCHECK"));
        String command = String.join(" ", healthcheck.command());
        assertThat(command).as("%s: HEALTHCHECK command", dockerfile.service())
                .contains(configuration.healthPath())
                .contains("${!" + PORT_VARIABLE_ENV + ":-$" + DEFAULT_PORT_ENV + "}");
        assertThat(dockerfile.environment()).as("%s: the HEALTHCHECK's port (ENV)", dockerfile.service())
                .containsEntry(PORT_VARIABLE_ENV, configuration.portVariable())
                .containsEntry(DEFAULT_PORT_ENV, String.valueOf(configuration.defaultPort()));
        assertThat(healthcheck.command().get(0)).as("%s: HEALTHCHECK program", dockerfile.service()).isEqualTo("bash");
        assertThat(healthcheck.options()).as("%s: HEALTHCHECK options", dockerfile.service())
                .containsKeys("interval", "timeout", "start-period");
    }

    /**
     * It is built on a Java 17 runtime of the Ubuntu-based Temurin images, whose bash the HEALTHCHECK uses, from the
     * jar {@code mvn package} writes ({@code <module>/target/<module>-<version>.jar}), starts the JVM directly (exec
     * form, so that it gets the stop signal) with its heap sized from the container's memory limit, and runs in the
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
                .containsExactly(service.module + "/target/" + service.module + "-" + version + ".jar");

        List<String> entrypoint = dockerfile.entrypoint();
        assertThat(entrypoint).as("%s: ENTRYPOINT", service).startsWith("java").contains("-jar");
        List<String> flags = new ArrayList<>(dockerfile.argumentFileFlags());
        flags.addAll(entrypoint);
        assertThat(flags).as("%s: ENTRYPOINT flags (with JVM_FLAGS)", service)
                .anyMatch(flag -> flag.startsWith("-XX:MaxRAMPercentage="))
                .contains("-XX:+ExitOnOutOfMemoryError");
        assertThat(entrypoint.get(entrypoint.indexOf("-jar") + 1)).as("%s: the jar ENTRYPOINT runs", service)
                .isEqualTo(copies.get(0).destination());

        assertThat(dockerfile.environment()).as("%s: ENV", service).containsEntry("MICRONAUT_ENVIRONMENTS", "prod");
    }

    /**
     * It runs the flags {@code bin/start-service.sh} starts the service with (the collector and its tuning, chosen on
     * the figures of docs/STARTUP.md), with the launcher's fixed heap bounds ({@code -Xms}, {@code -Xmx}) replaced by a
     * share of the container's memory and an exit on OutOfMemoryError.
     *
     * @param launcherFlags what {@code bin/start-service.sh --flags <module>} prints
     */
    static void runsTheLaunchersFlags(Dockerfile dockerfile, List<String> launcherFlags) {
        List<String> expected = new ArrayList<>(launcherFlags.stream()
                .filter(flag -> !flag.startsWith("-Xms") && !flag.startsWith("-Xmx")).toList());
        expected.add("-XX:+ExitOnOutOfMemoryError");
        List<String> flags = dockerfile.argumentFileFlags();
        assertThat(flags).as("%s: JVM_FLAGS against bin/start-service.sh's %s", dockerfile.service(), launcherFlags)
                .containsAll(expected);
        assertThat(flags.stream().filter(flag -> !expected.contains(flag)).toList())
                .as("%s: JVM_FLAGS beyond the launcher's", dockerfile.service())
                .allMatch(flag -> flag.startsWith("-XX:MaxRAMPercentage="));
    }
}
