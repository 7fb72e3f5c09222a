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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each service's Dockerfile, read statically (no Docker engine on the build machine), against the service's
 * configuration and build; and its HEALTHCHECK command run for real against a stand-in health endpoint.
 */
class DockerfilesTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuiteService.class)
    void exposesThePortTheServiceListensOn(SuiteService service) throws IOException {
        ImageRules.exposesTheServicePort(Dockerfile.of(service), ServiceConfiguration.of(service));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuiteService.class)
    void runsAsANonRootUser(SuiteService service) throws IOException {
        ImageRules.runsAsNonRoot(Dockerfile.of(service));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuiteService.class)
    void hasAHealthcheckOnTheHealthEndpoint(SuiteService service) throws IOException {
        ImageRules.healthcheckAsksHealth(Dockerfile.of(service), ServiceConfiguration.of(service));
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
        List<String> command = Dockerfile.of(service).healthcheck().orElseThrow().command();

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
            assertThat(run(command, configuration.portVariable(), port)).as("%s: exit status when UP", service)
                    .isZero();
            assertThat(asked.get()).isEqualTo("GET " + configuration.healthPath());
            status.set(503);
            assertThat(run(command, configuration.portVariable(), port)).as("%s: exit status when DOWN", service)
                    .isNotZero();
        } finally {
            health.stop(0);
        }
        assertThat(run(command, configuration.portVariable(), unusedPort()))
                .as("%s: exit status when nothing listens", service).isNotZero();
    }

    private static int run(List<String> command, String portVariable, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put(portVariable, String.valueOf(port));
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The HEALTHCHECK command did not finish within 20 s: " + command);
        }
        return process.exitValue();
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
