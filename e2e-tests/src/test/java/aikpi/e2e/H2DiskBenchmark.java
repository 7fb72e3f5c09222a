package aikpi.e2e;

import aikpi.testing.EventIds;
import aikpi.testing.launch.ServiceLauncher;
import aikpi.testing.launch.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * The embedded H2 database's file during a long ingest: the service started from its jar by the shipped launcher on
 * the shipped default URL, {@code bench.events} events with random ids (UUIDs, as real producers send) posted over
 * HTTP in batches by {@code bench.senders} senders (tongyi: usage events of 50 customers and 5 models; quark: app opens
 * of 2 million users; times in arrival order over a quarter, each up to a minute late, or scattered with
 * {@code bench.scatteredTimes}), printing at every {@code bench.report-every} events the file's size, the window's
 * rate and its slowest batch. At the end: the file while the service runs, after its clean stop, and after {@code SHUTDOWN COMPACT}
 * (the live data), and the ratio of the largest size seen to the compacted one. {@code bench.env} passes variables to
 * the service ({@code KPI_H2_COMPACTION_ENABLED=false} measures without the compaction).
 *
 * <pre>
 * mvn -o -B -q package -DskipTests
 * mvn -o -B -q -pl e2e-tests test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=aikpi.e2e.H2DiskBenchmark \
 *     -Dbench.modules=tongyi-service,quark-service -Dbench.events=1000000 [-Dbench.env=KPI_H2_COMPACTION_ENABLED=false]
 * </pre>
 */
public final class H2DiskBenchmark {

    private static final Instant QUARTER_START = Instant.parse("2025-01-01T00:00:00Z");
    private static final boolean SCATTERED_TIMES = Boolean.getBoolean("bench.scatteredTimes");
    private static final long QUARTER_SECONDS = Duration.ofDays(89).toSeconds();

    private H2DiskBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long events = Long.getLong("bench.events", 1_000_000);
        int batch = Integer.getInteger("bench.batch", 5_000);
        int senders = Integer.getInteger("bench.senders", 2);
        long every = Long.getLong("bench.report-every", 500_000);
        Map<String, String> env = new HashMap<>();
        for (String pair : System.getProperty("bench.env", "").split(",")) {
            if (pair.contains("=")) {
                env.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
            }
        }
        for (String module : System.getProperty("bench.modules", "tongyi-service,quark-service").split(",")) {
            run(module.trim(), events, batch, senders, every, env);
        }
    }

    private static void run(String module, long events, int batch, int senders, long every, Map<String, String> env)
            throws Exception {
        String name = module.substring(0, module.indexOf('-'));
        boolean tongyi = name.equals("tongyi");
        Path dir = Files.createTempDirectory("h2disk-" + name);
        Path file = dir.resolve("data").resolve(name + ".mv.db");
        ServiceLauncher launcher = ServiceLauncher.of(ServiceLauncher.suiteRoot(), module).directory(dir)
                .log(dir.resolve("service.log"), true).environment(env);
        System.out.printf("%s: %,d events with random ids, batches of %,d, %d senders, service environment %s, in %s%n",
                module, events, batch, senders, env, dir);
        long maxSize = 0;
        long running;
        double rate;
        try (ServiceProcess service = launcher.start()) {
            service.awaitHealthy(Duration.ofMinutes(5), Duration.ofMillis(250));
            String bearer = "Bearer " + service.signIn(tongyi ? "tongyi-writer" : "quark-writer", "kpi-dev");
            HttpClient setup = client();
            if (tongyi) {
                for (int m = 0; m < IngestLoad.MODELS; m++) {
                    send(setup, launcher.url(), bearer, "PUT", "/api/v1/models/bench-model-" + m,
                            "{\"family\":\"bench\",\"vendor\":\"Alibaba\",\"displayName\":\"bench " + m
                                    + "\",\"openSource\":true}");
                }
                for (int c = 0; c < IngestLoad.CUSTOMERS; c++) {
                    send(setup, launcher.url(), bearer, "PUT", "/api/v1/customers/bench-customer-" + c,
                            "{\"name\":\"bench " + c + "\",\"kind\":\"EXTERNAL\",\"onboardedOn\":\"2024-12-01\"}");
                }
            } else {
                send(setup, launcher.url(), bearer, "PUT", "/api/v1/apps/quark",
                        "{\"name\":\"Quark\",\"businessUnit\":\"quark\",\"launchedOn\":\"2016-06-01\"}");
            }
            String path = tongyi ? "/api/v1/usage/events" : "/api/v1/activity/events";
            long batches = (events + batch - 1) / batch;
            AtomicLong next = new AtomicLong();
            AtomicLong sent = new AtomicLong();
            AtomicLong slowest = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                Thread thread = new Thread(() -> {
                    HttpClient http = client();
                    SplittableRandom random = new SplittableRandom(7L + sender);
                    try {
                        for (long b = next.getAndIncrement(); b < batches && failure.get() == null;
                                b = next.getAndIncrement()) {
                            int size = (int) Math.min(batch, events - b * batch);
                            long first = b * batch;
                            String body = tongyi ? usageEvents(random, first, size, events) : appOpens(random, first, size, events);
                            long t0 = System.nanoTime();
                            send(http, launcher.url(), bearer, "POST", path, body);
                            slowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
                            sent.addAndGet(size);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "h2disk-sender-" + s);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
            long reported = 0;
            long windowStart = start;
            while (threads.stream().anyMatch(Thread::isAlive)) {
                Thread.sleep(200);
                maxSize = Math.max(maxSize, Files.size(file));
                long done = sent.get();
                if (done - reported >= every || done == events && reported < events) {
                    long now = System.nanoTime();
                    System.out.printf("%s: %,11d events, file %,6d MB (largest %,6d MB), %,7.0f events/s in the window,"
                                    + " slowest batch %,6.0f ms%n", module, done, Files.size(file) >> 20, maxSize >> 20,
                            (done - reported) / ((now - windowStart) / 1e9), slowest.getAndSet(0) / 1e6);
                    reported = done;
                    windowStart = now;
                }
            }
            if (failure.get() != null) {
                throw new IllegalStateException("the ingest failed: " + failure.get(), failure.get());
            }
            rate = sent.get() / ((System.nanoTime() - start) / 1e9);
            Thread.sleep(Duration.ofSeconds(Long.getLong("bench.idle-seconds", 0)).toMillis());
            running = Files.size(file);
            maxSize = Math.max(maxSize, running);
            service.stop(Duration.ofMinutes(2));
        }
        long stopped = Files.size(file);
        System.out.printf("%s: after the clean stop, %s%n", module, layout(file));
        String url = "jdbc:h2:file:" + dir.resolve("data").resolve(name)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN COMPACT");
        }
        long compacted = Files.size(file);
        System.out.printf("%s: %,d events at %,.0f events/s; file while running %,d MB, after the clean stop %,d MB,"
                        + " compacted %,d MB; largest %,d MB = %.2f x compacted, at the end %.2f x%n", module, events,
                rate,
                running >> 20, stopped >> 20, compacted >> 20, maxSize >> 20, (double) maxSize / compacted,
                (double) running / compacted);
        if (!Boolean.getBoolean("bench.keep")) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Where the file's bytes are, read from the stopped file by H2's own store: the share of the file's blocks that
     * chunks take (the rest are holes a move or a shrink would give back) and the share of the chunks' bytes that are
     * live pages (the rest is garbage a rewrite of sparse chunks would give back).
     */
    static String layout(Path file) {
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            FileStore<?> fileStore = store.getFileStore();
            return String.format("the file's blocks %d%% in chunks, the chunks' bytes %d%% live pages",
                    fileStore.getFillRate(), fileStore.getChunksFillRate());
        }
    }

    private static String usageEvents(SplittableRandom random, long first, int size, long events) {
        StringBuilder json = new StringBuilder(size * 200).append('[');
        for (int i = 0; i < size; i++) {
            json.append(i == 0 ? "" : ",").append("{\"eventId\":\"").append(EventIds.RANDOM.id("u", first + i))
                    .append("\",\"customerId\":\"bench-customer-").append(random.nextInt(IngestLoad.CUSTOMERS))
                    .append("\",\"modelId\":\"bench-model-").append(random.nextInt(IngestLoad.MODELS))
                    .append("\",\"occurredAt\":\"").append(at(random, first + i, events))
                    .append("\",\"inputTokens\":").append(50 + random.nextInt(4_000))
                    .append(",\"outputTokens\":").append(20 + random.nextInt(2_000)).append('}');
        }
        return json.append(']').toString();
    }

    private static String appOpens(SplittableRandom random, long first, int size, long events) {
        StringBuilder json = new StringBuilder(size * 130).append('[');
        for (int i = 0; i < size; i++) {
            json.append(i == 0 ? "" : ",").append("{\"eventId\":\"").append(EventIds.RANDOM.id("o", first + i))
                    .append("\",\"appId\":\"quark\",\"userId\":\"u").append(random.nextInt(2_000_000))
                    .append("\",\"occurredAt\":\"").append(at(random, first + i, events))
                    .append("\"}");
        }
        return json.append(']').toString();
    }

    /**
     * When event {@code n} happened. As live producers send: the events of the quarter in the order they arrive, each
     * up to a minute late; with {@code -Dbench.scatteredTimes=true}, anywhere in the quarter (a back-fill in no order,
     * the worst case for a key that starts with the time).
     */
    private static Instant at(SplittableRandom random, long n, long events) {
        if (SCATTERED_TIMES) {
            return QUARTER_START.plusSeconds(random.nextLong(QUARTER_SECONDS));
        }
        return QUARTER_START.plusSeconds(Math.max(0, n * QUARTER_SECONDS / events - random.nextInt(60)));
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static void send(HttpClient http, String base, String bearer, String method, String path, String json)
            throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(400, r.body().length())));
        }
    }
}
