package aikpi.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each service's image, the one Dockerfile read statically with the build arguments docker-bake.json gives the service
 * (no Docker engine on the build machine), against the service's configuration, build and launcher; and its
 * HEALTHCHECK command run for real against a stand-in health endpoint.
 */
class ImagesTest {

    @Test
    void bakeBuildsEveryServiceByDefault() throws IOException {
        assertThat(ImageBuild.defaultTargets()).as("the default group of %s", ImageBuild.BAKE_FILE)
                .containsExactlyInAnyOrder(Arrays.stream(SuiteService.values()).map(s -> s.module).toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuiteService.class)
    void isBuiltWithItsOwnArguments(SuiteService service) throws IOException {
        ImageBuild build = ImageBuild.of(service);
        ImageRules.isBuiltWithItsOwnArguments(build, Dockerfile.of(build), Suite.version());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuiteService.class)
    void runsTheLaunchersFlags(SuiteService service) throws Exception {
        assumeTrue(onPath("bash"), "no bash on this machine to ask bin/start-service.sh for its flags");
        ImageRules.runsTheLaunchersFlags(Dockerfile.of(service), launcherFlags(service));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuiteService.class)
    void exposesThePortTheServiceListensOnAndChecksItsHealthThere(SuiteService service) throws IOException {
        Dockerfile dockerfile = Dockerfile.of(service);
        ServiceConfiguration configuration = ServiceConfiguration.of(service);
        ImageRules.exposesTheServicePort(dockerfile, configuration);
        ImageRules.healthcheckAsksHealth(dockerfile, configuration);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuiteService.class)
    void runsAsANonRootUser(SuiteService service) throws IOException {
        ImageRules.runsAsNonRoot(Dockerfile.of(service));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuiteService.class)
    void runsThePackagedJarInTheProdEnvironment(SuiteService service) throws IOException {
        ImageRules.runsThePackagedJar(Dockerfile.of(service), Suite.version());
    }

    /**
     * The HEALTHCHECK's exact argument vector, run with the service's port variable pointing at a stand-in health
     * endpoint: healthy on 200, unhealthy on 503 and when nothing listens. The image's bash is the same program as
     * the build machine's, so what passes here passes in the container.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SuiteService.class)
    void theHealthcheckTellsHealthyFromUnhealthy(SuiteService service) throws Exception {
        assumeTrue(onPath("bash"), "no bash on this machine to run the HEALTHCHECK with");
        ServiceConfiguration configuration = ServiceConfiguration.of(service);
        Dockerfile dockerfile = Dockerfile.of(service);
        List<String> command = dockerfile.healthcheck().orElseThrow().command();
        Map<String, String> environment = dockerfile.environment();

        AtomicInteger status = new AtomicInteger(200);
        AtomicReference<String> asked = new AtomicReference<>();
        HttpServer health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        health.createContext("/", exchange -> {
            asked.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            String answer = "{\"status\":\"" + (status.get() == 200 ? "UP" : "DOWN") + "\"}";
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        health.start();
        try {
            int port = health.getAddress().getPort();
            assertThat(run(command, environment, configuration.portVariable(), port)).as("%s: exit status when UP", service)
                    .isZero();
            assertThat(asked.get()).isEqualTo("GET " + configuration.healthPath());
            status.set(503);
            assertThat(run(command, environment, configuration.portVariable(), port)).as("%s: exit status when DOWN", service)
                    .isNotZero();
        } finally {
            health.stop(0);
        }
        assertThat(run(command, environment, configuration.portVariable(), unusedPort()))
                .as("%s: exit status when nothing listens", service).isNotZero();
    }

    /** The command in the image's environment, the port variable set as a deployment sets it. */
    private static int run(List<String> command, Map<String, String> image, String portVariable, int port)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(image);
        builder.environment().put(portVariable, String.valueOf(port));
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The HEALTHCHECK command did not finish within 20 s: " + command);
        }
        return process.exitValue();
    }

    static List<String> launcherFlags(SuiteService service) throws Exception {
        Process process = new ProcessBuilder("bash", Suite.root().resolve("bin").resolve("start-service.sh").toString(),
                "--flags", service.module).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("bin/start-service.sh --flags " + service.module + " failed: " + out);
        }
        return out.lines().filter(line -> !line.isBlank()).toList();
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
