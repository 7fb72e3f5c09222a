package aikpi.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import aikpi.testing.launch.ServiceLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The suite in production mode against a real Keycloak (the cases: {@link ProductionModeEndToEnd}): Keycloak's own
 * distribution ({@code org.keycloak:keycloak-quarkus-dist} from Maven Central, unpacked by {@code mvn verify
 * -Pkeycloak} as .ci/run runs it) started by this test in development mode on an in-memory database, with the realm
 * {@code group} of {@code src/test/resources/keycloak/group-realm.json} imported: the suite's realm roles, an
 * audience mapper ({@code kpi-suite}), the user attribute {@code business_unit} in the user profile and its token
 * mapper, confidential clients with service accounts for the gateway, billing and the loader, and the dashboard's
 * public client (PKCE S256). Keycloak 26 needs Java 21 or later: {@code KEYCLOAK_JAVA_HOME}, or a JDK found under
 * {@code /usr/lib/jvm}. Skipped, saying why, where either is missing.
 */
class KeycloakEndToEndTest extends ProductionModeEndToEnd {

    private static final Duration START_PATIENCE = Duration.ofMinutes(5);

    private Path home;
    private Path javaHome;
    private Process keycloak;

    @Override
    protected void assumeProviderRuns() {
        String configured = System.getProperty("keycloak.home", "");
        assumeTrue(!configured.isBlank() && Files.isRegularFile(Path.of(configured, "bin", "kc.sh")),
                "Keycloak is not unpacked (mvn verify -Pkeycloak, as .ci/run runs it, unpacks org.keycloak:"
                        + "keycloak-quarkus-dist); the Keycloak end-to-end test is skipped");
        home = Path.of(configured);
        javaHome = javaForKeycloak();
        assumeTrue(javaHome != null, "Keycloak 26 needs Java 21 or later: set KEYCLOAK_JAVA_HOME, or install a JDK"
                + " under /usr/lib/jvm; the Keycloak end-to-end test is skipped");
    }

    @Override
    protected Provider startProvider(String gatewayUrl, Path work) throws Exception {
        int port;
        port = ServiceLauncher.freePort();
        String password = "e2e-" + ProductionSignInEndToEndTest.secret();
        Account gateway = new Account("kpi-gateway", ProductionSignInEndToEndTest.secret());
        Account billing = new Account("kpi-cloud-billing", ProductionSignInEndToEndTest.secret());
        Account loader = new Account("kpi-demo-loader", ProductionSignInEndToEndTest.secret());
        String realm;
        try (InputStream in = KeycloakEndToEndTest.class.getResourceAsStream("/keycloak/group-realm.json")) {
            realm = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> value : Map.of("GATEWAY_URL", gatewayUrl, "GATEWAY_SECRET", gateway.secret(),
                "BILLING_SECRET", billing.secret(), "LOADER_SECRET", loader.secret(), "USER_PASSWORD", password).entrySet()) {
            realm = realm.replace("${" + value.getKey() + "}", value.getValue());
        }
        Path imports = home.resolve("data").resolve("import");
        Files.createDirectories(imports);
        Files.writeString(imports.resolve("group-realm.json"), realm);

        Files.createDirectories(work.resolve("logs"));
        ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--db=dev-mem", "--import-realm")
                .redirectErrorStream(true).redirectOutput(work.resolve("logs").resolve("keycloak.log").toFile());
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("PATH", javaHome.resolve("bin") + ":" + System.getenv("PATH"));
        keycloak = pb.start();

        String issuer = "http://127.0.0.1:" + port + "/realms/group";
        awaitDiscovery(issuer, work);
        return new Provider(issuer, issuer + "/protocol/openid-connect/auth", gateway, billing, loader, "kpi-dashboard",
                password);
    }

    private void awaitDiscovery(String issuer, Path work) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration")).build();
        try {
            await().atMost(START_PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                    .failFast("Keycloak stopped", () -> !keycloak.isAlive())
                    .until(() -> {
                        try {
                            return http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException e) {
                            return false; // not up yet
                        }
                    });
        } catch (TerminalFailureException e) {
            throw new IllegalStateException("Keycloak stopped; see " + work.resolve("logs").resolve("keycloak.log"));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Keycloak did not answer within " + START_PATIENCE + "; see "
                    + work.resolve("logs").resolve("keycloak.log"));
        }
    }

    @Override
    protected void stopProvider() {
        if (keycloak == null) {
            return;
        }
        List<ProcessHandle> all = Stream.concat(keycloak.descendants(), Stream.of(keycloak.toHandle())).toList();
        all.forEach(ProcessHandle::destroy);
        try {
            if (!keycloak.waitFor(30, TimeUnit.SECONDS)) {
                all.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Override
    protected String screenshot() {
        return "dashboard-keycloak.png";
    }

    /** {@code KEYCLOAK_JAVA_HOME}, or the newest JDK of release 21 or later under /usr/lib/jvm; null if none. */
    static Path javaForKeycloak() {
        String configured = System.getenv("KEYCLOAK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> candidates = Files.list(jvms)) {
            return candidates.filter(p -> Files.isExecutable(p.resolve("bin").resolve("java")))
                    .filter(p -> release(p) >= 21)
                    .max(Comparator.comparingInt(KeycloakEndToEndTest::release)).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int release(Path jdk) {
        try {
            Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(jdk.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
