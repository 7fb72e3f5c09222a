package aikpi.e2e;

import static org.awaitility.Awaitility.await;

import aikpi.testing.launch.ServiceLauncher;
import aikpi.testing.launch.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/** The four services started from their packaged jars, each as its own process on a free port, on fresh databases. */
final class RunningSuite implements AutoCloseable {

    static final List<String> MODULES = List.of("tongyi-service", "quark-service", "cloud-billing-service", "gateway");

    private Path root;
    private final Path work;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> extraEnv;
    private final Map<String, Map<String, String>> moduleEnv = new LinkedHashMap<>();
    private TokenSource tokenSource;

    /** Where the test's own calls get a module's bearer header when not by a development login. */
    @FunctionalInterface
    interface TokenSource {
        String bearer(String module) throws Exception;
    }

    RunningSuite(Path root, Path work) throws IOException {
        this(root, work, Map.of());
    }

    /** @param extraEnv configuration for every service, such as {@code GATEWAY_CACHE_TTL} */
    RunningSuite(Path root, Path work, Map<String, String> extraEnv) throws IOException {
        this.root = root;
        this.work = work;
        this.extraEnv = extraEnv;
        for (String module : MODULES) {
            ports.put(module, ServiceLauncher.freePort());
        }
    }

    /** Configuration for one service only (set before {@link #start}), such as its own account's credentials. */
    RunningSuite environment(String module, Map<String, String> env) {
        moduleEnv.put(module, env);
        return this;
    }

    /** The test's own calls take their tokens from here instead of development logins (a production run). */
    RunningSuite tokens(TokenSource source) {
        this.tokenSource = source;
        return this;
    }

    static Path jar(Path root, String module) {
        return ServiceLauncher.jar(root, module);
    }

    String url(String module) {
        return "http://127.0.0.1:" + ports.get(module);
    }

    Map<String, String> serviceUrls() {
        return Map.of("TONGYI_URL", url("tongyi-service"), "QUARK_URL", url("quark-service"),
                "BILLING_URL", url("cloud-billing-service"));
    }

    /**
     * Starts every service by {@code bin/start-service.sh}, the one place that names the JVM flags of a local start
     * (the same as run-suite.sh's), and waits until each is healthy.
     */
    void start() throws Exception {
        // The first start after a build also records each service's class-data archive (bin/start-service.sh).
        startAll(false, Duration.ofMinutes(10));
    }

    /**
     * Stops every service (SIGTERM, as Ctrl-C stops run-suite.sh) and starts each again on the same ports, databases
     * and settings, its log appended to; waits until each is healthy. Answers each module's time from its start to its
     * first healthy {@code /health}. What the services had cached or compiled is gone, as after any restart.
     */
    Map<String, Duration> restart() throws Exception {
        return restart(root);
    }

    /** The same, each service started again from the build under {@code from} (another build of the suite, to compare). */
    Map<String, Duration> restart(Path from) throws Exception {
        root = from;
        processes.values().forEach(ServiceProcess::terminate);
        for (ServiceProcess p : processes.values()) {
            p.awaitExit(Duration.ofSeconds(30));
        }
        tokens.clear();
        return startAll(true, Duration.ofMinutes(5));
    }

    private Map<String, Duration> startAll(boolean appendLogs, Duration limit) throws Exception {
        Files.createDirectories(work.resolve("logs"));
        Map<String, String> env = new LinkedHashMap<>(serviceUrls());
        ports.forEach((module, port) -> env.put(ServiceLauncher.portVariable(module), String.valueOf(port)));
        env.put("GATEWAY_DEMO_NOTICE", "true");
        env.putAll(extraEnv);
        for (String module : MODULES) {
            processes.put(module, ServiceLauncher.of(root, module).port(ports.get(module)).directory(work)
                    .log(work.resolve("logs").resolve(module + ".log"), appendLogs)
                    .environment(env).environment(moduleEnv.getOrDefault(module, Map.of()))
                    .start());
        }
        Map<String, Duration> ready = new LinkedHashMap<>();
        for (ServiceProcess process : processes.values()) {
            ready.put(process.module(), process.awaitHealthy(limit, Duration.ofMillis(50)));
        }
        return ready;
    }

    /** Runs the demo data loader jar against the running services; answers its output. */
    String loadDemoData() throws Exception {
        return loadDemoData(Map.of());
    }

    /** Runs the demo data loader jar with more environment (its account at the identity provider); answers its output. */
    String loadDemoData(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar(root, "demo-data").toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("logs").resolve("demo-data.log").toFile());
        pb.environment().putAll(serviceUrls());
        pb.environment().putAll(env);
        pb.environment().put("GATEWAY_URL", url("gateway"));
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("the demo data loader failed:\n" + Files.readString(work.resolve("logs").resolve("demo-data.log")));
        }
        return Files.readString(work.resolve("logs").resolve("demo-data.log"));
    }

    /** Who reads each module's API here: the executive the gateway, each service's own writer its service. */
    private static final Map<String, String> READERS = Map.of("gateway", "executive", "tongyi-service", "tongyi-writer",
            "quark-service", "quark-writer", "cloud-billing-service", "billing-writer");
    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    /** A development login (the suite runs as a development run) of the module's reader; answers the bearer header. */
    String bearer(String module) throws Exception {
        if (tokenSource != null) {
            return tokenSource.bearer(module);
        }
        String token = tokens.get(module);
        if (token == null) {
            token = processes.get(module).signIn(READERS.get(module), "kpi-dev");
            tokens.put(module, token);
        }
        return "Bearer " + token;
    }

    private HttpRequest authorizedGet(String module, String path) throws Exception {
        return HttpRequest.newBuilder(URI.create(url(module) + path)).header("Authorization", bearer(module)).build();
    }

    /** Answers the status code and the time the call took, in nanoseconds. */
    long[] timedGet(String module, String path) throws Exception {
        HttpRequest request = authorizedGet(module, path);
        long t0 = System.nanoTime();
        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
        return new long[] {r.statusCode(), System.nanoTime() - t0};
    }

    /** Answers the call's time in nanoseconds and the value of one response header (null if absent); fails unless 200. */
    Map.Entry<Long, String> timedGetWithHeader(String module, String path, String header) throws Exception {
        HttpRequest request = authorizedGet(module, path);
        long t0 = System.nanoTime();
        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
        long took = System.nanoTime() - t0;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode());
        }
        return new java.util.AbstractMap.SimpleEntry<>(took, r.headers().firstValue(header).orElse(null));
    }

    /**
     * Asks for the executive view of each period until every source answers: freshly started services answer their
     * first queries slowly (classes load, the JIT warms up), and the gateway rightly marks a source that misses its
     * timeout. Fails, saying what it last saw, if the view is still incomplete after {@code patience}.
     */
    void awaitCompleteView(List<String> periods, Duration patience) {
        Instant end = Instant.now().plus(patience);
        for (String period : periods) {
            String path = "/api/v1/executive/ai-conversion?period=" + period;
            AtomicReference<String> lastSeen = new AtomicReference<>();
            try {
                Duration left = Duration.between(Instant.now(), end);
                await().atMost(left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left)
                        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
                            try {
                                String view = get("gateway", path);
                                if (view.replace(" ", "").contains("\"complete\":true")) {
                                    return true;
                                }
                                lastSeen.set(view.length() > 400 ? view.substring(0, 400) : view);
                            } catch (IllegalStateException | IOException e) {
                                // A 503 (no source answered) or a refused connection: not warm yet either.
                                lastSeen.set(e.getMessage());
                            }
                            return false;
                        });
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("Warming up: waited " + patience + " for GET " + path + " to answer a "
                        + "complete view (\"complete\": true); its last answer: " + lastSeen.get() + ". The services' logs: "
                        + work.resolve("logs"));
            }
        }
    }

    String get(String module, String path) throws Exception {
        HttpResponse<String> r = http.send(authorizedGet(module, path), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    @Override
    public void close() throws InterruptedException {
        processes.values().forEach(ServiceProcess::terminate);
        for (ServiceProcess p : processes.values()) {
            p.awaitExit(Duration.ofSeconds(20));
        }
    }
}
