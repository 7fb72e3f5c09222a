package aikpi.tongyi.bench;

import static org.awaitility.Awaitility.await;

import aikpi.kafka.KafkaTestBroker;
import aikpi.security.Roles;
import aikpi.testing.EventIds;
import aikpi.testing.ShippedRun;
import aikpi.testing.TestTokens;
import aikpi.vocabulary.Sha256;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.configuration.kafka.ConsumerRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Benchmark harness for the usage hot path (not a test). Starts tongyi-service in-process with its shipped
 * configuration (the shipped default datasource URL of {@code application.yml}, file moved into a fresh temporary
 * directory; see {@link ShippedRun}, whose report heads the output) and, in one run:
 * <ol>
 * <li>loads the same usage events through the HTTP batch API and through a plain JDBC batch insert into a table of
 * the same shape in the same database (a connection with the same URL, so the same settings, {@code WRITE_DELAY=0}
 * included), and the same events as CloudEvents batches ({@code POST /api/v1/usage/cloudevents}, OpenTelemetry's
 * GenAI shape), the three taking turns batch by batch, and prints the rates and the ratios of the HTTP batch API to
 * the plain insert and of CloudEvents to the HTTP batch API (medians over rounds); then the same events once more as
 * CloudEvents records (binary content mode) on a Kafka topic of a real broker ({@link KafkaTestBroker}), produced
 * while the service's consumers run, as a live stream, and timed from the first send until the last of them is
 * stored, and the ratio of that path to the JSON batch API;</li>
 * <li>fills the database through the HTTP API to each checkpoint (1 million, then 10 million events) and at each
 * prints the number of rollup rows and the latency of the usage summary in every grouping (total, customer, model,
 * customerKind, businessUnit, day) and of {@code /kpis} over the quarter: median and p90 of 21 calls, each preceded
 * by the same call for another quarter so that no cached result can answer it.</li>
 * </ol>
 * Every event has a random id (a UUID, as producers send: {@link EventIds}); the comparison sends each round once more
 * with sequential ids (the round's prefix and the event's number), and at each checkpoint alternating rounds of either kind
 * are sent over HTTP (the PROBE line), so what random ids cost stands beside the figures, in the same run.
 *
 * <p>Events arrive in passes, one per checkpoint, each in time order across the whole quarter 2025-Q1, so every
 * checkpoint measures a full quarter: with 1,000 customers × 1 model the first million events already fill about
 * 90,000 daily rollup rows (one per customer, model and day).
 *
 * <p>Run: {@code mvn -B -q -pl tongyi-service test-compile exec:java -Dexec.mainClass=aikpi.tongyi.bench.UsageIngestBenchmark}
 * ({@code -Dbench.short=true} stops at the first checkpoint, 1 million events). Knobs: {@code bench.checkpoints}
 * (1000000,10000000), {@code bench.customers} (1000), {@code bench.models} (1), {@code bench.rounds} (5),
 * {@code bench.roundEvents} (25000, sent as JSON batches, as CloudEvents batches and as Kafka records, with either
 * kind of id; the comparison must fit in the first checkpoint), {@code bench.probeRounds} (3),
 * {@code bench.probeEvents} (50000), {@code bench.compareBatch} (5000: the comparison's batches),
 * {@code bench.kafkaPartitions} (4), {@code bench.batch} (10000: the fill's),
 * {@code bench.queryRuns} (21), {@code bench.loadThreads} (2), {@code bench.maxMinutes} (40: the fill stops there and
 * the figures are for what was sent).
 */
public final class UsageIngestBenchmark {

    private static final boolean SHORT = Boolean.getBoolean("bench.short");
    private static final int BATCH = Integer.getInteger("bench.batch", 10_000);
    private static final int ROUND_EVENTS = Integer.getInteger("bench.roundEvents", 25_000);
    private static final int COMPARE_BATCH = Integer.getInteger("bench.compareBatch", 5_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final long[] CHECKPOINTS = checkpoints();
    private static final int CUSTOMERS = Integer.getInteger("bench.customers", 1_000);
    private static final int MODELS = Integer.getInteger("bench.models", 1);
    private static final int QUERY_RUNS = Integer.getInteger("bench.queryRuns", 21);
    private static final int KAFKA_PARTITIONS = Integer.getInteger("bench.kafkaPartitions", 4);
    private static final String KAFKA_TOPIC = "bench.tongyi.usage";
    private static final int LOAD_THREADS = Integer.getInteger("bench.loadThreads", 2);
    private static final int PROBE_ROUNDS = Integer.getInteger("bench.probeRounds", 3);
    private static final int PROBE_EVENTS = Integer.getInteger("bench.probeEvents", 50_000);
    private static final Duration FILL_BUDGET = Duration.ofMinutes(Long.getLong("bench.maxMinutes", 40L));
    /** Every 10th customer is an investee, every 10th (from the 2nd) internal: a business unit of {@link #UNITS}. */
    private static final int UNITS = 8;
    /** Events are spread over 2025-Q1 (UTC instants; the service cuts them in Asia/Shanghai). */
    private static final Instant QUARTER_START = Instant.parse("2025-01-01T00:00:00Z");
    private static final long QUARTER_SECONDS = Duration.ofDays(89).toSeconds();
    private static final List<String> GROUPINGS = List.of("total", "customer", "model", "customerKind", "businessUnit", "day");
    private static final double TARGET_MS = 100;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String authorization;
    private final String url;
    /** Query → checkpoint events → {median, p90}. */
    private final Map<String, Map<Long, double[]>> results = new LinkedHashMap<>();

    private KafkaPath kafka;

    private UsageIngestBenchmark(URI base, String authorization, String url) {
        this.base = base;
        this.authorization = authorization;
        this.url = url;
    }

    private static long[] checkpoints() {
        String text = System.getProperty("bench.checkpoints", SHORT ? "1000000" : "1000000,10000000");
        long[] c = Arrays.stream(text.split(",")).map(String::trim).mapToLong(Long::parseLong).sorted().toArray();
        Long total = Long.getLong("bench.totalEvents");
        if (total != null) { // the older knob: stop there
            c = Stream.concat(Arrays.stream(c).boxed().filter(x -> x < total), Stream.of(total)).mapToLong(Long::longValue).toArray();
        }
        return SHORT ? new long[] {c[0]} : c;
    }

    public static void main(String[] args) throws Exception {
        // Each round sends its events three times (as JSON batches, as CloudEvents batches and as Kafka records), once
        // with random ids and once with sequential ones.
        long compared = 3L * EventIds.values().length * (ROUNDS + 1) * ROUND_EVENTS;
        if (compared > CHECKPOINTS[0]) {
            throw new IllegalArgumentException("the comparison sends " + compared + " events, more than the first checkpoint ("
                    + CHECKPOINTS[0] + "): lower bench.roundEvents or bench.rounds");
        }
        Path dir = Files.createTempDirectory("tongyi-bench");
        KafkaTestBroker broker = KafkaTestBroker.shared();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(KAFKA_TOPIC, KAFKA_PARTITIONS, (short) 1))).all().get();
        }
        ShippedRun shipped = new ShippedRun("tongyi-service", "TONGYI_DB_URL", dir)
                .differs("micronaut.server.port", "-1 (a free loopback port) instead of 8081, so the run never meets a running suite")
                .differs("kafka.enabled", "true, as KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers() + " makes it (a local "
                        + "single-node broker of kafka-test-broker), topic " + KAFKA_TOPIC + " with " + KAFKA_PARTITIONS + " partitions");
        System.out.printf("tongyi usage benchmark%s: batch=%d, comparison %d rounds of %,d events in batches of %,d "
                        + "after a warm-up round, checkpoints %s events, %d customers x %d models over 2025-Q1, %d senders, database in %s%n",
                SHORT ? " (short: stops at the first checkpoint)" : "", BATCH, ROUNDS, ROUND_EVENTS, COMPARE_BATCH,
                Arrays.toString(CHECKPOINTS), CUSTOMERS, MODELS, LOAD_THREADS, dir);
        try (ApplicationContext context = ApplicationContext.builder()
                .defaultEnvironments("dev") // as TongyiApplication starts
                .properties(Map.of("datasources.default.url", shipped.url(), "micronaut.server.port", -1,
                        "kafka.enabled", true, "kafka.bootstrap.servers", broker.bootstrapServers(),
                        "kpi.usage.kafka.topic", KAFKA_TOPIC))
                .start()) {
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            shipped.report(context);
            System.out.println("plain JDBC baseline: a connection of its own with the same URL (" + shipped.url()
                    + "), so the same settings, WRITE_DELAY=0 included, into a table of usage_event's shape in the same database");
            UsageIngestBenchmark bench = new UsageIngestBenchmark(server.getURI(),
                    context.getBean(TestTokens.class).bearer(Roles.TONGYI_WRITER), shipped.url());
            bench.kafka = new KafkaPath(context, broker.bootstrapServers());
            bench.seedCustomersAndModels();
            bench.compareHttpWithRawJdbc(() -> DriverManager.getConnection(shipped.url(), "sa", ""));
            bench.fillAndQuery(compared);
            server.stop();
        } finally {
            System.out.printf("database size on disk: %,d MB (deleted)%n", ShippedRun.sizeOnDisk(dir) / (1024 * 1024));
            ShippedRun.deleteTree(dir);
        }
        System.exit(0);
    }

    private void seedCustomersAndModels() throws Exception {
        for (int m = 0; m < MODELS; m++) {
            send("PUT", "/api/v1/models/bench-model-" + m, """
                    {"family":"bench","vendor":"Alibaba","displayName":"bench %d","openSource":true}""".formatted(m));
        }
        for (int from = 0; from < CUSTOMERS; from += BATCH) {
            StringBuilder b = new StringBuilder("[");
            for (int c = from; c < Math.min(CUSTOMERS, from + BATCH); c++) {
                String kind = c % 10 == 0 ? "INVESTEE" : c % 10 == 1 ? "INTERNAL" : "EXTERNAL";
                b.append(c > from ? "," : "").append("""
                        {"customerId":"bench-customer-%d","name":"bench %d","kind":"%s",%s"onboardedOn":"2024-12-01"}"""
                        .formatted(c, c, kind, kind.equals("INTERNAL") ? "\"businessUnit\":\"bench-unit-" + (c / 10) % UNITS + "\"," : ""));
            }
            send("POST", "/api/v1/customers", b.append(']').toString());
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
     * When event {@code n} (of the whole run) happened: events come in one pass per checkpoint, each pass in time
     * order across the whole quarter, so that every checkpoint holds a full quarter of usage.
     */
    private static long secondOf(long n) {
        long from = 0;
        for (long to : CHECKPOINTS) {
            if (n < to) {
                return (long) ((double) (n - from) * QUARTER_SECONDS / (to - from));
            }
            from = to;
        }
        return QUARTER_SECONDS - 1;
    }

    /**
     * Events as a metering platform sends them: in time order (up to ten minutes of jitter), random customer and model,
     * ids of the given kind ({@code prefix} and the event's number make them).
     */
    private static List<Row> rows(EventIds ids, String prefix, long from, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long n = from + i;
            rows.add(new Row(ids.id(prefix, n), "bench-customer-" + random.nextInt(CUSTOMERS),
                    "bench-model-" + random.nextInt(MODELS), QUARTER_START.plusSeconds(secondOf(n) + random.nextInt(600)),
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

    /** The same events as CloudEvents 1.0 in OpenTelemetry's GenAI shape (one event per call, both counts). */
    private static byte[] cloudEvents(List<Row> rows) {
        StringBuilder b = new StringBuilder(rows.size() * 320).append('[');
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"specversion\":\"1.0\",\"id\":\"").append(r.eventId())
                    .append("\",\"source\":\"//bench/gateway\",\"type\":\"gen_ai.client.token.usage\",\"subject\":\"")
                    .append(r.customerId()).append("\",\"time\":\"").append(r.at())
                    .append("\",\"datacontenttype\":\"application/json\",\"data\":{\"gen_ai.request.model\":\"")
                    .append(r.modelId()).append("\",\"gen_ai.usage.input_tokens\":").append(r.in())
                    .append(",\"gen_ai.usage.output_tokens\":").append(r.out()).append("}}");
        }
        return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void compareHttpWithRawJdbc(ConnectionSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE usage_event_raw (occurred_at TIMESTAMP WITH TIME ZONE NOT NULL, event_key BYTEA NOT NULL,
                    customer_id VARCHAR(64) NOT NULL, model_id VARCHAR(64) NOT NULL,
                    input_tokens BIGINT NOT NULL, output_tokens BIGINT NOT NULL, PRIMARY KEY (occurred_at, event_key))""");
            try (ResultSet rs = st.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                System.out.println("  WRITE_DELAY in effect on the baseline's connection: " + (rs.next() ? rs.getString(1) : "(not reported)"));
            }
        }
        EventIds[] kinds = EventIds.values();
        // [kind][path][round]: the rates of the raw JDBC insert, the JSON batch API, CloudEvents batches and Kafka.
        double[][][] rates = new double[kinds.length][4][ROUNDS];
        // Round 0 warms every path up (class loading, JIT) and is not counted. Each round sends its events with random
        // ids, then other events with sequential ids, over every path.
        for (int round = -1; round < ROUNDS; round++) {
            for (EventIds kind : kinds) {
                long first = ((long) (round + 1) * kinds.length + kind.ordinal()) * ROUND_EVENTS;
                List<Row> rows = rows(kind, "cmp-" + (round + 1) + "-", first, ROUND_EVENTS, 1_000 + round);
                double[] r = comparisonRound(dataSource, rows);
                System.out.printf("  round %s, %s: raw JDBC %,.0f events/s, HTTP batch API %,.0f events/s, ratio %.2f; "
                                + "CloudEvents batches %,.0f events/s, %.2f x the JSON batch API; Kafka %,.0f events/s, %.2f x (%s)%n",
                        round < 0 ? "warm-up" : String.valueOf(round + 1), kind.label(), r[0], r[1], r[1] / r[0], r[2],
                        r[2] / r[1], r[3], r[3] / r[1], kafka.lastPolls());
                for (int path = 0; round >= 0 && path < r.length; path++) {
                    rates[kind.ordinal()][path][round] = r[path];
                }
            }
        }
        for (EventIds kind : kinds) {
            double[][] k = rates[kind.ordinal()];
            double[] ratios = ratios(k[1], k[0]);
            double[] sortedRatios = ratios.clone();
            Arrays.sort(sortedRatios);
            System.out.printf("INGEST  %s: HTTP batch API %,.0f events/s | plain JDBC batch insert %,.0f events/s | "
                            + "median of the per-round ratios HTTP/raw = %.2f (rounds %.2f-%.2f; %d rounds of %,d events after "
                            + "a warm-up round)%n", kind.label(), median(k[1]), median(k[0]), median(ratios), sortedRatios[0],
                    sortedRatios[ROUNDS - 1], ROUNDS, ROUND_EVENTS);
            System.out.printf("INGEST  %s: CloudEvents batches (application/cloudevents-batch+json, OpenTelemetry shape) "
                    + "%,.0f events/s | median of the per-round ratios CloudEvents/JSON batch = %.2f%n", kind.label(),
                    median(k[2]), median(ratios(k[2], k[1])));
            System.out.printf("INGEST  %s: Kafka (binary CloudEvents, %d partitions, %s consumers, polls of up to %s records) "
                    + "%,.0f events/s | median of the per-round ratios Kafka/JSON batch = %.2f%n", kind.label(),
                    KAFKA_PARTITIONS, kafka.consumers(), kafka.pollRecords(), median(k[3]), median(ratios(k[3], k[1])));
        }
        System.out.printf("INGEST  random / sequential ids, medians of the per-round ratios: raw JDBC %.2f, HTTP batch API %.2f, "
                        + "CloudEvents %.2f, Kafka %.2f%n", median(ratios(rates[0][0], rates[1][0])),
                median(ratios(rates[0][1], rates[1][1])), median(ratios(rates[0][2], rates[1][2])),
                median(ratios(rates[0][3], rates[1][3])));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE usage_event_raw");
        }
        System.out.println("  (the baseline's table is dropped: the summaries below run on the service's own tables alone)");
    }

    /**
     * One round's events over every path: the rates of the raw JDBC insert, the JSON batch API, CloudEvents, Kafka. The
     * first three take turns batch by batch (the order rotating), so that a busy moment of the machine falls on all of
     * them alike; Kafka's records are produced and consumed as a whole after them.
     */
    private double[] comparisonRound(ConnectionSource dataSource, List<Row> rows) throws Exception {
        long[] nanos = new long[3];
        for (int i = 0, b = 0; i < rows.size(); i += COMPARE_BATCH, b++) {
            List<Row> batch = rows.subList(i, Math.min(rows.size(), i + COMPARE_BATCH));
            byte[] body = json(batch);
            // The same events again as CloudEvents (their identity is (source, id), so they are new events).
            byte[] events = cloudEvents(batch);
            for (int k = 0; k < 3; k++) {
                int path = (b + k) % 3;
                long t0 = System.nanoTime();
                String answer = switch (path) {
                    case 0 -> {
                        rawInsert(dataSource, batch);
                        yield "\"duplicates\":0";
                    }
                    case 1 -> post("/api/v1/usage/events", body);
                    default -> post("/api/v1/usage/cloudevents", events, "application/cloudevents-batch+json");
                };
                nanos[path] += System.nanoTime() - t0;
                if (!answer.contains("\"duplicates\":0")) {
                    throw new IllegalStateException("unexpected answer " + answer);
                }
            }
        }
        return new double[] {rate(rows.size(), nanos[0]), rate(rows.size(), nanos[1]), rate(rows.size(), nanos[2]),
            kafka.consume(rows)};
    }

    private static double[] ratios(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    /**
     * The Kafka path: a round's events are produced while the service's consumer is paused (not timed), then the
     * consumer is resumed and timed until the service's own counter of events accepted from Kafka has grown by all of
     * them, which it does after each poll's transaction has committed.
     */
    private static final class KafkaPath {
        private final ConsumerRegistry consumers;
        private final Counter accepted;
        private final DistributionSummary polls;
        private final Timer pollTime;
        private final KafkaProducer<String, byte[]> producer;
        private final String pollRecords;
        private String lastPolls = "";

        KafkaPath(ApplicationContext context, String servers) {
            this.consumers = context.getBean(ConsumerRegistry.class);
            this.accepted = context.getBean(MeterRegistry.class).get("kpi.ingest.items").tag("stream", "kafka")
                    .tag("outcome", "accepted").counter();
            this.polls = context.getBean(MeterRegistry.class).get("kpi.ingest.kafka.poll.records").summary();
            this.pollTime = context.getBean(MeterRegistry.class).get("kpi.ingest.kafka.poll.time").timer();
            this.pollRecords = context.getProperty("kpi.usage.kafka.max-poll-records", String.class).orElse("?");
            this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 20),
                    new StringSerializer(), new ByteArraySerializer());
        }

        String pollRecords() {
            return pollRecords;
        }

        /** The last round's polls: how many, their mean size and the mean time of each poll's transaction. */
        String lastPolls() {
            return lastPolls;
        }

        int consumers() {
            return consumers.getConsumerIds().size();
        }

        /**
         * Produces the rows while the consumers run, as a live stream arrives, and times them from the first send to the
         * last event stored (a paused consumer would add the wait of its idle poll to every round). The records are
         * encoded before the clock starts (binary mode, by the SDK's Kafka writer), as the HTTP paths' bodies are: what
         * is timed is the bytes' way through the broker and the service, not the benchmark's own encoding.
         */
        double consume(List<Row> rows) throws Exception {
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>(rows.size());
            for (Row r : rows) {
                CloudEvent e = CloudEventBuilder.v1().withId(r.eventId()).withSource(URI.create("//bench/kafka"))
                        .withType("gen_ai.client.token.usage").withSubject(r.customerId())
                        .withTime(OffsetDateTime.ofInstant(r.at(), ZoneOffset.UTC)).withDataContentType("application/json")
                        .withData(("{\"gen_ai.request.model\":\"" + r.modelId() + "\",\"gen_ai.usage.input_tokens\":" + r.in()
                                + ",\"gen_ai.usage.output_tokens\":" + r.out() + "}").getBytes(StandardCharsets.UTF_8))
                        .build();
                records.add(KafkaMessageFactory.createWriter(KAFKA_TOPIC, null, null, r.customerId()).writeBinary(e));
            }
            double before = accepted.count();
            long pollsBefore = polls.count();
            double recordsBefore = polls.totalAmount();
            double pollNanosBefore = pollTime.totalTime(TimeUnit.NANOSECONDS);
            long t0 = System.nanoTime();
            List<Future<?>> sent = new ArrayList<>(rows.size());
            for (ProducerRecord<String, byte[]> record : records) {
                sent.add(producer.send(record));
            }
            for (Future<?> f : sent) {
                f.get();
            }
            try {
                await().atMost(Duration.ofMinutes(5)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                        .until(() -> accepted.count() - before >= rows.size());
            } catch (ConditionTimeoutException notStored) {
                throw new IllegalStateException("Kafka: " + (long) (accepted.count() - before) + " of " + rows.size()
                        + " events stored after 5 minutes", notStored);
            }
            long elapsed = System.nanoTime() - t0;
            long n = Math.max(1, polls.count() - pollsBefore);
            lastPolls = String.format("%d polls of %,.0f records on average, %.1f ms each", polls.count() - pollsBefore,
                    (polls.totalAmount() - recordsBefore) / n,
                    (pollTime.totalTime(TimeUnit.NANOSECONDS) - pollNanosBefore) / n / 1e6);
            return rate(rows.size(), elapsed);
        }
    }

    private static void rawInsert(ConnectionSource dataSource, List<Row> rows) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO usage_event_raw (event_key, customer_id, model_id, occurred_at, input_tokens, output_tokens)
                    VALUES (?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < rows.size(); i++) {
                    Row r = rows.get(i);
                    // The key usage_event stores: the SHA-256 of the id, beside the instant.
                    ps.setBytes(1, Sha256.digest().digest(r.eventId().getBytes(StandardCharsets.UTF_8)));
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

    private void fillAndQuery(long compared) throws Exception {
        long deadline = System.nanoTime() + FILL_BUDGET.toNanos();
        long stored = compared;
        for (long checkpoint : CHECKPOINTS) {
            long reached = fill(stored, checkpoint, deadline);
            measure(reached, checkpoint);
            stored = probe(reached, checkpoint);
            if (reached < checkpoint) {
                System.out.printf("  the fill reached the %d-minute bound (bench.maxMinutes) at %,d events; later checkpoints skipped%n",
                        FILL_BUDGET.toMinutes(), reached);
                break;
            }
        }
        System.out.printf("%nSUMMARY of the quarter 2025-Q1 (median / p90 of %d calls, result cache defeated; target < %.0f ms)%n",
                QUERY_RUNS, TARGET_MS);
        List<Long> measured = results.values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted().toList();
        StringBuilder header = new StringBuilder(String.format("  %-14s", "groupBy"));
        measured.forEach(n -> header.append(String.format("  %-25s", String.format("%,d events", n))));
        System.out.println(header);
        results.forEach((q, byCount) -> {
            StringBuilder line = new StringBuilder(String.format("  %-14s", q));
            for (long n : measured) {
                double[] r = byCount.get(n);
                line.append(r == null ? String.format("  %-25s", "-") : String.format("  %7.1f / %7.1f ms %s", r[0], r[1],
                        q.equals("/kpis") ? "     " : r[0] < TARGET_MS ? "met  " : "MISS "));
            }
            System.out.println(line);
        });
    }

    /** Sends events {@code from} up to {@code to} over HTTP, with random ids; answers how many events are stored then. */
    private long fill(long from, long to, long deadline) throws Exception {
        long sent = (long) send(EventIds.RANDOM, "fill-", from, to, deadline, true)[0];
        return from + sent;
    }

    /**
     * At a checkpoint: more events with random ids, then as many with sequential ones, alternating for
     * {@code bench.probeRounds} rounds, and the rates side by side: what each kind of id costs at this size.
     * Answers how many events are stored then.
     */
    private long probe(long from, long checkpoint) throws Exception {
        EventIds[] kinds = EventIds.values();
        double[][] rates = new double[kinds.length][PROBE_ROUNDS];
        long stored = from;
        for (int round = 0; round < PROBE_ROUNDS; round++) {
            for (EventIds kind : kinds) {
                rates[kind.ordinal()][round] = send(kind, "probe-" + checkpoint + "-" + round + "-", stored,
                        stored + PROBE_EVENTS, Long.MAX_VALUE, false)[1];
                stored += PROBE_EVENTS;
            }
        }
        System.out.printf("PROBE   at %,d events, %d alternating rounds of %,d events each over HTTP with %d senders: "
                        + "%s %,.0f events/s, %s %,.0f events/s; median of the per-round ratios random/sequential = %.2f%n",
                from, PROBE_ROUNDS, PROBE_EVENTS, LOAD_THREADS, kinds[0].label(), median(rates[0]), kinds[1].label(),
                median(rates[1]), median(ratios(rates[0], rates[1])));
        return stored;
    }

    /** Sends events {@code from} up to {@code to} as JSON batches; answers how many were sent and at what rate. */
    private double[] send(EventIds ids, String prefix, long from, long to, long deadline, boolean progress) throws Exception {
        long remaining = Math.max(0, to - from);
        long batches = (remaining + BATCH - 1) / BATCH;
        AtomicLong next = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(LOAD_THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < LOAD_THREADS; t++) {
            workers.add(pool.submit(() -> {
                for (long b; System.nanoTime() < deadline && (b = next.getAndIncrement()) < batches; ) {
                    long first = from + b * BATCH;
                    int size = (int) Math.min(BATCH, to - first);
                    post("/api/v1/usage/events", json(rows(ids, prefix, first, size, first)));
                    long done = sent.addAndGet(size);
                    if (progress && done % 1_000_000 < size) {
                        System.out.printf("  filled %,d of %,d events (%.0f s)%n", from + done, to, (System.nanoTime() - t0) / 1e9);
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        double rate = rate(sent.get(), System.nanoTime() - t0);
        if (progress) {
            System.out.printf("FILL    %,d events over HTTP with %d senders, %s, at %,.0f events/s%n", sent.get(), LOAD_THREADS,
                    ids.label(), rate);
        }
        return new double[] {sent.get(), rate};
    }

    private void measure(long events, long checkpoint) throws Exception {
        System.out.printf("%n== at %,d events%s ==%n", events, events == checkpoint ? "" : " (checkpoint " + checkpoint + " not reached)");
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            System.out.printf("ROLLUPS daily rollup rows (usage_daily: day x customer x model): %,d | monthly rollup rows: %,d | "
                            + "day totals (usage_day_total): %,d | raw events: %,d%n",
                    count(st, "usage_daily"), count(st, "usage_monthly"), count(st, "usage_day_total"), count(st, "usage_event"));
        }
        String total = get("/api/v1/usage/summary?period=2025-Q1");
        System.out.println("  quarter total: " + total);
        if (!total.contains("\"events\":" + events + ",")) {
            throw new IllegalStateException("the quarter's total does not count the " + events + " events sent: " + total);
        }
        List<String> queries = new ArrayList<>();
        for (String g : GROUPINGS) {
            queries.add(g.equals("total") ? "/api/v1/usage/summary?period=2025-Q1" : "/api/v1/usage/summary?period=2025-Q1&groupBy=" + g);
        }
        queries.add("/api/v1/kpis?period=2025-Q1");
        for (int k = 0; k < queries.size(); k++) {
            String q = queries.get(k);
            String name = k < GROUPINGS.size() ? GROUPINGS.get(k) : "/kpis";
            String answer = "";
            for (int i = 0; i < 3; i++) {
                answer = get(q);
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
            double p90 = ms[(int) Math.ceil(0.9 * ms.length) - 1];
            results.computeIfAbsent(name, x -> new LinkedHashMap<>()).put(events, new double[] {median(ms), p90});
            int rows = answer.split("\"key\":", -1).length - 1;
            System.out.printf("QUERY   %-62s median %6.1f ms  p90 %6.1f ms  (%d calls over %,d events%s)%n", q,
                    median(ms), p90, QUERY_RUNS, events, name.equals("/kpis") ? "" : ", " + rows + " rows");
        }
    }

    private static long count(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String post(String path, byte[] body) throws IOException, InterruptedException {
        return post(path, body, "application/json");
    }

    private String post(String path, byte[] body, String contentType) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", authorization)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private void send(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2))
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
