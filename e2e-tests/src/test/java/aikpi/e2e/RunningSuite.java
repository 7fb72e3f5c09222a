package aikpi.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The four services started from their packaged jars, each as its own process on a free port, on fresh databases. */
final class RunningSuite implements AutoCloseable {

    static final List<String> MODULES = List.of("tongyi-service", "quark-service", "cloud-billing-service", "gateway");

    private final Path root;
    private final Path work;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
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
            ports.put(module, freePort());
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
        return root.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT.jar");
    }

    /**
     * How a service is started: {@code bin/start-service.sh}, the one place that names the JVM flags of a local start
     * (the same as run-suite.sh's); it records the class-data archive on the first start after a build, then execs the
     * JVM, so the process is the service's own.
     */
    static ProcessBuilder launch(Path root, String module) {
        return new ProcessBuilder("bash", root.resolve("bin").resolve("start-service.sh").toString(), module);
    }

    String url(String module) {
        return "http://127.0.0.1:" + ports.get(module);
    }

    Map<String, String> serviceUrls() {
        return Map.of("TONGYI_URL", url("tongyi-service"), "QUARK_URL", url("quark-service"),
                "BILLING_URL", url("cloud-billing-service"));
    }

    void start() throws Exception {
        Files.createDirectories(work.resolve("logs"));
        for (String module : MODULES) {
            ProcessBuilder pb = launch(root, module)
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("logs").resolve(module + ".log").toFile());
            Map<String, String> env = pb.environment();
            env.putAll(serviceUrls());
            env.put("TONGYI_PORT", String.valueOf(ports.get("tongyi-service")));
            env.put("QUARK_PORT", String.valueOf(ports.get("quark-service")));
            env.put("BILLING_PORT", String.valueOf(ports.get("cloud-billing-service")));
            env.put("GATEWAY_PORT", String.valueOf(ports.get("gateway")));
            env.put("GATEWAY_DEMO_NOTICE", "true");
            env.putAll(extraEnv);
            env.putAll(moduleEnv.getOrDefault(module, Map.of()));
            processes.add(pb.start());
        }
        for (String module : MODULES) {
            awaitHealthy(module);
        }
    }

    private void awaitHealthy(String module) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(module) + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(module + " did not become healthy; see " + work.resolve("logs"));
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
            String login = "{\"username\":\"" + READERS.get(module) + "\",\"password\":\"kpi-dev\"}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(module) + "/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(login)).build(),
                    HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
            if (r.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException("signing in to " + module + " answered " + r.statusCode() + ": " + r.body());
            }
            token = m.group(1);
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
    void awaitCompleteView(List<String> periods, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        for (String period : periods) {
            String path = "/api/v1/executive/ai-conversion?period=" + period;
            String lastSeen;
            while (true) {
                try {
                    String view = get("gateway", path);
                    if (view.replace(" ", "").contains("\"complete\":true")) {
                        break;
                    }
                    lastSeen = view.length() > 400 ? view.substring(0, 400) : view;
                } catch (IllegalStateException | IOException e) {
                    // A 503 (no source answered) or a refused connection: not warm yet either.
                    lastSeen = e.getMessage();
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Warming up: waited " + patience + " for GET " + path + " to answer a "
                            + "complete view (\"complete\": true); its last answer: " + lastSeen + ". The services' logs: "
                            + work.resolve("logs"));
                }
                Thread.sleep(500);
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
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
