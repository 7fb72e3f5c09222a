package aikpi.quark.bench;

import aikpi.testing.EventIds;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "Scale and speed" benchmark (not a test): starts the service in-process with its shipped configuration
 * (the shipped default datasource URL of {@code application.yml}, its file moved into a fresh temporary directory; see
 * {@link ShippedRun}, whose report heads the output), sends app opens over HTTP on loopback in batches, then times the
 * quarterly metrics query, {@code /kpis} without and with its retention summaries side by side, a 13-week cohort
 * table, the quarter's lifecycle by week and N-day retention, and compares the cohort table with exact counts.
 *
 * <p>Events are spread evenly over 2025-Q1 in time order (as apps report them), each from a user drawn uniformly
 * and reproducibly from {@code bench.users}, each with a random id (a UUID, as app SDKs send: {@link EventIds}). After
 * every figure is taken, alternating rounds of opens with random and with sequential ids show what each kind costs at
 * that size, side by side. Sizes and knobs are system properties:
 * <pre>
 *   bench.events     (10000000)  app opens to send
 *   bench.users      (1000000)   distinct pseudonymous users they come from
 *   bench.aiSessions (100000)    AI sessions sent after the opens, so the query has AI figures to compute
 *   bench.batch      (10000)     items per request
 *   bench.senders    (2)         concurrent HTTP senders
 *   bench.queryRuns  (7)         timed runs of each query (after one warm-up); the median is reported
 *   bench.maxMinutes (15)        stop sending once this much time has gone; figures are then for what was sent
 *   bench.probeRounds (3), bench.probeEvents (50000)  the ids probe at the end: rounds of so many opens each way
 *   bench.short      (false)     true: 1,000,000 opens from 100,000 users (the quick check)
 * </pre>
 * Run: {@code mvn -B -o -q -pl quark-service test-compile exec:java -Dexec.mainClass=aikpi.quark.bench.QuarkBenchmark}
 * ({@code -Dbench.short=true} for the quick check)
 */
public final class QuarkBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 1);
    private static final int DAYS = 90;
    private static final Instant START = FIRST_DAY.atStartOfDay(ZONE).toInstant();
    private static final long SPAN_MILLIS = Duration.ofDays(DAYS).toMillis();
    private static final String APP = "quark";
    /** Sessions draw their users from another part of the same sequence than the opens. */
    private static final long SESSION_USER_OFFSET = 7_777_777L;

    private static final boolean SHORT = Boolean.getBoolean("bench.short");
    private final long events = Long.getLong("bench.events", SHORT ? 1_000_000L : 10_000_000L);
    private final int users = Integer.getInteger("bench.users", SHORT ? 100_000 : 1_000_000);
    private final long aiSessions = Long.getLong("bench.aiSessions", 100_000L);
    private final int batch = Integer.getInteger("bench.batch", 10_000);
    private final int senders = Integer.getInteger("bench.senders", 2);
    private final int queryRuns = Integer.getInteger("bench.queryRuns", 7);
    private final Duration budget = Duration.ofMinutes(Long.getLong("bench.maxMinutes", 15L));
    private final int probeRounds = Integer.getInteger("bench.probeRounds", 3);
    private final int probeEvents = Integer.getInteger("bench.probeEvents", 50_000);

    private BenchmarkedQuark quark;

    public static void main(String[] args) {
        try {
            new QuarkBenchmark().run();
            System.exit(0);
        } catch (Exception | Error e) {
            // Said here and ended here: a sender thread left waiting would keep Maven's JVM from exiting.
            System.err.println("QuarkBenchmark failed:");
            e.printStackTrace();
            System.exit(1);
        }
    }

    private void run() throws Exception {
        System.out.printf("quark-service benchmark%s: %,d app opens from %,d users over 2025-Q1, batches of %,d, %d senders%n",
                SHORT ? " (short)" : "", events, users, batch, senders);
        try (BenchmarkedQuark started = BenchmarkedQuark.start("quark-bench")) {
            quark = started;
            setUp();

            long sent = sendOpens();
            sendSessions();

            String quarterly = "/api/v1/apps/" + APP + "/metrics?period=2025-Q1";
            String body = get(quarterly);
            List<Double> appRuns = time(quarterly);
            List<Double> fiscalRuns = time("/api/v1/apps/" + APP + "/metrics?period=FY2025-Q4");
            System.out.printf("quarterly metrics of one app (GET %s): median %.1f ms (min %.1f, max %.1f, %d runs)%n",
                    quarterly, median(appRuns), appRuns.get(0), appRuns.get(appRuns.size() - 1), appRuns.size());
            System.out.printf("same quarter named as fiscal quarter FY2025-Q4: median %.1f ms%n", median(fiscalRuns));
            // /kpis as it was before retention (retention=false) and with it, alternating so both see the same machine.
            String kpis = "/api/v1/kpis?period=2025-Q1";
            List<Double>[] kpiRuns = timeSideBySide(kpis + "&retention=false", kpis);
            System.out.printf("quarterly KPIs of every app, unit and the group (GET /api/v1/kpis): without retention median "
                    + "%.1f ms, with retention %.1f ms: %.2f x (target <= 2 x)%n", median(kpiRuns[0]), median(kpiRuns[1]),
                    median(kpiRuns[1]) / median(kpiRuns[0]));
            String cohorts = "/api/v1/apps/" + APP + "/retention?cohort=week&from=2025-01-01&to=2025-03-31&offsets=12";
            String table = get(cohorts);
            List<Double> cohortRuns = time(cohorts);
            List<Double> aiRuns = time(cohorts + "&segment=ai");
            List<Double> lifecycleRuns = time("/api/v1/apps/" + APP + "/lifecycle?period=2025-Q1&interval=week");
            List<Double> dayRuns = time("/api/v1/apps/" + APP + "/retention/days?day=2025-01-06&n=1,7,14,30,60");
            System.out.printf("13-week cohort table, 13 offsets (GET %s): median %.1f ms (target < 300 ms); its AI segment "
                    + "%.1f ms%n", cohorts, median(cohortRuns), median(aiRuns));
            System.out.printf("lifecycle of the quarter by week: median %.1f ms; N-day retention of a day (5 days): %.1f ms%n",
                    median(lifecycleRuns), median(dayRuns));
            accuracy(body, sent);
            retentionAccuracy(table, sent);
            probeIds(sent);
        }
    }

    private void setUp() {
        send("PUT", "/api/v1/apps/" + APP, "{\"name\":\"Quark\",\"businessUnit\":\"quark\",\"launchedOn\":\"2016-06-01\"}");
        send("PUT", "/api/v1/apps/" + APP + "/features/ai-camera",
                "{\"name\":\"AI camera\",\"kind\":\"CAMERA\",\"launchedOn\":\"2024-11-01\"}");
        send("PUT", "/api/v1/apps/" + APP + "/features/super-box",
                "{\"name\":\"Super box\",\"kind\":\"SEARCH\",\"launchedOn\":\"2024-11-01\"}");
    }

    /** The user of event {@code i}: uniform over the users, the same on every run. */
    private int userOf(long i) {
        long z = i * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) Math.floorMod(z, (long) users);
    }

    private Instant timeOf(long i, long total) {
        return START.plusMillis(i * SPAN_MILLIS / total);
    }

    /** The opens of the run, with random ids; answers how many were sent within the budget. */
    private long sendOpens() throws Exception {
        long sent = (long) sendOpens(EventIds.RANDOM, "e", 0, events, System.nanoTime() + budget.toNanos(), true)[0];
        if (sent < events) {
            System.out.printf("  stopped at the %d-minute budget%n", budget.toMinutes());
        }
        return sent;
    }

    /**
     * After every figure is taken: more opens (of the same users and instants, so nothing measured changes meaning)
     * with random ids, then as many with sequential ones, alternating for {@code bench.probeRounds} rounds; their rates
     * side by side show what each kind of id costs at this size.
     */
    private void probeIds(long stored) throws Exception {
        EventIds[] kinds = EventIds.values();
        List<List<Double>> rates = List.of(new ArrayList<>(), new ArrayList<>());
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < probeRounds; round++) {
            double[] rate = new double[kinds.length];
            for (EventIds ids : kinds) {
                long from = stored + ((long) round * kinds.length + ids.ordinal()) * probeEvents;
                rate[ids.ordinal()] = sendOpens(ids, "probe-", from, from + probeEvents, Long.MAX_VALUE, false)[1];
                rates.get(ids.ordinal()).add(rate[ids.ordinal()]);
            }
            ratios.add(rate[0] / rate[1]);
        }
        System.out.printf("ingest probe at %,d opens, %d alternating rounds of %,d opens each: %s %,.0f events/s, %s %,.0f "
                        + "events/s (medians); median of the per-round ratios random/sequential %.2f%n", stored, probeRounds,
                probeEvents, kinds[0].label(), median(sorted(rates.get(0))), kinds[1].label(), median(sorted(rates.get(1))),
                median(sorted(ratios)));
    }

    private static List<Double> sorted(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        return s;
    }

    /** Opens {@code from} up to {@code to} (event {@code i} at the instant and of the user of event i of the run). */
    private double[] sendOpens(EventIds ids, String prefix, long from, long to, long deadline, boolean progress)
            throws Exception {
        long batches = (to - from + batch - 1) / batch;
        AtomicLong next = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            running.add(pool.submit(() -> {
                for (long b = next.getAndIncrement(); b < batches && System.nanoTime() < deadline; b = next.getAndIncrement()) {
                    long first = from + b * batch;
                    long last = Math.min(to, first + batch);
                    StringBuilder json = new StringBuilder((int) (last - first) * 110).append('[');
                    for (long i = first; i < last; i++) {
                        if (i > first) {
                            json.append(',');
                        }
                        json.append("{\"eventId\":\"").append(ids.id(prefix, i)).append("\",\"appId\":\"").append(APP)
                                .append("\",\"userId\":\"u").append(userOf(i % events)).append("\",\"occurredAt\":\"")
                                .append(timeOf(i % events, events)).append("\"}");
                    }
                    send("POST", "/api/v1/activity/events", json.append(']').toString());
                    long done = sent.addAndGet(last - first);
                    if (progress && (b + 1) % 100 == 0) {
                        double secs = (System.nanoTime() - t0) / 1e9;
                        System.out.printf("  %,d opens sent in %.0f s (%,.0f/s)%n", done, secs, done / secs);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        double secs = (System.nanoTime() - t0) / 1e9;
        if (progress) {
            System.out.printf("ingest: %,d app opens (%s) in %.1f s over HTTP = %,.0f events/s%n", sent.get(), ids.label(),
                    secs, sent.get() / secs);
        }
        return new double[] {sent.get(), sent.get() / secs};
    }

    private void sendSessions() {
        if (aiSessions <= 0) {
            return;
        }
        long t0 = System.nanoTime();
        String[] outcomes = {"RESOLVED", "ABANDONED", "ESCALATED", "UNKNOWN"};
        for (long from = 0; from < aiSessions; from += batch) {
            long to = Math.min(aiSessions, from + batch);
            StringBuilder json = new StringBuilder().append('[');
            for (long i = from; i < to; i++) {
                if (i > from) {
                    json.append(',');
                }
                json.append("{\"sessionId\":\"s").append(i).append("\",\"appId\":\"").append(APP)
                        .append("\",\"featureId\":\"").append(i % 3 == 0 ? "super-box" : "ai-camera")
                        .append("\",\"userId\":\"u").append(userOf(i + SESSION_USER_OFFSET)).append("\",\"startedAt\":\"")
                        .append(timeOf(i, aiSessions)).append("\",\"turns\":").append(1 + i % 7)
                        .append(",\"agentCalls\":").append(i % 4).append(",\"outcome\":\"").append(outcomes[(int) (i % 4)])
                        .append("\",").append(i % 2 == 0 ? "\"rating\":" + (1 + i % 5) + "," : "")
                        .append("\"converted\":").append(i % 5 == 0).append('}');
            }
            send("POST", "/api/v1/ai-sessions", json.append(']').toString());
        }
        System.out.printf("ingest: %,d AI sessions in %.1f s%n", aiSessions, (System.nanoTime() - t0) / 1e9);
    }

    /** One warm-up, then {@code queryRuns} timed runs, sorted ascending, in milliseconds. */
    private List<Double> time(String uri) {
        return quark.time(uri, queryRuns);
    }

    /** One warm-up each, then {@code queryRuns} runs of each, alternating; each list sorted ascending, in ms. */
    @SuppressWarnings("unchecked")
    private List<Double>[] timeSideBySide(String first, String second) {
        get(first);
        get(second);
        List<Double>[] runs = new List[] {new ArrayList<Double>(), new ArrayList<Double>()};
        for (int r = 0; r < queryRuns; r++) {
            for (int which = 0; which < 2; which++) {
                long t0 = System.nanoTime();
                get(which == 0 ? first : second);
                runs[which].add((System.nanoTime() - t0) / 1e6);
            }
        }
        runs[0].sort(Comparator.naturalOrder());
        runs[1].sort(Comparator.naturalOrder());
        return runs;
    }

    /**
     * Compares the cohort table's cells with exact counts of what was sent: a user's cohort is the week of their first
     * open; a cell counts the cohort's users with an open in the offset's week.
     */
    private void retentionAccuracy(String table, long sent) {
        LocalDate firstMonday = FIRST_DAY.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        int weeks = 14;
        byte[] cohortOf = new byte[users];
        Arrays.fill(cohortOf, (byte) -1);
        short[] activeWeeks = new short[users];
        for (long i = 0; i < sent; i++) {
            int week = (int) ((timeOf(i, events).atZone(ZONE).toLocalDate().toEpochDay() - firstMonday.toEpochDay()) / 7);
            int u = userOf(i);
            if (cohortOf[u] < 0) {
                cohortOf[u] = (byte) week;
            }
            activeWeeks[u] |= (short) (1 << week);
        }
        long[][] exact = new long[weeks][weeks];
        long[] sizes = new long[weeks];
        for (int u = 0; u < users; u++) {
            if (cohortOf[u] < 0) {
                continue;
            }
            sizes[cohortOf[u]]++;
            for (int k = 0; cohortOf[u] + k < weeks; k++) {
                if ((activeWeeks[u] & (1 << (cohortOf[u] + k))) != 0) {
                    exact[cohortOf[u]][k]++;
                }
            }
        }
        Matcher cells = Pattern.compile("\\{\"offset\":(\\d+),\"start\":\"([0-9-]+)\",\"end\":\"[0-9-]+\",\"users\":(\\d+),"
                + "(?:\"share\":[0-9.]+,)?\"partial\":(?:true|false)(?:,\"low\":(\\d+),\"high\":(\\d+))?").matcher(table);
        double worst = 0;
        int compared = 0;
        int outside = 0;
        while (cells.find()) {
            int k = Integer.parseInt(cells.group(1));
            int week = (int) ((LocalDate.parse(cells.group(2)).toEpochDay() - firstMonday.toEpochDay()) / 7) - k;
            long answered = Long.parseLong(cells.group(3));
            long truth = exact[week][k];
            if (truth > 0) {
                worst = Math.max(worst, Math.abs(answered - truth) / (double) truth);
                compared++;
            }
            if (cells.group(4) != null && (truth < Long.parseLong(cells.group(4)) || truth > Long.parseLong(cells.group(5)))) {
                outside++;
            }
        }
        System.out.printf("  cohort table: %d cells against exact counts, worst error %.2f%% of the cell; %d cells outside "
                + "their stated 95%% bounds; estimate=%s%n", compared, worst * 100, outside,
                table.contains("\"estimate\":true"));
    }

    private static double median(List<Double> sorted) {
        return BenchmarkedQuark.median(sorted);
    }

    /** Compares the sketch estimates of the answer with exact counts of what was sent. */
    private void accuracy(String body, long sent) {
        BitSet all = new BitSet(users);
        BitSet[] months = {new BitSet(users), new BitSet(users), new BitSet(users)};
        BitSet day = new BitSet(users);
        int currentDay = -1;
        long daySum = 0;
        for (long i = 0; i < sent; i++) {
            LocalDate d = timeOf(i, events).atZone(ZONE).toLocalDate();
            int dayIndex = (int) (d.toEpochDay() - FIRST_DAY.toEpochDay());
            if (dayIndex != currentDay) {
                daySum += day.cardinality();
                day.clear();
                currentDay = dayIndex;
            }
            int u = userOf(i);
            day.set(u);
            all.set(u);
            months[d.getMonthValue() - 1].set(u);
        }
        daySum += day.cardinality();
        BitSet aiUsers = new BitSet(users);
        for (long i = 0; i < aiSessions; i++) {
            aiUsers.set(userOf(i + SESSION_USER_OFFSET));
        }
        double exactDau = daySum / (double) DAYS;
        double exactMau = (months[0].cardinality() + months[1].cardinality() + months[2].cardinality()) / 3.0;
        report("activeUsers", number(body, "activeUsers"), all.cardinality());
        report("totalUsers ", number(body, "totalUsers"), all.cardinality());
        report("dau        ", number(body, "dau"), exactDau);
        report("mau        ", number(body, "mau"), exactMau);
        report("aiUsers    ", number(body, "aiUsers"), aiUsers.cardinality());
        System.out.println("answer: " + body.substring(0, Math.min(body.length(), 600)) + (body.length() > 600 ? "..." : ""));
    }

    private static void report(String name, double answered, double exact) {
        System.out.printf("  %s answered %,.2f, exact %,.2f, error %+.3f%%%n", name, answered, exact,
                exact == 0 ? 0 : (answered - exact) / exact * 100);
    }

    private static double number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":([0-9.]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private String get(String uri) {
        return quark.get(uri);
    }

    private String send(String method, String uri, String body) {
        return quark.send(method, uri, body);
    }
}
