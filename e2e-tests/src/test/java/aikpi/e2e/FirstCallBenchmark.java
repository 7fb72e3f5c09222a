package aikpi.e2e;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark harness (not a test): each executive view and review, the first call after the suite starts (cold) next
 * to the median of the calls that follow it (warm), measured from outside the processes as a client sees them.
 *
 * <p>The suite runs as shipped: each service from its jar by {@code bin/start-service.sh} (its JVM flags and
 * class-data archive; {@link RunningSuite}), on the shipped default databases in a fresh working directory, with the
 * demo data set loaded through the services' APIs, every setting at its shipped default (the gateway's answer cache
 * on). Before each view all four services are stopped and started again (so nothing is cached, compiled or connected),
 * the executive signs in (as the dashboard does before its first view), and the view is asked once — the cold figure —
 * and then {@code bench.warm} more times, whose median is the warm figure. A view is counted as answered only when
 * every source answered it: a source that missed the gateway's timeout would make a fast but incomplete answer.
 *
 * <p>Run after {@code mvn package -DskipTests}: {@code java -cp <e2e-tests' test classpath> aikpi.e2e.FirstCallBenchmark}
 * ({@code -Dbench.rounds=N}: restarts per view, the cold figure is their median, default 1; {@code -Dbench.warm=N},
 * default 20; {@code -Dbench.idleSeconds=N}: a pause between the sign-in and the first call, default 0 (an executive who
 * opens the dashboard minutes after the start, past the gateway's 15 s answer cache and the services' idle collection);
 * {@code -Dbench.env=NAME=value|...}: more environment for every service, e.g. a candidate's {@code KPI_JVM_FLAGS};
 * {@code -Dbench.only=label;...}: only those views; {@code -Dbench.dataFrom=<an earlier run's directory>}: start
 * on a copy of the databases that run loaded instead of loading the demo data again; {@code -Dbench.compare=<another
 * checkout, built>}: each view measured on this build [A] and on that one [B] in turn, on the same data). docs/PERFORMANCE.md has the figures.
 */
public final class FirstCallBenchmark {

    /** The target for every view and review, cold or warm. */
    static final double TARGET_MS = 300;

    private static final Pattern FAILED_SOURCE = Pattern.compile("\"status\"\\s*:\\s*\"(TIMEOUT|UNAVAILABLE|STALE)\"");
    private static final List<String> UNITS = List.of("taobao", "tmall", "quark", "tongyi-app", "amap", "fliggy", "eleme");

    /** @param restart whether the suite is restarted before it (each unit's review follows the one before it) */
    private record View(String label, String path, boolean restart) {
        View(String label, String path) {
            this(label, path, true);
        }
    }

    /** @param timing the answer's {@code Server-Timing}: what the gateway waited for, source by source */
    private record Call(int status, double ms, boolean complete, String timing) {
    }

    private FirstCallBenchmark() {
    }

    static List<View> views() {
        List<View> views = new ArrayList<>(List.of(
                new View("group view, a quarter", "/api/v1/executive/ai-conversion?period=FY2026-Q2"),
                new View("trend, 8 quarters", "/api/v1/executive/ai-conversion/trend?from=FY2025-Q1&to=FY2026-Q4"),
                new View("units' scorecards, a quarter", "/api/v1/executive/business-units?period=FY2026-Q2"),
                new View("retention, an app's cohorts", "/api/v1/executive/apps/tongyi-app/retention?cohort=week"
                        + "&from=2025-07-01&to=2025-09-30&segment=all"),
                new View("review of a quarter", "/api/v1/executive/reviews?period=FY2026-Q2"),
                new View("review of a fiscal year", "/api/v1/executive/reviews?period=FY2026")));
        for (String unit : UNITS) {
            views.add(new View("review of " + unit + ", the year", "/api/v1/executive/reviews/" + unit + "?period=FY2026",
                    unit.equals(UNITS.get(0))));
        }
        return views;
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 1);
        // Another build of the suite to compare with, side by side on the same data: each view is measured after a
        // restart on either build in turn (this root's first).
        String compare = System.getProperty("bench.compare", "");
        int warm = Integer.getInteger("bench.warm", 20);
        long idle = Long.getLong("bench.idleSeconds", 0);
        Map<String, String> env = MemoryAfterDemoLoad.candidateEnvironment(System.getProperty("bench.env", ""));
        if (!env.isEmpty()) {
            System.out.println("DIFFERS FROM WHAT SHIPS: every service also gets " + env + " (bench.env)");
        }
        String only = System.getProperty("bench.only", "");
        Path root = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("first-call-bench");
        List<View> views = views().stream()
                .filter(v -> only.isBlank() || List.of(only.split(";")).contains(v.label())).toList();
        System.out.printf("First-call benchmark: %d view(s), %d cold start(s) each, then %d warm calls; suite from %s, "
                + "data under %s%n", views.size(), rounds, warm, root, work);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String from = System.getProperty("bench.dataFrom", "");
        if (!from.isBlank()) {
            // The databases of an earlier run that loaded the demo data (the loader takes minutes on a busy machine).
            Path source = Path.of(from).resolve("data");
            try (var files = Files.walk(source)) {
                for (Path f : files.toList()) {
                    Path to = work.resolve("data").resolve(source.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to);
                    }
                }
            }
        }
        try (RunningSuite suite = new RunningSuite(root, work, env)) {
            suite.start();
            SuiteProcesses.report(root, SuiteProcesses.find(root), Map.of());
            String dataFrom = System.getProperty("bench.dataFrom", "");
            if (dataFrom.isBlank()) {
                System.out.println("Loading the demo data set ...");
                suite.loadDemoData();
            } else {
                System.out.println("The demo data set as loaded under " + dataFrom + " (copied before the start)");
            }
            Map<View, double[]> cold = new LinkedHashMap<>();
            Map<View, double[]> warmMs = new LinkedHashMap<>();
            Map<View, String> notes = new LinkedHashMap<>();
            List<Double> readyMs = new ArrayList<>();
            List<View> order = new ArrayList<>();
            List<Path> builds = compare.isBlank() ? List.of(root)
                    : List.of(root, Path.of(compare).toAbsolutePath().normalize());
            // Side by side, only the views measured after a restart of their own (one unit's review, not each one's).
            for (View listed : builds.size() == 1 ? views : views.stream().filter(View::restart).toList()) {
              for (Path build : builds) {
                View view = builds.size() == 1 ? listed
                        : new View(listed.label() + (build.equals(root) ? " [A]" : " [B]"), listed.path(), listed.restart());
                double[] c = new double[rounds];
                List<Double> w = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    if (view.restart() || r > 0) {
                        Map<String, Duration> ready = suite.restart(build);
                        readyMs.add(ready.values().stream().mapToDouble(d -> d.toNanos() / 1e6).max().orElse(0));
                        System.out.printf("  restarted, ready in %s ms (load average %s)%n", ready.values().stream()
                                .map(d -> String.valueOf(d.toMillis())).toList(),
                                Files.readString(Path.of("/proc/loadavg")).trim());
                    }
                    String bearer = suite.bearer("gateway");
                    if (idle > 0 && (view.restart() || r > 0)) {
                        Thread.sleep(Duration.ofSeconds(idle).toMillis());
                    }
                    Call first = call(http, suite, bearer, view);
                    c[r] = first.ms();
                    System.out.printf("  cold call %.1f ms; the gateway waited for: %s%n", first.ms(), first.timing());
                    if (first.status() != 200 || !first.complete()) {
                        notes.merge(view, "cold call " + (first.status() != 200 ? "answered " + first.status()
                                : "incomplete (a source failed)"), (a, b) -> a);
                    }
                    for (int i = 0; i < warm; i++) {
                        Call next = call(http, suite, bearer, view);
                        if (next.status() != 200 || !next.complete()) {
                            notes.merge(view, "warm call " + next.status() + (next.complete() ? "" : " incomplete"),
                                    (a, b) -> a);
                        }
                        w.add(next.ms());
                    }
                }
                cold.put(view, c);
                warmMs.put(view, w.stream().mapToDouble(Double::doubleValue).toArray());
                System.out.printf("  %-34s cold %7.1f ms, warm median %6.1f ms%s%n", view.label(),
                        GatewayLatencyBenchmark.percentile(c, 50),
                        GatewayLatencyBenchmark.percentile(warmMs.get(view), 50),
                        notes.containsKey(view) ? "  (" + notes.get(view) + ")" : "");
                order.add(view);
              }
            }
            System.out.printf("%nEach view after a restart of the suite (ready: every service's /health answered %.0f ms "
                    + "after its start, median of %d restarts); cold = the first call, warm = the median of the next %d%n",
                    GatewayLatencyBenchmark.percentile(readyMs.stream().mapToDouble(Double::doubleValue).toArray(), 50),
                    readyMs.size(), warm);
            System.out.printf("| %-34s | %-80s | %9s | %9s | %6s | %s |%n", "view", "request", "cold ms", "warm ms",
                    "ratio", "< 300 ms cold");
            double worst = 0;
            for (View view : order) {
                double c = GatewayLatencyBenchmark.percentile(cold.get(view), 50);
                double w = GatewayLatencyBenchmark.percentile(warmMs.get(view), 50);
                worst = Math.max(worst, c);
                System.out.printf("| %-34s | %-80s | %9.1f | %9.1f | %6.1f | %s%s |%n", view.label(), "GET " + view.path(),
                        c, w, c / w, c < TARGET_MS && !notes.containsKey(view) ? "yes" : "NO",
                        notes.containsKey(view) ? " (" + notes.get(view) + ")" : "");
            }
            System.out.printf("Load average at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf("RESULT slowest cold view %.1f ms (target < %.0f ms, every view complete)%n", worst, TARGET_MS);
        }
    }

    private static Call call(HttpClient http, RunningSuite suite, String bearer, View view) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(suite.url("gateway") + view.path()))
                .header("Authorization", bearer).timeout(Duration.ofSeconds(30)).build();
        long t0 = System.nanoTime();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - t0) / 1e6;
        Matcher failed = FAILED_SOURCE.matcher(answer.body());
        return new Call(answer.statusCode(), ms, !failed.find(),
                answer.headers().firstValue("Server-Timing").orElse("(none)"));
    }
}
