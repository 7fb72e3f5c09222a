package aikpi.quark.bench;

import aikpi.platform.store.Transactions;
import aikpi.testing.EventIds;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * The benchmark of quark's two feeds (not a test): starts the service in-process with its shipped configuration (the
 * shipped default datasource URL of {@code application.yml}, its file moved into a fresh temporary directory; see
 * {@link ShippedRun}, whose report heads the output), then in one run:
 * <ol>
 * <li><b>Segment against the native JSON</b>: the same app opens (rounds of {@code bench.roundEvents}, spread over
 * 2025-Q1, users drawn from {@code bench.users}) sent as quark's JSON batches ({@code POST /api/v1/activity/events})
 * and as Segment batches ({@code POST /api/v1/segment/batch}, {@code track "Application Opened"} calls with a mobile
 * SDK's context), to two apps with user ids of their own, so neither path finds the other's users seen; the order
 * alternates by round; events/s of each and their ratio per round, and the median ratio (target ≥ 0.8). Ids (the
 * event id, Segment's {@code messageId}) are random UUIDs, as SDKs send ({@link EventIds}); each round is sent once more
 * with sequential ids, the second figure beside them.</li>
 * <li><b>Daily sketches at scale</b>: an app fed by daily aggregates with {@code bench.population} users (50 million),
 * of whom about {@code bench.dailyActive} (8 million) are active each day, drawn anew each day; the generator builds
 * each of {@code bench.days} (90) days' HLL sketches (active, new, AI users; lgK {@code bench.lgK}, 16) as a pipeline
 * would, PUTs them, and knows the exact counts. It prints the PUT times, the storage per day, the latency of the
 * quarter's metrics of the app and of {@code /kpis} (one warm-up, median of {@code bench.queryRuns}; target under
 * 100 ms) and each estimate beside its exact count, against 3 × the relative standard error the answer states.</li>
 * </ol>
 * Run: {@code mvn -B -q install -DskipTests} then
 * {@code mvn -B -q -pl quark-service test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=aikpi.quark.bench.FeedsBenchmark}
 * ({@code -Dbench.short=true}: 5 million users, 800,000 a day, rounds of 50,000 events).
 */
public final class FeedsBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
    private static final Instant START = FIRST_DAY.atStartOfDay(ZONE).toInstant();
    private static final long QUARTER_MILLIS = Duration.ofDays(90).toMillis();
    private static final String BUNDLE = "com.example.bench";

    private static final boolean SHORT = Boolean.getBoolean("bench.short");
    private final int population = Integer.getInteger("bench.population", SHORT ? 5_000_000 : 50_000_000);
    private final int dailyActive = Integer.getInteger("bench.dailyActive", SHORT ? 800_000 : 8_000_000);
    private final int days = Integer.getInteger("bench.days", 90);
    private final int lgK = Integer.getInteger("bench.lgK", 16);
    private final double aiShare = Double.parseDouble(System.getProperty("bench.aiShare", "0.25"));
    private final int roundEvents = Integer.getInteger("bench.roundEvents", SHORT ? 50_000 : 100_000);
    private final int rounds = Integer.getInteger("bench.rounds", SHORT ? 3 : 5);
    private final int users = Integer.getInteger("bench.users", 200_000);
    private final int batch = Integer.getInteger("bench.batch", 10_000);
    private final int senders = Integer.getInteger("bench.senders", 2);
    private final int queryRuns = Integer.getInteger("bench.queryRuns", 7);

    private BenchmarkedQuark quark;
    private Transactions transactions;

    public static void main(String[] args) throws Exception {
        new FeedsBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf("quark-service feeds benchmark%s, %s%n", SHORT ? " (short)" : "", Instant.now());
        try (BenchmarkedQuark started = BenchmarkedQuark.start("quark-feeds-bench")) {
            quark = started;
            transactions = quark.bean(Transactions.class);
            segmentAgainstJson();
            dailySketches();
        }
    }

    // ---------------------------------------------------------------------------------------------- Segment vs JSON

    private void segmentAgainstJson() throws Exception {
        send("PUT", "/api/v1/apps/native", "{\"name\":\"JSON-fed\",\"businessUnit\":\"quark\",\"launchedOn\":\"2016-06-01\"}");
        send("PUT", "/api/v1/apps/segment", "{\"name\":\"Segment-fed\",\"businessUnit\":\"tongyi-app\",\"launchedOn\":"
                + "\"2016-06-01\",\"bundleIds\":[\"" + BUNDLE + "\"]}");
        System.out.printf("%nSegment batches against quark's JSON batches: %d rounds of %,d app opens each way, batches "
                + "of %,d, %d senders, users from %,d%n", rounds, roundEvents, batch, senders, users);
        // [kind][round]: events/s of quark's JSON batches, of Segment batches. Each round sends its opens with random
        // ids (the figures) and again with sequential ids (the second figure), the kind that goes first alternating:
        // the second finds the users seen.
        EventIds[] kinds = EventIds.values();
        double[][] jsonRates = new double[kinds.length][rounds];
        double[][] segmentRates = new double[kinds.length][rounds];
        for (int r = 0; r < rounds; r++) {
            long first = (long) r * roundEvents;
            for (int k = 0; k < kinds.length; k++) {
                EventIds ids = kinds[r % 2 == 0 ? k : kinds.length - 1 - k];
                List<String> json = new ArrayList<>();
                List<String> segment = new ArrayList<>();
                for (long from = first; from < first + roundEvents; from += batch) {
                    long to = Math.min(first + roundEvents, from + batch);
                    json.add(jsonBatch(ids, from, to));
                    segment.add(segmentBatch(ids, from, to));
                }
                double jsonRate;
                double segmentRate;
                if (r % 2 == 0) {
                    jsonRate = sendAll("/api/v1/activity/events", json);
                    segmentRate = sendAll("/api/v1/segment/batch", segment);
                } else {
                    segmentRate = sendAll("/api/v1/segment/batch", segment);
                    jsonRate = sendAll("/api/v1/activity/events", json);
                }
                jsonRates[ids.ordinal()][r] = jsonRate;
                segmentRates[ids.ordinal()][r] = segmentRate;
                System.out.printf("  round %d (%s first), %s: JSON %,.0f events/s, Segment %,.0f events/s, ratio %.2f%n",
                        r + 1, r % 2 == 0 ? "JSON" : "Segment", ids.label(), jsonRate, segmentRate, segmentRate / jsonRate);
            }
        }
        for (EventIds ids : kinds) {
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                ratios.add(segmentRates[ids.ordinal()][r] / jsonRates[ids.ordinal()][r]);
            }
            ratios.sort(Comparator.naturalOrder());
            System.out.printf("Segment / JSON, %s: median ratio %.2f (rounds %.2f-%.2f; target >= 0.8); mean rates JSON "
                            + "%,.0f, Segment %,.0f events/s%n", ids.label(), median(ratios), ratios.get(0),
                    ratios.get(ratios.size() - 1), Arrays.stream(jsonRates[ids.ordinal()]).average().orElse(0),
                    Arrays.stream(segmentRates[ids.ordinal()]).average().orElse(0));
        }
        List<Double> idRatios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            idRatios.add(jsonRates[EventIds.RANDOM.ordinal()][r] / jsonRates[EventIds.SEQUENTIAL.ordinal()][r]);
        }
        idRatios.sort(Comparator.naturalOrder());
        System.out.printf("JSON batches, random / sequential ids: median ratio %.2f%n", median(idRatios));
        String jsonApp = send("GET", "/api/v1/apps/native/metrics?period=2025-Q1", null);
        String segmentApp = send("GET", "/api/v1/apps/segment/metrics?period=2025-Q1", null);
        System.out.printf("  the two apps' quarters agree: activeUsers %s / %s, dau %s / %s%n", field(jsonApp, "activeUsers"),
                field(segmentApp, "activeUsers"), field(jsonApp, "dau"), field(segmentApp, "dau"));
    }

    private int userOf(long i) {
        return (int) Math.floorMod(mix(i), (long) users);
    }

    private Instant timeOf(long i) {
        return START.plusMillis(i * QUARTER_MILLIS / ((long) rounds * roundEvents));
    }

    private String jsonBatch(EventIds ids, long from, long to) {
        StringBuilder b = new StringBuilder((int) (to - from) * 110).append('[');
        for (long i = from; i < to; i++) {
            b.append(i > from ? "," : "").append("{\"eventId\":\"").append(ids.id("open-", i)).append("\",\"appId\":\"native\",\"userId\":\"n")
                    .append(userOf(i)).append("\",\"occurredAt\":\"").append(timeOf(i)).append("\"}");
        }
        return b.append(']').toString();
    }

    /** The same events as a mobile SDK's Segment calls. */
    private String segmentBatch(EventIds ids, long from, long to) {
        StringBuilder b = new StringBuilder((int) (to - from) * 420).append("{\"batch\":[");
        for (long i = from; i < to; i++) {
            b.append(i > from ? "," : "").append("{\"type\":\"track\",\"event\":\"Application Opened\",\"messageId\":\"")
                    .append(ids.id("open-", i)).append("\",\"userId\":\"s").append(userOf(i))
                    .append("\",\"timestamp\":\"").append(timeOf(i)).append("\",\"context\":{\"app\":{\"namespace\":\"")
                    .append(BUNDLE).append("\",\"name\":\"Bench\",\"version\":\"7.2.0\",\"build\":\"720\"},"
                            + "\"library\":{\"name\":\"analytics-android\",\"version\":\"4.11.3\"},"
                            + "\"os\":{\"name\":\"Android\",\"version\":\"14\"},\"locale\":\"zh-CN\"},"
                            + "\"properties\":{\"from_background\":false}}");
        }
        return b.append("],\"sentAt\":\"").append(timeOf(to)).append("\"}").toString();
    }

    /** Sends the bodies with the senders; answers events per second. */
    private double sendAll(String path, List<String> bodies) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long t0 = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            running.add(pool.submit(() -> {
                for (int b = next.getAndIncrement(); b < bodies.size(); b = next.getAndIncrement()) {
                    send("POST", path, bodies.get(b));
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return roundEvents / ((System.nanoTime() - t0) / 1e9);
    }

    // ---------------------------------------------------------------------------------------------- daily sketches

    private void dailySketches() throws Exception {
        System.out.printf("%nDaily sketches: an app of %,d users, about %,d active a day, %d days from %s, HLL_8 lgK %d "
                + "(a merged estimate's relative standard error %.3f%%)%n", population, dailyActive, days, FIRST_DAY,
                lgK, HllSketch.getRelErr(true, true, lgK, 1) * 100);
        send("PUT", "/api/v1/apps/mass", "{\"name\":\"Mass (synthetic)\",\"businessUnit\":\"taobao\",\"launchedOn\":"
                + "\"2015-01-01\",\"feed\":\"AGGREGATES\"}");
        long activeThreshold = (long) ((double) dailyActive / population * (1L << 40));
        long aiThreshold = (long) (aiShare * (1L << 40));
        BitSet seen = new BitSet(population);
        BitSet aiSeen = new BitSet(population);
        BitSet[] months = new BitSet[3];
        long dailySum = 0;
        List<Double> putMillis = new ArrayList<>();
        long buildNanos = 0;
        long bodyBytes = 0;
        for (int d = 0; d < days; d++) {
            long t0 = System.nanoTime();
            LocalDate day = FIRST_DAY.plusDays(d);
            int month = day.getMonthValue() - 1;
            if (month < months.length && months[month] == null) {
                months[month] = new BitSet(population);
            }
            HllSketch active = new HllSketch(lgK, TgtHllType.HLL_8);
            HllSketch fresh = new HllSketch(lgK, TgtHllType.HLL_8);
            HllSketch ai = new HllSketch(lgK, TgtHllType.HLL_8);
            long dayKey = mix(0x5EEDL + d);
            long activeCount = 0;
            long newCount = 0;
            long aiCount = 0;
            for (int u = 0; u < population; u++) {
                long h = mix(dayKey ^ u);
                if ((h >>> 24) >= activeThreshold) {
                    continue;
                }
                activeCount++;
                active.update(u);
                if (month < months.length) {
                    months[month].set(u);
                }
                if (!seen.get(u)) {
                    seen.set(u);
                    fresh.update(u);
                    newCount++;
                }
                if ((h & ((1L << 24) - 1)) < aiThreshold >>> 16) {
                    ai.update(u);
                    aiSeen.set(u);
                    aiCount++;
                }
            }
            dailySum += activeCount;
            long sessions = 2 * aiCount;
            long resolved = sessions * 6 / 10;
            long abandoned = sessions * 2 / 10;
            long escalated = sessions / 10;
            long rated = sessions / 3;
            long converted = sessions / 10;
            String body = "{\"installs\":" + newCount + ",\"opens\":" + 3 * activeCount + ",\"aiSessions\":{\"sessions\":"
                    + sessions + ",\"turns\":" + 5 * sessions + ",\"agentCalls\":" + sessions + ",\"resolved\":" + resolved
                    + ",\"abandoned\":" + abandoned + ",\"escalated\":" + escalated + ",\"unknown\":"
                    + (sessions - resolved - abandoned - escalated) + ",\"rated\":" + rated + ",\"ratingSum\":" + 4 * rated
                    + ",\"converted\":" + converted + ",\"conversionValueCny\":" + converted * 25 + ".50},\"activeUsers\":\""
                    + base64(active) + "\",\"newUsers\":\"" + base64(fresh) + "\",\"aiUsers\":\"" + base64(ai) + "\"}";
            bodyBytes += body.length();
            long t1 = System.nanoTime();
            buildNanos += t1 - t0;
            send("PUT", "/api/v1/apps/mass/days/" + day, body);
            putMillis.add((System.nanoTime() - t1) / 1e6);
            if ((d + 1) % 15 == 0) {
                System.out.printf("  %d days sent (%,d active users on %s)%n", d + 1, activeCount, day);
            }
        }
        putMillis.sort(Comparator.naturalOrder());
        System.out.printf("building the days' sketches: %.1f s in all (%.2f s a day, %,d users tested a day); PUT a day "
                        + "(%,d KB of JSON on average): median %.0f ms, max %.0f ms%n", buildNanos / 1e9, buildNanos / 1e9 / days,
                population, bodyBytes / days / 1024, median(putMillis), putMillis.get(putMillis.size() - 1));
        storage();

        String period = days <= 31 ? FIRST_DAY.toString().substring(0, 7) : "2025-Q1";
        String uri = "/api/v1/apps/mass/metrics?period=" + period;
        String answer = send("GET", uri, null);
        List<Double> app = time(uri);
        List<Double> kpis = time("/api/v1/kpis?period=" + period);
        System.out.printf("metrics of the app's quarter (GET %s): median %.1f ms (min %.1f, max %.1f, %d runs; target < 100 ms)%n",
                uri, median(app), app.get(0), app.get(app.size() - 1), app.size());
        System.out.printf("/kpis of the quarter (every app, unit and the group): median %.1f ms%n", median(kpis));

        int monthsCounted = 0;
        double monthlySum = 0;
        for (BitSet m : months) {
            if (m != null) {
                monthsCounted++;
                monthlySum += m.cardinality();
            }
        }
        double rse = Double.parseDouble(field(answer, "relativeStandardError"));
        System.out.printf("estimates against the exact counts (stated relative standard error %.4f%%, bound 3 x = %.3f%%):%n",
                rse * 100, 3 * rse * 100);
        check("activeUsers", field(answer, "activeUsers"), seen.cardinality(), rse);
        check("totalUsers ", field(answer, "totalUsers"), seen.cardinality(), rse);
        check("newUsers   ", field(answer, "newUsers"), seen.cardinality(), rse);
        check("mau        ", field(answer, "mau"), monthlySum / monthsCounted, rse);
        check("dau        ", field(answer, "dau"), (double) dailySum / days, rse);
        check("aiUsers    ", field(answer, "aiUsers"), aiSeen.cardinality(), rse);
    }

    private void storage() {
        long[] bytes = transactions.read(c -> new long[] {
            scalar(c, "SELECT SUM(OCTET_LENGTH(active_users) + OCTET_LENGTH(new_users) + OCTET_LENGTH(ai_users))"
                    + " FROM app_day WHERE app_id = 'mass'"),
            scalar(c, "SELECT SUM(OCTET_LENGTH(sketch)) FROM user_sketch WHERE app_id = 'mass' AND grain = 'DAY'"),
            scalar(c, "SELECT SUM(OCTET_LENGTH(sketch)) FROM user_sketch WHERE app_id = 'mass' AND grain = 'MONTH'")});
        System.out.printf("storage per day: %,d bytes of sketches as sent (app_day) + %,d bytes of the same in the "
                        + "aggregates (user_sketch) = %,d KB a day; the month sketches %,d KB in all%n", bytes[0] / days,
                bytes[1] / days, (bytes[0] + bytes[1]) / days / 1024, bytes[2] / 1024);
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void check(String name, String answered, double exact, double rse) {
        double value = Double.parseDouble(answered);
        double error = (value - exact) / exact;
        System.out.printf("  %s answered %,.2f, exact %,.2f, error %+.3f%% (%s)%n", name, value, exact, error * 100,
                Math.abs(error) <= 3 * rse ? "within 3 x the stated error" : "OUTSIDE 3 x the stated error");
    }

    private static String base64(HllSketch sketch) {
        return Base64.getEncoder().encodeToString(sketch.toCompactByteArray());
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** SplitMix64's finaliser: a well-spread 64-bit hash of {@code x}, the same on every run. */
    private static long mix(long x) {
        long z = x * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private List<Double> time(String uri) {
        return quark.time(uri, queryRuns);
    }

    private static double median(List<Double> sorted) {
        return BenchmarkedQuark.median(sorted);
    }

    /** The first value of a field in a JSON answer (a number, or the first of an object's relativeStandardError). */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":([0-9.]+)").matcher(json);
        return m.find() ? m.group(1) : "NaN";
    }

    private String send(String method, String uri, String body) {
        return quark.send(method, uri, body);
    }
}
