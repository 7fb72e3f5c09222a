package aikpi.tongyi.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import aikpi.security.Roles;
import aikpi.testing.TestTokens;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark harness for the usage hot path (not a test). Starts tongyi-service on a fresh file database and, in one
 * run: (1) loads the same usage events through the HTTP batch API and through a plain JDBC batch insert into a table
 * of the same shape in the same database, alternating, and prints both rates and their ratio (medians over rounds);
 * (2) fills the database to {@code bench.totalEvents} events through the HTTP API and prints the latency of usage
 * summaries and of the KPI endpoint over a quarter (median and p90 over repeated calls).
 *
 * <p>Run: {@code mvn -B -q -pl tongyi-service test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=aikpi.tongyi.bench.UsageIngestBenchmark} (add e.g. {@code -Dbench.totalEvents=1000000} for a
 * short run).
 */
public final class UsageIngestBenchmark {

    private static final int BATCH = Integer.getInteger("bench.batch", 10_000);
    private static final int ROUND_EVENTS = Integer.getInteger("bench.roundEvents", 200_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final long TOTAL_EVENTS = Long.getLong("bench.totalEvents", 10_000_000L);
    private static final int CUSTOMERS = Integer.getInteger("bench.customers", 200);
    private static final int MODELS = Integer.getInteger("bench.models", 5);
    private static final int QUERY_RUNS = Integer.getInteger("bench.queryRuns", 21);
    private static final int LOAD_THREADS = Integer.getInteger("bench.loadThreads", 2);
    /** Events are spread over 2025-Q1 (UTC instants; the service cuts them in Asia/Shanghai). */
    private static final Instant QUARTER_START = Instant.parse("2025-01-01T00:00:00Z");
    private static final long QUARTER_SECONDS = Duration.ofDays(89).toSeconds();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String authorization;

    private UsageIngestBenchmark(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("tongyi-bench");
        System.out.printf("tongyi usage benchmark: batch=%d, round=%d events x %d rounds, total=%d events, "
                + "%d customers x %d models, database in %s%n", BATCH, ROUND_EVENTS, ROUNDS, TOTAL_EVENTS, CUSTOMERS,
                MODELS, dir);
        String url = "jdbc:h2:file:" + dir.resolve("tongyi") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", url,
                "micronaut.server.port", -1,
                "micronaut.server.max-request-size", "64MB",
                "logger.levels.root", "WARN"))) {
            UsageIngestBenchmark bench = new UsageIngestBenchmark(server.getURI(),
                    server.getApplicationContext().getBean(TestTokens.class).bearer(Roles.TONGYI_WRITER));
            bench.seedCustomersAndModels();
            // Plain JDBC: a connection of its own to the same database, no framework in between.
            bench.compareHttpWithRawJdbc(() -> DriverManager.getConnection(url, "sa", ""));
            bench.fillAndQuery();
        }
    }

    private void seedCustomersAndModels() throws Exception {
        for (int m = 0; m < MODELS; m++) {
            send("PUT", "/api/v1/models/bench-model-" + m, """
                    {"family":"bench","vendor":"Alibaba","displayName":"bench %d","openSource":true}""".formatted(m));
        }
        for (int c = 0; c < CUSTOMERS; c++) {
            String kind = c % 10 == 0 ? "INVESTEE" : "EXTERNAL";
            send("PUT", "/api/v1/customers/bench-customer-" + c, """
                    {"name":"bench %d","kind":"%s","onboardedOn":"2024-12-01"}""".formatted(c, kind));
        }
    }

    /** Opens plain JDBC connections. */
    @FunctionalInterface
    private interface ConnectionSource {
        Connection getConnection() throws SQLException;
    }

    /** Synthetic event rows, reproducible from the seed. */
    private record Row(String eventId, String customerId, String modelId, Instant at, long in, long out) {
    }

    /**
     * Events as a metering platform sends them: in time order across the quarter (event {@code n} of the whole run
     * at its share of the quarter, with up to ten minutes of jitter), each from a random customer and model.
     */
    private static List<Row> rows(String prefix, long from, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double secondsPerEvent = (double) QUARTER_SECONDS / Math.max(TOTAL_EVENTS, from + count);
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long n = from + i;
            rows.add(new Row(prefix + n, "bench-customer-" + random.nextInt(CUSTOMERS),
                    "bench-model-" + random.nextInt(MODELS),
                    QUARTER_START.plusSeconds((long) (n * secondsPerEvent) + random.nextInt(600)),
                    50 + random.nextInt(4_000), 20 + random.nextInt(2_000)));
        }
        return rows;
    }

    private static byte[] json(List<Row> rows) {
        StringBuilder b = new StringBuilder(rows.size() * 160).append('[');
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"eventId\":\"").append(r.eventId()).append("\",\"customerId\":\"").append(r.customerId())
                    .append("\",\"modelId\":\"").append(r.modelId()).append("\",\"occurredAt\":\"").append(r.at())
                    .append("\",\"inputTokens\":").append(r.in()).append(",\"outputTokens\":").append(r.out()).append('}');
        }
        return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void compareHttpWithRawJdbc(ConnectionSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE usage_event_raw (event_id VARCHAR(128) PRIMARY KEY, customer_id VARCHAR(64) NOT NULL,
                    model_id VARCHAR(64) NOT NULL, occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
                    input_tokens BIGINT NOT NULL, output_tokens BIGINT NOT NULL)""");
        }
        double[] httpRates = new double[ROUNDS];
        double[] rawRates = new double[ROUNDS];
        double[] ratios = new double[ROUNDS];
        // Round 0 warms both paths up (class loading, JIT) and is not counted.
        for (int round = -1; round < ROUNDS; round++) {
            List<Row> rows = rows("cmp-" + (round + 1) + "-", (long) (round + 1) * ROUND_EVENTS, ROUND_EVENTS, 1_000 + round);
            List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < rows.size(); i += BATCH) {
                bodies.add(json(rows.subList(i, Math.min(rows.size(), i + BATCH))));
            }
            long t0 = System.nanoTime();
            rawInsert(dataSource, rows);
            double raw = rate(rows.size(), System.nanoTime() - t0);
            t0 = System.nanoTime();
            for (byte[] body : bodies) {
                String answer = post("/api/v1/usage/events", body);
                if (!answer.contains("\"accepted\":" + BATCH) && !answer.contains("\"duplicates\":0")) {
                    throw new IllegalStateException("unexpected answer " + answer);
                }
            }
            double http = rate(rows.size(), System.nanoTime() - t0);
            System.out.printf("  round %s: raw JDBC %,.0f events/s, HTTP batch API %,.0f events/s, ratio %.2f%n",
                    round < 0 ? "warm-up" : String.valueOf(round + 1), raw, http, http / raw);
            if (round >= 0) {
                rawRates[round] = raw;
                httpRates[round] = http;
                ratios[round] = http / raw;
            }
        }
        double http = median(httpRates);
        double raw = median(rawRates);
        System.out.printf("INGEST  HTTP batch API: %,.0f events/s | plain JDBC batch insert: %,.0f events/s | "
                + "median of the per-round ratios HTTP/raw = %.2f (%d rounds of %,d events after a warm-up round)%n",
                http, raw, median(ratios), ROUNDS, ROUND_EVENTS);
    }

    private static void rawInsert(ConnectionSource dataSource, List<Row> rows) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO usage_event_raw (event_id, customer_id, model_id, occurred_at, input_tokens, output_tokens)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < rows.size(); i++) {
                    Row r = rows.get(i);
                    ps.setString(1, r.eventId());
                    ps.setString(2, r.customerId());
                    ps.setString(3, r.modelId());
                    ps.setObject(4, OffsetDateTime.ofInstant(r.at(), ZoneOffset.UTC));
                    ps.setLong(5, r.in());
                    ps.setLong(6, r.out());
                    ps.addBatch();
                    if ((i + 1) % BATCH == 0 || i == rows.size() - 1) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
            c.setAutoCommit(true);
        }
    }

    private void fillAndQuery() throws Exception {
        long already = (long) (ROUNDS + 1) * ROUND_EVENTS;
        long remaining = Math.max(0, TOTAL_EVENTS - already);
        long batches = (remaining + BATCH - 1) / BATCH;
        AtomicLong next = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(LOAD_THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < LOAD_THREADS; t++) {
            workers.add(pool.submit(() -> {
                for (long b; (b = next.getAndIncrement()) < batches; ) {
                    int size = (int) Math.min(BATCH, remaining - b * BATCH);
                    post("/api/v1/usage/events", json(rows("fill-", already + b * BATCH, size, b)));
                    long done = sent.addAndGet(size);
                    if (done % 1_000_000 < size) {
                        System.out.printf("  filled %,d of %,d events%n", done + already, TOTAL_EVENTS);
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        System.out.printf("FILL    %,d events over HTTP with %d senders at %,.0f events/s%n", remaining, LOAD_THREADS,
                rate(remaining, System.nanoTime() - t0));

        String total = get("/api/v1/usage/summary?period=2025-Q1");
        System.out.println("  quarter total: " + total);
        for (String q : List.of("/api/v1/usage/summary?period=2025-Q1",
                "/api/v1/usage/summary?period=2025-Q1&groupBy=customer",
                "/api/v1/usage/summary?period=2025-Q1&groupBy=model",
                "/api/v1/usage/summary?period=2025-Q1&groupBy=customerKind",
                "/api/v1/usage/summary?period=2025-Q1&groupBy=day",
                "/api/v1/kpis?period=2025-Q1")) {
            for (int i = 0; i < 3; i++) {
                get(q);
            }
            double[] ms = new double[QUERY_RUNS];
            for (int i = 0; i < QUERY_RUNS; i++) {
                // The same query for another quarter first, so that the database cannot hand back the result it
                // computed for the previous call: every timed call really sums the rollup.
                get(q.replace("2025-Q1", "2024-Q4"));
                long s = System.nanoTime();
                get(q);
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("QUERY   %-60s median %6.1f ms  p90 %6.1f ms  (%d calls over %,d events)%n", q,
                    median(ms), ms[(int) Math.ceil(0.9 * ms.length) - 1], QUERY_RUNS, TOTAL_EVENTS);
        }
    }

    private String post(String path, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private void send(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static double rate(long events, long nanos) {
        return events / (nanos / 1e9);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
