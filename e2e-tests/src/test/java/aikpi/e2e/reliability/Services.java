package aikpi.e2e.reliability;

import aikpi.e2e.ServiceBearer;
import aikpi.testing.LauncherFlags;
import aikpi.testing.PrometheusText;
import aikpi.testing.PostgresTestServer;
import aikpi.testing.launch.ServiceLauncher;
import aikpi.testing.launch.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The suite for the reliability harnesses: each service started from its packaged jar as its own process, on a
 * free port fixed for the whole run, with its file database under one work directory ({@code <work>/data/...}), so
 * that a service can be killed ({@code kill -9}), frozen ({@code kill -STOP}), stopped and started again on the same
 * port and the same data. Also the HTTP plumbing the harnesses share: development log-ins (the services run as a
 * development run), timed requests that never throw, and a JSON reader.
 *
 * <p>Unlike {@code aikpi.e2e.RunningSuite} (which starts everything once and stops everything at the end), this one
 * controls each process on its own. Needs only the jars built by {@code mvn -o -B -q package -DskipTests}.
 */
final class Services implements AutoCloseable {

    static final String TONGYI = "tongyi-service";
    static final String QUARK = "quark-service";
    static final String BILLING = "cloud-billing-service";
    static final String GATEWAY = "gateway";
    static final List<String> ALL = List.of(TONGYI, QUARK, BILLING, GATEWAY);

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    /** Who signs in to each module: its team's writer (who may also read it), the executive at the gateway. */
    private static final Map<String, String> USERS = Map.of(TONGYI, "tongyi-writer", QUARK, "quark-writer",
            BILLING, "billing-writer", GATEWAY, "executive");
    /** The H2 database each service opens by default (relative to its working directory). */
    private static final Map<String, String> DATABASES = Map.of(TONGYI, "tongyi", QUARK, "quark", BILLING, "billing");

    /**
     * One answer: status (-1 when no answer came), content type, body (as UTF-8 text, and as the bytes that came when
     * they were kept), time taken, and the failure if none came.
     */
    record Answer(int status, String contentType, String body, long nanos, Exception failure, byte[] bytes) {
        Answer(int status, String contentType, String body, long nanos, Exception failure) {
            this(status, contentType, body, nanos, failure, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        double millis() {
            return nanos / 1e6;
        }

        boolean isProblem() {
            return contentType != null && contentType.toLowerCase().startsWith("application/problem+json");
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + abbreviate(body, 300), e);
            }
        }

        String summary() {
            return failure != null ? "no answer: " + failure : status + " " + contentType + " " + abbreviate(body, 400);
        }
    }

    private final Path root;
    private final Path work;
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    private final Map<String, List<String>> launcherFlags = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> moduleEnv = new ConcurrentHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> processes = new ConcurrentHashMap<>();
    private final Map<String, Integer> starts = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final HttpClient http;

    /**
     * @param name a prefix for the work directory (a fresh temporary directory under {@code e2e-tests/target})
     * @param env  configuration for every process, such as {@code GATEWAY_CACHE_TTL}
     */
    Services(String name, Map<String, String> env) throws IOException {
        this.root = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        Path target = root.resolve("e2e-tests").resolve("target");
        Files.createDirectories(target);
        this.work = Files.createTempDirectory(target, name + "-");
        Map<String, String> all = new LinkedHashMap<>(env);
        // Extra configuration for every process from the command line: -Dreliability.env=K=V,K2=V2 (V may hold ';').
        String extra = System.getProperty("reliability.env", "").trim();
        if (!extra.isEmpty()) {
            for (String kv : extra.split(",(?=[A-Z_]+=)")) {
                int eq = kv.indexOf('=');
                all.put(kv.substring(0, eq).trim(), kv.substring(eq + 1));
            }
        }
        if ("postgres".equals(System.getProperty("reliability.database"))) {
            onPostgres(all);
        }
        this.env = Map.copyOf(all);
        this.jvmOptions = List.of(System.getProperty("reliability.jvmOptions", "-XX:TieredStopAtLevel=1").trim().split("\\s+"));
        for (String module : ALL) {
            ports.put(module, ServiceLauncher.freePort());
            if (!Files.isRegularFile(jar(module))) {
                throw new IllegalStateException(jar(module) + " is missing: build the jars first with "
                        + "'mvn -o -B -q package -DskipTests' at the root");
            }
        }
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Files.createDirectories(work.resolve("logs"));
        Runtime.getRuntime().addShutdownHook(new Thread(this::destroyAll));
    }

    /**
     * {@code -Dreliability.database=postgres}: each module with a database gets a fresh one on the PostgreSQL server of
     * the services' tests ({@code PostgresTestServer}), {@code aikpi_reliability_<module>}, instead of its H2 file.
     */
    private static void onPostgres(Map<String, String> env) {
        Map<String, String> prefixes = Map.of(TONGYI, "TONGYI", QUARK, "QUARK", BILLING, "BILLING", GATEWAY, "GATEWAY");
        prefixes.forEach((module, prefix) -> {
            env.put(prefix + "_DB_URL", PostgresTestServer.freshDatabase("aikpi_reliability_" + prefix.toLowerCase()));
            env.put(prefix + "_DB_USER", PostgresTestServer.user());
            env.put(prefix + "_DB_PASSWORD", PostgresTestServer.password());
        });
    }

    /** Whether a storing module runs on its embedded H2 file database (no {@code <SERVICE>_DB_URL}, or an H2 one). */
    boolean embeddedH2(String module) {
        String variable = switch (module) {
            case TONGYI -> "TONGYI_DB_URL";
            case QUARK -> "QUARK_DB_URL";
            case BILLING -> "BILLING_DB_URL";
            default -> throw new IllegalArgumentException(module + " stores nothing");
        };
        return env.getOrDefault(variable, "jdbc:h2:").startsWith("jdbc:h2:");
    }

    Path work() {
        return work;
    }

    /** The configuration given to every process beyond ports and URLs. */
    Map<String, String> env() {
        return env;
    }

    Path jar(String module) {
        return ServiceLauncher.jar(root, module);
    }

    String url(String module) {
        return "http://127.0.0.1:" + ports.get(module);
    }

    /** Starts the modules (all at once) and waits until each answers {@code /health} with 200. */
    void start(String... modules) throws Exception {
        for (String m : modules) {
            launch(m);
        }
        ExecutorService pool = Executors.newFixedThreadPool(modules.length);
        try {
            List<Future<Long>> waits = new ArrayList<>();
            for (String m : modules) {
                waits.add(pool.submit(() -> awaitHealthy(m, Duration.ofSeconds(180))));
            }
            for (Future<Long> w : waits) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Starts a stopped module again on its port and data; answers how long it took to become healthy (ms). */
    long restart(String module) throws Exception {
        return restart(module, Duration.ofSeconds(180));
    }

    /** {@link #restart(String)}, waiting at most {@code limit} for it to become healthy. */
    long restart(String module, Duration limit) throws Exception {
        launch(module);
        return awaitHealthy(module, limit);
    }

    /**
     * From its next start on, the module runs with the JVM flags {@code bin/start-service.sh} gives it (its heap
     * bound above all), after the harness's own options.
     *
     * @return the flags
     */
    List<String> useLauncherFlags(String module) {
        List<String> flags = LauncherFlags.shipped(root, module);
        if (flags.isEmpty()) {
            throw new IllegalStateException("bin/start-service.sh --flags " + module + " did not answer");
        }
        launcherFlags.put(module, flags);
        return flags;
    }

    /**
     * From its next start on, the module also gets this configuration (over the run's own), until called again; an
     * empty map takes it away.
     */
    void configure(String module, Map<String, String> extra) {
        moduleEnv.put(module, Map.copyOf(extra));
    }

    private void launch(String module) throws IOException {
        ServiceProcess running = processes.get(module);
        if (running != null && running.isAlive()) {
            throw new IllegalStateException(module + " is already running");
        }
        int n = starts.merge(module, 1, Integer::sum);
        List<String> flags = new ArrayList<>(jvmOptions);
        flags.addAll(launcherFlags.getOrDefault(module, List.of()));
        Map<String, String> e = new LinkedHashMap<>();
        e.put("TONGYI_URL", url(TONGYI));
        e.put("QUARK_URL", url(QUARK));
        e.put("BILLING_URL", url(BILLING));
        ports.forEach((m, port) -> e.put(ServiceLauncher.portVariable(m), String.valueOf(port)));
        e.putAll(env);
        e.putAll(moduleEnv.getOrDefault(module, Map.of()));
        Path log = work.resolve("logs").resolve(module + ".log");
        Files.writeString(log, "\n==== start #" + n + " ====\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        processes.put(module, ServiceLauncher.of(root, module).port(ports.get(module)).directory(work).log(log, true)
                .java(flags).environment(e).start());
    }

    /** Waits until the module answers {@code /health} with 200; answers the time since its start (ms). */
    private long awaitHealthy(String module, Duration limit) {
        return processes.get(module).awaitHealthy(limit, Duration.ofMillis(100)).toMillis();
    }

    long pid(String module) {
        return processes.get(module).pid();
    }

    boolean isRunning(String module) {
        ServiceProcess p = processes.get(module);
        return p != null && p.isAlive();
    }

    /** {@code kill -9}: the process ends at once, mid-request, with whatever its database had written. */
    void kill9(String module) throws InterruptedException {
        processes.get(module).kill9();
    }

    /** A normal stop (SIGTERM): the service shuts down and closes its database. */
    void stop(String module) throws InterruptedException {
        ServiceProcess p = processes.get(module);
        if (p != null) {
            p.stop(Duration.ofSeconds(60));
        }
    }

    /** {@code kill -STOP}: the process is frozen; its port still accepts connections, nothing answers. */
    void freeze(String module) throws Exception {
        signal(module, "-STOP");
    }

    /** {@code kill -CONT}: a frozen process goes on. */
    void thaw(String module) throws Exception {
        signal(module, "-CONT");
    }

    private void signal(String module, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, String.valueOf(pid(module))).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " " + pid(module) + " failed");
        }
    }

    /** The bearer header of the module's user (the team's writer; the executive at the gateway). */
    String bearer(String module) {
        String token = tokens.get(module);
        if (token == null) {
            try {
                token = processes.get(module).signIn(USERS.get(module), "kpi-dev");
            } catch (IOException e) {
                throw new UncheckedIOException("signing in to " + module, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("signing in to " + module + " was interrupted", e);
            }
            tokens.put(module, token);
        }
        return "Bearer " + token;
    }

    Answer get(String module, String path) {
        return send("GET", module, path, null, null, true);
    }

    Answer postJson(String module, String path, String json) {
        return send("POST", module, path, json.getBytes(StandardCharsets.UTF_8), "application/json", true);
    }

    Answer putJson(String module, String path, String json) {
        return send("PUT", module, path, json.getBytes(StandardCharsets.UTF_8), "application/json", true);
    }

    /** A GET whose answer must be 200; answers its JSON. */
    JsonNode read(String module, String path) {
        Answer a = get(module, path);
        if (a.status() != 200) {
            throw new IllegalStateException("GET " + module + path + ": " + a.summary());
        }
        return a.json();
    }

    /** A write that must succeed (2xx); answers its JSON. */
    JsonNode write(String method, String module, String path, String json) {
        Answer a = send(method, module, path, json.getBytes(StandardCharsets.UTF_8), "application/json", true);
        if (!a.ok()) {
            throw new IllegalStateException(method + " " + module + path + ": " + a.summary());
        }
        return a.json();
    }

    /** Sends a request and answers what came back; never throws (a failure is in {@link Answer#failure()}). */
    Answer send(String method, String module, String path, byte[] body, String contentType, boolean authorized) {
        return send(method, module, path, body, contentType, authorized, Duration.ofSeconds(60), false);
    }

    Answer send(String method, String module, String path, byte[] body, String contentType, boolean authorized,
                Duration timeout, boolean expectContinue) {
        return send(method, module, path, body, contentType, authorized, timeout, expectContinue, Map.of());
    }

    /** @param headers further request headers, such as {@code Content-Encoding}; an {@code Authorization} among them replaces the module's */
    Answer send(String method, String module, String path, byte[] body, String contentType, boolean authorized,
                Duration timeout, boolean expectContinue, Map<String, String> headers) {
        long t0 = System.nanoTime();
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(module) + path)).timeout(timeout)
                    .expectContinue(expectContinue)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            if (authorized && !headers.containsKey("Authorization")) {
                b.header("Authorization", bearer(module));
            }
            headers.forEach(b::header);
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null),
                    new String(r.body(), StandardCharsets.UTF_8), System.nanoTime() - t0, null, r.body());
        } catch (IOException | RuntimeException e) {
            return new Answer(-1, null, null, System.nanoTime() - t0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, null, null, System.nanoTime() - t0, e);
        }
    }

    /** A read-only {@code SERVICE} token for {@code /prometheus}, signed with this run's secret. */
    String serviceBearer() {
        String secret = env.get("KPI_JWT_SECRET");
        return secret == null ? ServiceBearer.development() : ServiceBearer.signedWith(secret);
    }

    /** A Prometheus counter {@code kpi_ingest_items_total{stream,outcome}} of a module (0 when absent). */
    long ingestCounter(String module, String stream, String outcome) {
        Answer a;
        try {
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url(module) + "/prometheus"))
                    .header("Authorization", serviceBearer()).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            a = new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(), System.nanoTime() - t0, null);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("GET " + module + "/prometheus", e);
        }
        if (a.status() != 200) {
            throw new IllegalStateException("GET " + module + "/prometheus: " + a.summary());
        }
        return (long) PrometheusText.sum(a.body(), "kpi_ingest_items_total", "stream=\"" + stream + "\"",
                "outcome=\"" + outcome + "\"");
    }

    /**
     * Runs one query on a stopped service's H2 file database with the H2 shell shipped in its own jar; answers the
     * columns of the first row. The service must be stopped (the database file is locked while it runs).
     */
    List<String> h2Query(String module, String sql) throws Exception {
        if (isRunning(module)) {
            throw new IllegalStateException(module + " is running; stop it before reading its database");
        }
        String url = "jdbc:h2:file:" + work.resolve("data").resolve(DATABASES.get(module))
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar(module).toString(), "org.h2.tools.Shell", "-url", url, "-user", "sa", "-password", "",
                "-sql", sql).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("H2 shell failed on " + module + ": " + out);
        }
        String[] lines = out.strip().split("\\R");
        if (lines.length < 2) {
            throw new IllegalStateException("H2 shell answered: " + out);
        }
        List<String> columns = new ArrayList<>();
        for (String c : lines[1].split("\\|")) {
            columns.add(c.trim());
        }
        return columns;
    }

    @Override
    public void close() {
        destroyAll();
        // The databases can be large after a long run; the logs stay. -Dreliability.keepData=true keeps them too.
        if (!Boolean.getBoolean("reliability.keepData")) {
            Path data = work.resolve("data");
            if (Files.isDirectory(data)) {
                try (java.util.stream.Stream<Path> files = Files.walk(data)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    System.out.println("could not delete " + data + ": " + e);
                }
            }
        }
    }

    private void destroyAll() {
        for (ServiceProcess p : processes.values()) {
            if (p.isAlive()) {
                // a frozen process ignores SIGTERM until it is continued
                try {
                    new ProcessBuilder("kill", "-CONT", String.valueOf(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // best effort
                }
                p.terminate();
            }
        }
        for (ServiceProcess p : processes.values()) {
            try {
                p.awaitExit(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                p.process().destroyForcibly();
            }
        }
    }

    /** A started platform thread. */
    static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static boolean shortForm(String[] args) {
        for (String a : args) {
            if (a.equals("short") || a.equals("--short")) {
                return true;
            }
        }
        return Boolean.getBoolean("reliability.short");
    }

    /** A JSON string literal. */
    static String q(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static String abbreviate(String s, int max) {
        if (s == null) {
            return "null";
        }
        StringBuilder printable = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // control and bidirectional-override characters would garble a terminal: shown escaped
            if (c != '\n' && (c < 0x20 || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))) {
                printable.append(String.format("\\u%04X", (int) c));
            } else {
                printable.append(c);
            }
        }
        String one = printable.toString().replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max) + "…(" + s.length() + " chars)";
    }
}
