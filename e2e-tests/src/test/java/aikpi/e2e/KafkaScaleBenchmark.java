package aikpi.e2e;

import aikpi.kafka.KafkaTestBroker;
import aikpi.testing.PostgresTestServer;
import aikpi.testing.launch.ServiceLauncher;
import aikpi.testing.launch.ServiceProcess;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * tongyi's usage from Kafka into PostgreSQL as production runs it (issue 32, item 5), measured from outside: a real
 * broker ({@link KafkaTestBroker}) with a topic of {@value #PARTITIONS} partitions, a fresh PostgreSQL database, and
 * the shipped jar started by {@link ServiceLauncher} as one, then two replicas in one consumer group. Usage
 * CloudEvents (binary content mode, OpenTelemetry GenAI data, random UUID ids, {@value #CUSTOMERS_DEFAULT} customers,
 * 8 models, the last 30 days) are produced while the replicas consume; every few seconds it prints what each replica
 * stored (its {@code kpi_ingest_items_total{stream="kafka"}}) and the group's lag (committed against end offsets).
 *
 * <ol>
 * <li><b>Paths compared</b> on replica A alone, the same events each round: JSON batches ({@code POST
 * /api/v1/usage/events}, {@code bench.senders} senders, batches of {@code bench.batch}), CloudEvents batches over
 * HTTP, and Kafka records, produced while A is frozen ({@code kill -STOP}) and timed from its thaw until A has stored
 * them all; medians of the per-round ratios against the JSON path.</li>
 * <li><b>One replica</b>, then <b>two</b>: 40% of {@code bench.events} each; events/s per replica and in total.</li>
 * <li><b>kill -9</b> of one of the two replicas when 40% of the last 20% is stored: the time until the other holds
 * every partition, and the duplicates its replay met.</li>
 * </ol>
 * After each phase, once the group's lag is 0, the raw table and each rollup are checked against what was sent (events
 * and both token sums: every event once), and the database's bytes per event are printed; the dead-letter topic must
 * stay empty. Exits 1 when a count differs.
 *
 * <pre>
 * mvn -B -q package -DskipTests
 * mvn -B -q -pl e2e-tests test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=aikpi.e2e.KafkaScaleBenchmark [-Dbench.events=1000000]
 * </pre>
 * Knobs: {@code bench.events} (10,000,000), {@code bench.customers}, {@code bench.rounds} (3, after a warm-up round),
 * {@code bench.roundEvents} (100,000), {@code bench.batch} (5,000), {@code bench.senders} (2), {@code bench.sampleSeconds}
 * (5), {@code bench.env} (extra service configuration, {@code K=V,K2=V2}, e.g. {@code TONGYI_KAFKA_MAX_POLL_RECORDS=10000}),
 * {@code bench.database} ({@code aikpi_kafka_scale}, dropped at the end unless {@code bench.keepDatabase=true}).
 * PostgreSQL is {@link PostgresTestServer}'s (127.0.0.1:5432, user postgres, unless told otherwise).
 */
public final class KafkaScaleBenchmark {

    private static final int PARTITIONS = 8;
    private static final int CUSTOMERS_DEFAULT = 1_000;
    private static final long EVENTS = Long.getLong("bench.events", 10_000_000L);
    private static final int CUSTOMERS = Integer.getInteger("bench.customers", CUSTOMERS_DEFAULT);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int ROUND_EVENTS = Integer.getInteger("bench.roundEvents", 100_000);
    private static final int BATCH = Integer.getInteger("bench.batch", 5_000);
    private static final int SENDERS = Integer.getInteger("bench.senders", 2);
    private static final long SAMPLE_MS = 1_000L * Long.getLong("bench.sampleSeconds", 5L);
    private static final String DATABASE = System.getProperty("bench.database", "aikpi_kafka_scale");
    private static final String TOPIC = "tongyi.usage";
    private static final String DEAD_LETTERS = "tongyi.usage.dlq";
    private static final String GROUP = "tongyi-service";
    private static final String WRITER = "tongyi-writer";
    private static final String PASSWORD = "kpi-dev";
    private static final List<String> MODELS = List.of("qwen3-235b-a22b", "qwen3-32b", "qwen3-8b", "qwen-max",
            "qwen-plus", "qwen-turbo", "qwen2.5-vl-72b", "qwen3-coder-480b");
    /** Where the events come from: the CloudEvents source, a few gateways. */
    private static final List<String> SOURCES = List.of("//gateway/cn-hangzhou", "//gateway/cn-beijing",
            "//gateway/ap-singapore", "//gateway/eu-frankfurt");
    private static final long WINDOW_SECONDS = Duration.ofDays(30).toSeconds();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Path work;
    private final String servers;
    private final Admin admin;
    private final String databaseUrl;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Books books = new Books();
    private final List<Replica> launched = new ArrayList<>();
    private final long started = System.nanoTime();
    private boolean countsDiffer;
    private int consumersPerReplica;

    private KafkaScaleBenchmark(Path work, String servers, Admin admin, String databaseUrl) {
        this.work = work;
        this.servers = servers;
        this.admin = admin;
        this.databaseUrl = databaseUrl;
    }

    public static void main(String[] args) throws Exception {
        Path root = ServiceLauncher.suiteRoot();
        Path target = root.resolve("e2e-tests").resolve("target");
        Files.createDirectories(target);
        Path work = Files.createTempDirectory(target, "kafka-scale-");
        int status;
        try (KafkaTestBroker broker = KafkaTestBroker.start(work.resolve("kafka"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1), new NewTopic(DEAD_LETTERS, 1, (short) 1)))
                    .all().get();
            String url = PostgresTestServer.freshDatabase(DATABASE);
            KafkaScaleBenchmark bench = new KafkaScaleBenchmark(work, broker.bootstrapServers(), admin, url);
            status = bench.run(root);
        } finally {
            if (!Boolean.getBoolean("bench.keepDatabase")) {
                dropDatabase();
            }
            deleteTree(work);
        }
        System.exit(status);
    }

    private int run(Path root) throws Exception {
        env.put("KAFKA_BOOTSTRAP_SERVERS", servers);
        env.put("TONGYI_DB_URL", databaseUrl);
        env.put("TONGYI_DB_USER", PostgresTestServer.user());
        env.put("TONGYI_DB_PASSWORD", PostgresTestServer.password());
        String extra = System.getProperty("bench.env", "").trim();
        if (!extra.isEmpty()) {
            for (String kv : extra.split(",(?=[A-Z_]+=)")) { // a value may hold commas
                int eq = kv.indexOf('=');
                env.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        long perPhase = (long) (EVENTS * 0.4);
        long killPhase = EVENTS - 2 * perPhase;
        System.out.printf("Kafka scale benchmark: %,d usage CloudEvents (binary mode, UUID ids) in phases of %,d (1 replica), "
                        + "%,d (2 replicas), %,d (2 replicas, one killed -9); topic %s with %d partitions, group %s; "
                        + "%,d customers x %d models; PostgreSQL %s; service configuration beyond the defaults: %s%n",
                EVENTS, perPhase, perPhase, killPhase, TOPIC, PARTITIONS, GROUP, CUSTOMERS, MODELS.size(), databaseUrl,
                env.keySet().stream().filter(k -> !k.startsWith("TONGYI_DB_") && !k.equals("KAFKA_BOOTSTRAP_SERVERS")).toList());

        try {
            Replica a = start(root, "a");
            consumersPerReplica = awaitGroup(0);
            seed(a);
            compare(a);
            stream("1 replica", List.of(a), perPhase, false);
            Replica b = start(root, "b");
            awaitGroup(2 * consumersPerReplica);
            stream("2 replicas", List.of(a, b), perPhase, false);
            stream("2 replicas, one killed -9", List.of(a, b), killPhase, true);
        } finally {
            for (Replica r : launched) {
                r.process.stop(Duration.ofSeconds(60));
            }
        }
        System.out.printf("%nTOTAL   %,d events checked; counts %s; harness time %.0f s%n", books.events.get(),
                countsDiffer ? "DIFFER (see above)" : "exact after every phase", seconds(started));
        return countsDiffer ? 1 : 0;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The replicas

    /** One tongyi process of the group, with what its counters said at the start of the current phase. */
    private final class Replica {
        final String name;
        final ServiceProcess process;
        final String bearer;
        long[] last = {0, 0};

        Replica(String name, ServiceProcess process, String bearer) {
            this.name = name;
            this.process = process;
            this.bearer = bearer;
        }

        /** Events accepted and duplicates met from Kafka, so far ({@link #last} once the process is gone). */
        long[] counters() {
            if (!process.isAlive()) {
                return last;
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(process.url() + "/prometheus"))
                        .header("Authorization", ServiceBearer.development()).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long accepted = 0;
                long duplicates = 0;
                for (String line : r.body().split("\n")) {
                    if (line.startsWith("kpi_ingest_items_total{") && line.contains("stream=\"kafka\"")) {
                        long v = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                        if (line.contains("outcome=\"accepted\"")) {
                            accepted = v;
                        } else if (line.contains("outcome=\"duplicate\"")) {
                            duplicates = v;
                        }
                    }
                }
                last = new long[] {accepted, duplicates};
            } catch (IOException e) {
                // killed between the check and the call: keep the last figures
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return last;
        }

        long stored() {
            long[] c = counters();
            return c[0] + c[1];
        }
    }

    private Replica start(Path root, String name) throws Exception {
        Path dir = Files.createDirectories(work.resolve("replica-" + name));
        ServiceLauncher launcher = ServiceLauncher.of(root, "tongyi-service").directory(dir)
                .log(dir.resolve("service.log"), true).environment(env);
        ServiceProcess process = launcher.start();
        Duration up = process.awaitHealthy(Duration.ofMinutes(3), Duration.ofMillis(250));
        System.out.printf("replica %s: %s healthy after %.1f s (pid %d, log %s)%n", name, process.url(),
                up.toMillis() / 1e3, process.pid(), dir.resolve("service.log"));
        Replica replica = new Replica(name, process, "Bearer " + process.signIn(WRITER, PASSWORD));
        launched.add(replica);
        return replica;
    }

    /**
     * Waits until the group is stable with {@code members} consumers (0: any number) that together hold every
     * partition, the same for 3 s; answers the number of consumers (a replica runs {@code TONGYI_KAFKA_THREADS}).
     */
    private int awaitGroup(int members) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        List<Integer> seen = List.of();
        int same = 0;
        while (true) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            List<Integer> shares = shares(group);
            boolean complete = group.state() == ConsumerGroupState.STABLE && shares.stream().allMatch(n -> n > 0)
                    && shares.stream().mapToInt(Integer::intValue).sum() == PARTITIONS
                    && (members == 0 || shares.size() == members);
            same = complete && shares.equals(seen) ? same + 1 : 0;
            seen = shares;
            if (same >= 12) {
                System.out.printf("group %s: %d consumers, partitions %s%n", GROUP, shares.size(), shares);
                return shares.size();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the group did not settle with " + members + " consumers: " + shares);
            }
            Thread.sleep(250);
        }
    }

    private static List<Integer> shares(ConsumerGroupDescription group) {
        return group.members().stream().map(m -> m.assignment().topicPartitions().size()).toList();
    }

    /** The number of partitions each member of the group holds now. */
    private List<Integer> assignment() throws Exception {
        return shares(admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP));
    }

    private void seed(Replica a) throws Exception {
        for (String m : MODELS) {
            send(a, "PUT", "/api/v1/models/" + m, """
                    {"family":"qwen","vendor":"Alibaba","displayName":"%s","openSource":true,"releaseDate":"2025-04-29"}"""
                    .formatted(m));
        }
        for (int from = 0; from < CUSTOMERS; from += 10_000) {
            StringBuilder b = new StringBuilder("[");
            for (int c = from; c < Math.min(CUSTOMERS, from + 10_000); c++) {
                String kind = c % 10 == 0 ? "INVESTEE" : c % 10 == 1 ? "INTERNAL" : "EXTERNAL";
                b.append(c > from ? "," : "").append("""
                        {"customerId":"%s","name":"Customer %d","kind":"%s",%s"onboardedOn":"2025-01-01"}"""
                        .formatted(customer(c), c, kind, kind.equals("INTERNAL") ? "\"businessUnit\":\"unit-" + c % 8 + "\"," : ""));
            }
            send(a, "POST", "/api/v1/customers", b.append(']').toString());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The events

    /** One usage event as its producer knows it. */
    private record Usage(String id, String source, String customer, String model, Instant at, long in, long out) {
    }

    /** Events from a seeded random stream: UUID ids, a random customer, model and gateway, a time in the last 30 days. */
    private static final class Events {
        private final SplittableRandom random;
        private final Instant now = Instant.now();

        Events(long seed) {
            random = new SplittableRandom(seed);
        }

        Usage next() {
            long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
            long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new Usage(new UUID(msb, lsb).toString(), SOURCES.get(random.nextInt(SOURCES.size())),
                    customer(random.nextInt(CUSTOMERS)), MODELS.get(random.nextInt(MODELS.size())),
                    now.minusSeconds(random.nextLong(WINDOW_SECONDS)), 50 + random.nextInt(4_000), 20 + random.nextInt(2_000));
        }
    }

    private static String customer(int c) {
        return String.format("customer-%05d", c);
    }

    /** What was sent and acknowledged: the figures the database must show. */
    private static final class Books {
        final AtomicLong events = new AtomicLong();
        final AtomicLong in = new AtomicLong();
        final AtomicLong out = new AtomicLong();

        void add(Usage u) {
            events.incrementAndGet();
            in.addAndGet(u.in());
            out.addAndGet(u.out());
        }
    }

    private static CloudEvent cloudEvent(Usage u) {
        return CloudEventBuilder.v1().withId(u.id()).withSource(URI.create(u.source())).withType("gen_ai.client.token.usage")
                .withSubject(u.customer()).withTime(OffsetDateTime.ofInstant(u.at(), ZoneOffset.UTC))
                .withDataContentType("application/json").withData(data(u).getBytes(StandardCharsets.UTF_8)).build();
    }

    private static String data(Usage u) {
        return "{\"gen_ai.request.model\":\"" + u.model() + "\",\"gen_ai.usage.input_tokens\":" + u.in()
                + ",\"gen_ai.usage.output_tokens\":" + u.out() + "}";
    }

    private static byte[] jsonBatch(List<Usage> rows) {
        StringBuilder b = new StringBuilder(rows.size() * 200).append('[');
        for (Usage u : rows) {
            b.append(b.length() > 1 ? "," : "").append("{\"eventId\":\"").append(u.id()).append("\",\"customerId\":\"")
                    .append(u.customer()).append("\",\"modelId\":\"").append(u.model()).append("\",\"occurredAt\":\"")
                    .append(u.at()).append("\",\"inputTokens\":").append(u.in()).append(",\"outputTokens\":")
                    .append(u.out()).append('}');
        }
        return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] cloudEventBatch(List<Usage> rows) {
        StringBuilder b = new StringBuilder(rows.size() * 360).append('[');
        for (Usage u : rows) {
            b.append(b.length() > 1 ? "," : "").append("{\"specversion\":\"1.0\",\"id\":\"").append(u.id())
                    .append("\",\"source\":\"").append(u.source()).append("/http\",\"type\":\"gen_ai.client.token.usage\",")
                    .append("\"subject\":\"").append(u.customer()).append("\",\"time\":\"").append(u.at())
                    .append("\",\"datacontenttype\":\"application/json\",\"data\":").append(data(u)).append('}');
        }
        return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private KafkaProducer<String, CloudEvent> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", CloudEventSerializer.ENCODING_CONFIG, "BINARY"),
                new StringSerializer(), new CloudEventSerializer());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Phase 1: the three paths on the same events

    private void compare(Replica a) throws Exception {
        System.out.printf("%n== paths compared on replica A: %d rounds of %,d events after a warm-up round; HTTP with %d "
                + "senders, batches of %,d; Kafka produced while A is frozen, timed from its thaw ==%n", ROUNDS,
                ROUND_EVENTS, SENDERS, BATCH);
        double[] json = new double[ROUNDS];
        double[] cloud = new double[ROUNDS];
        double[] kafka = new double[ROUNDS];
        double[] cloudRatio = new double[ROUNDS];
        double[] kafkaRatio = new double[ROUNDS];
        try (KafkaProducer<String, CloudEvent> producer = producer()) {
            for (int round = -1; round < ROUNDS; round++) {
                Events source = new Events(7_000 + round);
                List<Usage> rows = new ArrayList<>(ROUND_EVENTS);
                for (int i = 0; i < ROUND_EVENTS; i++) {
                    rows.add(source.next());
                }
                double j = post(a, "/api/v1/usage/events", "application/json", rows, KafkaScaleBenchmark::jsonBatch);
                double c = post(a, "/api/v1/usage/cloudevents", "application/cloudevents-batch+json", rows,
                        KafkaScaleBenchmark::cloudEventBatch);
                double k = consumeFrozen(a, producer, rows);
                System.out.printf("  round %s: JSON batches %,.0f events/s; CloudEvents over HTTP %,.0f events/s (%.2f x); "
                        + "Kafka %,.0f events/s (%.2f x)%n", round < 0 ? "warm-up" : String.valueOf(round + 1), j, c, c / j,
                        k, k / j);
                if (round >= 0) {
                    json[round] = j;
                    cloud[round] = c;
                    kafka[round] = k;
                    cloudRatio[round] = c / j;
                    kafkaRatio[round] = k / j;
                }
            }
        }
        System.out.printf("PATHS   JSON batches %,.0f events/s | CloudEvents HTTP %,.0f events/s, median ratio %.2f x "
                        + "(target >= 0.8) | Kafka, one replica %,.0f events/s, median ratio %.2f x (target >= 1.0)%n",
                median(json), median(cloud), median(cloudRatio), median(kafka), median(kafkaRatio));
        awaitDrained(Duration.ofMinutes(2));
        check("paths compared");
    }

    /** Sends the rows over HTTP in batches with {@link #SENDERS} senders; answers events/s. */
    private double post(Replica a, String path, String type, List<Usage> rows,
                        java.util.function.Function<List<Usage>, byte[]> body) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += BATCH) {
            bodies.add(body.apply(rows.subList(i, Math.min(rows.size(), i + BATCH))));
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                senders.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < bodies.size(); ) {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(a.process.url() + path))
                                .header("Authorization", a.bearer).header("Content-Type", type)
                                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200 || !r.body().contains("\"duplicates\":0")) {
                            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : senders) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double rate = rows.size() / seconds(t0);
        rows.forEach(books::add);
        return rate;
    }

    /** Produces the rows while A is frozen, thaws it and answers the rate at which it stores them. */
    private double consumeFrozen(Replica a, KafkaProducer<String, CloudEvent> producer, List<Usage> rows) throws Exception {
        long before = a.stored();
        signal(a, "-STOP");
        long t0;
        try {
            List<Future<?>> acks = new ArrayList<>(rows.size());
            for (Usage u : rows) {
                acks.add(producer.send(new ProducerRecord<>(TOPIC, u.customer(), cloudEvent(u))));
            }
            for (Future<?> f : acks) {
                f.get();
            }
            rows.forEach(books::add);
        } finally {
            t0 = System.nanoTime();
            signal(a, "-CONT");
        }
        long deadline = t0 + Duration.ofMinutes(5).toNanos();
        while (a.stored() - before < rows.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("replica A stored " + (a.stored() - before) + " of " + rows.size()
                        + " Kafka events in 5 minutes");
            }
            Thread.sleep(100);
        }
        return rows.size() / seconds(t0);
    }

    private static void signal(Replica r, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, String.valueOf(r.process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill " + signal + " " + r.process.pid() + " failed");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Phases 2 and 3: a stream into the group

    private void stream(String label, List<Replica> replicas, long count, boolean kill) throws Exception {
        System.out.printf("%n== %s: %,d events produced while %d replica(s) consume%s ==%n", label, count, replicas.size(),
                kill ? "; replica " + replicas.get(replicas.size() - 1).name + " killed -9 when 40% is stored" : "");
        Map<Replica, long[]> from = new LinkedHashMap<>();
        for (Replica r : replicas) {
            from.put(r, r.counters().clone());
        }
        long[] sizesBefore = sizes();
        long eventsBefore = books.events.get();
        AtomicLong produced = new AtomicLong();
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long t0 = System.nanoTime();
        AtomicLong producerNanos = new AtomicLong();
        Thread producer = new Thread(() -> {
            Events events = new Events(label.hashCode());
            try (KafkaProducer<String, CloudEvent> p = producer()) {
                for (long i = 0; i < count && failure.get() == null; i++) {
                    Usage u = events.next();
                    p.send(new ProducerRecord<>(TOPIC, u.customer(), cloudEvent(u)), (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        } else {
                            books.add(u);
                            produced.incrementAndGet();
                        }
                    });
                }
                p.flush();
            } catch (Exception e) {
                failure.compareAndSet(null, e);
            } finally {
                producerNanos.set(System.nanoTime() - t0);
                producing.set(false);
            }
        }, "usage-producer");
        producer.start();

        Replica victim = kill ? replicas.get(replicas.size() - 1) : null;
        long killedAt = -1;
        double takeover = -1;
        long lastSample = 0;
        List<String> lagSeries = new ArrayList<>();
        long lag;
        long deadline = System.nanoTime() + Duration.ofMinutes(Math.max(20, count / 5_000 / 60 * 3)).toNanos();
        while (true) {
            Thread.sleep(1_000);
            long now = System.nanoTime();
            lag = lag();
            long stored = 0;
            for (Replica r : replicas) {
                stored += r.stored() - from.get(r)[0] - from.get(r)[1];
            }
            if (victim != null && killedAt < 0 && stored >= count * 0.4) {
                victim.counters();
                victim.process.kill9();
                killedAt = now;
                System.out.printf("  t=%4.0f s  KILL -9 replica %s (pid %d) after %,d of the phase's events were stored%n",
                        seconds(t0), victim.name, victim.process.pid(), stored);
            }
            if (killedAt > 0 && takeover < 0) {
                List<Integer> shares = assignment();
                if (shares.size() == consumersPerReplica && shares.stream().mapToInt(Integer::intValue).sum() == PARTITIONS) {
                    takeover = (now - killedAt) / 1e9;
                    System.out.printf("  t=%4.0f s  the survivor's %d consumer(s) hold all %d partitions %s, %.1f s after the kill%n",
                            seconds(t0), consumersPerReplica, PARTITIONS, shares, takeover);
                }
            }
            boolean done = !producing.get() && lag == 0;
            if (now - lastSample >= SAMPLE_MS * 1_000_000L || done) {
                lastSample = now;
                StringBuilder line = new StringBuilder(String.format("  t=%4.0f s  produced %,11d  lag %,10d", seconds(t0),
                        produced.get(), lag));
                for (Replica r : replicas) {
                    line.append(String.format("  %s %,11d%s", r.name, r.stored() - from.get(r)[0] - from.get(r)[1],
                            r.process.isAlive() ? "" : " (dead)"));
                }
                System.out.println(line);
                lagSeries.add(String.format("%.0fs:%,d", seconds(t0), lag));
            }
            if (done) {
                break;
            }
            if (failure.get() != null) {
                throw new IllegalStateException("the producer failed", failure.get());
            }
            if (now > deadline) {
                throw new IllegalStateException(label + ": the stream did not drain in time (lag " + lag + ")");
            }
        }
        producer.join();
        double elapsed = seconds(t0);
        StringBuilder rates = new StringBuilder();
        long total = 0;
        for (Replica r : replicas) {
            long[] c = r.counters();
            long duplicates = c[1] - from.get(r)[1];
            long n = c[0] - from.get(r)[0] + duplicates;
            total += n;
            rates.append(String.format("%s %,.0f events/s (%,d read, %,d of them duplicates%s); ", r.name, n / elapsed, n,
                    duplicates, r.process.isAlive() ? "" : ", until killed"));
        }
        System.out.printf("STREAM  %s: %,d events in %.1f s (producer done after %.1f s, %,.0f events/s): %s"
                        + "total %,.0f events/s%n", label, count, elapsed, producerNanos.get() / 1e9,
                count / (producerNanos.get() / 1e9), rates, total / elapsed);
        System.out.printf("LAG     %s (every %d s): %s%n", label, SAMPLE_MS / 1000, String.join("  ", lagSeries));
        if (victim != null) {
            System.out.printf("KILL    replica %s killed -9 mid-stream; the other held all %d partitions %.1f s later; "
                    + "replayed records met as duplicates: %,d%n", victim.name, PARTITIONS, takeover,
                    replicas.get(0).counters()[1] - from.get(replicas.get(0))[1]);
        }
        long[] sizesAfter = sizes();
        long events = books.events.get() - eventsBefore;
        System.out.printf("BYTES   %s: database +%,d bytes for %,d events = %,.0f bytes/event (raw table %,.0f, rollups %,.0f)%n",
                label, sizesAfter[0] - sizesBefore[0], events, (double) (sizesAfter[0] - sizesBefore[0]) / events,
                (double) (sizesAfter[1] - sizesBefore[1]) / events, (double) (sizesAfter[2] - sizesBefore[2]) / events);
        check(label);
    }

    /** Records of the topic the group has not committed yet. */
    private long lag() throws Exception {
        return ConsumerLag.of(admin, GROUP, TOPIC, PARTITIONS);
    }

    private void awaitDrained(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (lag() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the group still lags " + lag() + " records after " + limit);
            }
            Thread.sleep(250);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The database

    /** Whole database, the raw usage table (all its partitions, indexes included), the three rollups: bytes. */
    private long[] sizes() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            return new long[] {single(st, "SELECT pg_database_size(current_database())"), relationSize(st, "usage_event"),
                    relationSize(st, "usage_daily") + relationSize(st, "usage_monthly") + relationSize(st, "usage_day_total")};
        }
    }

    /** A table's bytes with its indexes and TOAST; for a partitioned table, those of all its partitions. */
    private static long relationSize(Statement st, String table) throws SQLException {
        return single(st, "SELECT CASE WHEN c.relkind = 'p' THEN (SELECT COALESCE(SUM(pg_total_relation_size(t.relid)), 0) "
                + "FROM pg_partition_tree(c.oid) t) ELSE pg_total_relation_size(c.oid) END FROM pg_class c WHERE c.oid = '"
                + table + "'::regclass");
    }

    /** Every event once: the raw table and each rollup hold exactly what was sent; the dead-letter topic is empty. */
    private void check(String label) throws Exception {
        long[] expected = {books.events.get(), books.in.get(), books.out.get()};
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("raw", "SELECT COUNT(*), SUM(input_tokens), SUM(output_tokens) FROM usage_event");
        queries.put("daily", "SELECT SUM(events), SUM(input_tokens), SUM(output_tokens) FROM usage_daily");
        queries.put("monthly", "SELECT SUM(events), SUM(input_tokens), SUM(output_tokens) FROM usage_monthly");
        queries.put("day totals", "SELECT SUM(events), SUM(input_tokens), SUM(output_tokens) FROM usage_day_total");
        List<String> found = new ArrayList<>();
        boolean equal = true;
        long size;
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (var q : queries.entrySet()) {
                try (ResultSet rs = st.executeQuery(q.getValue())) {
                    rs.next();
                    long[] got = {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
                    equal &= Arrays.equals(got, expected);
                    found.add(q.getKey() + " " + Arrays.toString(got));
                }
            }
            size = relationSize(st, "usage_event");
        }
        long deadLetters = admin.listOffsets(Map.of(new TopicPartition(DEAD_LETTERS, 0), OffsetSpec.latest())).all().get()
                .values().iterator().next().offset();
        equal &= deadLetters == 0;
        countsDiffer |= !equal;
        System.out.printf("COUNTS  %s: sent [events, input, output] %s; %s; dead letters %d: %s | raw table %,.0f bytes/event "
                        + "(%,d MB)%n", label, Arrays.toString(expected), String.join("; ", found), deadLetters,
                equal ? "EXACT" : "DIFFER", (double) size / expected[0], size >> 20);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(databaseUrl, PostgresTestServer.user(), PostgresTestServer.password());
    }

    private static long single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void dropDatabase() {
        try (Connection c = DriverManager.getConnection(PostgresTestServer.serverUrl() + "postgres",
                PostgresTestServer.user(), PostgresTestServer.password()); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop " + DATABASE + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void send(Replica a, String method, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(a.process.url() + path))
                .header("Authorization", a.bearer).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2)).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
