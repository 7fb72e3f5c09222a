package aikpi.e2e;

import aikpi.testing.EventIds;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The usage-ingest load {@link StartupBenchmark} puts on a freshly started tongyi-service, from outside the process
 * over loopback HTTP, as a metering client would: a development sign-in ({@code POST /login} as {@code tongyi-writer}),
 * the models and customers the events name ({@code PUT /api/v1/models/..}, {@code PUT /api/v1/customers/..}), then
 * {@code threads} senders, each on a connection of its own, posting batches of {@code batch} new usage events to
 * {@code POST /api/v1/usage/events} back to back. Every event id is new (random, a UUID as producers send, unless
 * {@code bench.ids=sequential}: {@link EventIds}), so every event is stored (the answer must say
 * {@code accepted} = the batch's size; anything else stops the benchmark). Events name one of 50 customers and 5 models
 * at random and fall at random instants of 2025-Q1, so they spread over the daily and monthly rollups as real traffic
 * does.
 *
 * <p>A batch counts in the window in which its answer arrived. The <b>cold</b> rate is that of the first
 * {@code coldSeconds} after the first batch was sent (a JVM that has compiled little yet); after a further
 * {@code warmupSeconds} of load, {@code windows} windows of {@code windowSeconds} follow, and the <b>steady</b> rate is
 * their median.
 */
final class IngestLoad {

    static final int CUSTOMERS = 50;
    static final int MODELS = 5;
    private static final Instant QUARTER_START = Instant.parse("2025-01-01T00:00:00Z");
    private static final long QUARTER_SECONDS = Duration.ofDays(89).toSeconds();
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    /**
     * Random ids, as producers send, unless {@code bench.ids=sequential}: the figures here compare launch settings under
     * the same load, so one kind per run is enough.
     */
    static final EventIds IDS = EventIds.valueOf(System.getProperty("bench.ids", "random").toUpperCase(Locale.ROOT));
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

    /** How much load, for how long. */
    record Settings(int threads, int batch, int coldSeconds, int warmupSeconds, int windows, int windowSeconds) {

        int totalSeconds() {
            return coldSeconds + warmupSeconds + windows * windowSeconds;
        }

        String describe() {
            return String.format("%d senders, %,d-event batches of %s; cold = first %d s of load, then %d s more warm-up, then"
                    + " %d windows of %d s (steady = their median)", threads, batch, IDS.label(), coldSeconds, warmupSeconds,
                    windows, windowSeconds);
        }
    }

    /**
     * What one load measured: rates in events per second; the service's CPU time (user + system, all its threads,
     * the JIT's included) per 1,000 events stored, in the cold window and (median) in the steady windows: unlike the
     * rates, hardly moved by other work on the machine; and the cores the rest of the machine (neither the service nor
     * this JVM) kept busy during the steady windows, a measure of that noise.
     */
    record Result(double seedMs, double coldRate, double[] windowRates, double steadyRate, long events, int batches,
                  double coldCpuMsPer1000, double steadyCpuMsPer1000, double othersCores) {
    }

    private final String base;
    private final Settings settings;
    private final long pid;

    /** @param pid the service's process, whose CPU time is read from {@code /proc/<pid>/stat} */
    IngestLoad(String base, Settings settings, long pid) {
        this.base = base;
        this.settings = settings;
        this.pid = pid;
    }

    /** CPU time of a process in clock ticks (USER_HZ, 100 per second on Linux): utime + stime. */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Busy CPU ticks of the whole machine: every state of /proc/stat's first line but idle and iowait. */
    static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static final double TICKS_PER_SECOND = 100;

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Signs in, seeds the customers and models, runs the load; answers what it measured. */
    Result run() throws Exception {
        HttpClient setup = client();
        long s0 = System.nanoTime();
        String bearer = "Bearer " + signIn(setup);
        for (int m = 0; m < MODELS; m++) {
            send(setup, bearer, "PUT", "/api/v1/models/bench-model-" + m,
                    "{\"family\":\"bench\",\"vendor\":\"Alibaba\",\"displayName\":\"bench " + m + "\",\"openSource\":true}");
        }
        for (int c = 0; c < CUSTOMERS; c++) {
            send(setup, bearer, "PUT", "/api/v1/customers/bench-customer-" + c, "{\"name\":\"bench " + c + "\",\"kind\":\""
                    + (c % 10 == 0 ? "INVESTEE" : "EXTERNAL") + "\",\"onboardedOn\":\"2024-12-01\"}");
        }
        double seedMs = (System.nanoTime() - s0) / 1e6;

        ConcurrentLinkedQueue<long[]> answers = new ConcurrentLinkedQueue<>(); // {nanoTime of the answer, events}
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long coldEnd = start + seconds(settings.coldSeconds());
        long steadyStart = coldEnd + seconds(settings.warmupSeconds());
        long end = steadyStart + seconds((long) settings.windows() * settings.windowSeconds());
        // CPU samples {service ticks, this JVM's ticks, machine busy ticks} at: the start, the cold window's end, the
        // steady windows' start, and each steady window's end.
        long[] edges = new long[settings.windows() + 3];
        edges[0] = start;
        edges[1] = coldEnd;
        for (int w = 0; w <= settings.windows(); w++) {
            edges[w + 2] = steadyStart + seconds((long) w * settings.windowSeconds());
        }
        long self = ProcessHandle.current().pid();
        long[][] cpu = new long[edges.length][];
        cpu[0] = new long[] {processTicks(pid), processTicks(self), machineBusyTicks()};
        Thread sampler = new Thread(() -> {
            for (int i = 1; i < edges.length; i++) {
                long wait = edges[i] - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                cpu[i] = new long[] {processTicks(pid), processTicks(self), machineBusyTicks()};
            }
        }, "ingest-cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < settings.threads(); t++) {
            int sender = t;
            Thread thread = new Thread(() -> {
                try {
                    HttpClient http = client();
                    SplittableRandom random = new SplittableRandom(1_000L + sender);
                    StringBuilder body = new StringBuilder(settings.batch() * 170);
                    long seq = 0;
                    String prefix = "b" + sender + "-";
                    while (System.nanoTime() < end && failure.get() == null) {
                        body.setLength(0);
                        body.append('[');
                        for (int i = 0; i < settings.batch(); i++, seq++) {
                            if (i > 0) {
                                body.append(',');
                            }
                            body.append("{\"eventId\":\"").append(IDS.id(prefix, seq))
                                    .append("\",\"customerId\":\"bench-customer-").append(random.nextInt(CUSTOMERS))
                                    .append("\",\"modelId\":\"bench-model-").append(random.nextInt(MODELS))
                                    .append("\",\"occurredAt\":\"")
                                    .append(QUARTER_START.plusSeconds(random.nextLong(QUARTER_SECONDS)))
                                    .append("\",\"inputTokens\":").append(50 + random.nextInt(4_000))
                                    .append(",\"outputTokens\":").append(20 + random.nextInt(2_000)).append('}');
                        }
                        body.append(']');
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/usage/events"))
                                .timeout(Duration.ofSeconds(120))
                                .header("Authorization", bearer).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        long at = System.nanoTime();
                        Matcher m = ACCEPTED.matcher(r.body());
                        if (r.statusCode() / 100 != 2 || !m.find() || Integer.parseInt(m.group(1)) != settings.batch()) {
                            throw new IllegalStateException("a batch of " + settings.batch() + " usage events was answered "
                                    + r.statusCode() + ": " + abbreviate(r.body()));
                        }
                        answers.add(new long[] {at, settings.batch()});
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "ingest-sender-" + t);
            thread.setDaemon(true);
            senders.add(thread);
            thread.start();
        }
        for (Thread thread : senders) {
            thread.join(seconds(settings.totalSeconds() + 180) / 1_000_000);
            if (thread.isAlive()) {
                throw new IllegalStateException("an ingest sender did not finish; is the service stuck?");
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the ingest load failed: " + failure.get(), failure.get());
        }
        sampler.join(10_000);
        List<long[]> all = new ArrayList<>(answers);
        double cold = rate(all, start, coldEnd);
        double coldCpu = cpuMsPer1000(cpu[0], cpu[1], count(all, start, coldEnd));
        double[] windows = new double[settings.windows()];
        double[] windowCpu = new double[settings.windows()];
        double othersTicks = 0;
        for (int w = 0; w < windows.length; w++) {
            long from = steadyStart + seconds((long) w * settings.windowSeconds());
            long to = from + seconds(settings.windowSeconds());
            windows[w] = rate(all, from, to);
            long[] a = cpu[w + 2];
            long[] b = cpu[w + 3];
            windowCpu[w] = cpuMsPer1000(a, b, count(all, from, to));
            if (a != null && b != null) {
                othersTicks += (b[2] - a[2]) - (b[0] - a[0]) - (b[1] - a[1]);
            }
        }
        double othersCores = windows.length == 0 ? Double.NaN
                : othersTicks / TICKS_PER_SECOND / ((double) windows.length * settings.windowSeconds());
        long events = all.stream().mapToLong(a -> a[1]).sum();
        return new Result(seedMs, cold, windows, median(windows), events, all.size(), coldCpu, median(windowCpu),
                othersCores);
    }

    private static double cpuMsPer1000(long[] from, long[] to, long events) {
        if (from == null || to == null || from[0] < 0 || to[0] < 0 || events == 0) {
            return Double.NaN;
        }
        return (to[0] - from[0]) * (1000.0 / TICKS_PER_SECOND) / (events / 1000.0);
    }

    private static long count(List<long[]> answers, long from, long to) {
        return answers.stream().filter(a -> a[0] >= from && a[0] < to).mapToLong(a -> a[1]).sum();
    }

    private static double rate(List<long[]> answers, long from, long to) {
        long events = answers.stream().filter(a -> a[0] >= from && a[0] < to).mapToLong(a -> a[1]).sum();
        return events / ((to - from) / 1e9);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static long seconds(long s) {
        return s * 1_000_000_000L;
    }

    private String signIn(HttpClient http) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"tongyi-writer\",\"password\":\"kpi-dev\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = TOKEN.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("the development sign-in as tongyi-writer answered " + r.statusCode() + ": "
                    + abbreviate(r.body()));
        }
        return m.group(1);
    }

    private void send(HttpClient http, String bearer, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + abbreviate(r.body()));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "...";
    }
}
