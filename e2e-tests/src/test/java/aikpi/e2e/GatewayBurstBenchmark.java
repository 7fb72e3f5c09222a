package aikpi.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Benchmark harness (not a test): bursts of concurrent cold requests for the gateway's executive view, from outside
 * the process, with every source healthy. The suite runs as shipped (each service from its jar with the launcher
 * {@code bin/start-service.sh}, the answer cache at its default) on the demo data set. Each burst asks for periods no
 * request asked before, so nothing is cached: the first round sends N requests for one view at once (they must share
 * one computation), the second N more for another view, the third N spread over many distinct months (more distinct
 * calls than a source's bound: the excess must be refused at once with 503 and Retry-After, not time out).
 * Target for the identical bursts: at least 95% answered 200 and every answer within 15 s.
 *
 * <p>Run after {@code mvn package -DskipTests}: {@code mvn -B -q -o -pl e2e-tests test-compile exec:java
 * -Dexec.mainClass=aikpi.e2e.GatewayBurstBenchmark} ({@code -Dbench.requests=N}, default 1000). Exits 1 when an
 * identical burst misses the target.
 */
public final class GatewayBurstBenchmark {

    private static final Duration LIMIT = Duration.ofSeconds(15);

    private GatewayBurstBenchmark() {
    }

    /** One answer: its status (-1 when none came), its time, and whether a 503 said when to retry. */
    private record Answer(int status, long nanos, boolean retryAfter) {
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("bench.requests", 1000);
        Path root = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("gateway-burst");
        System.out.printf("Gateway burst benchmark: %d concurrent requests per burst, suite from %s, data under %s%n",
                requests, root, work);
        boolean pass = true;
        try (RunningSuite suite = new RunningSuite(root, work)) {
            suite.start();
            SuiteProcesses.report(root, SuiteProcesses.find(root), Map.of());
            System.out.println("Loading the demo data set ...");
            suite.loadDemoData();
            // Warm the JVMs on a view no burst asks for.
            suite.awaitCompleteView(List.of("2023-Q1"), Duration.ofMinutes(3));
            String bearer = suite.bearer("gateway");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            String view = suite.url("gateway") + "/api/v1/executive/ai-conversion?period=";

            List<String> one = new ArrayList<>();
            List<String> another = new ArrayList<>();
            List<String> spread = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                one.add(view + "2025-Q1");
                another.add(view + "FY2025-Q2");
                // 48 distinct months, 2019-01..2022-12: each view also asks for the month before.
                int month = i % 48;
                spread.add(view + String.format("%d-%02d", 2019 + month / 12, 1 + month % 12));
            }
            pass &= report("identical, 2025-Q1", burst(http, bearer, one), true);
            pass &= report("identical, FY2025-Q2", burst(http, bearer, another), true);
            report("48 distinct months", burst(http, bearer, spread), false);
        }
        System.out.println(pass ? "RESULT PASS" : "RESULT FAIL");
        System.exit(pass ? 0 : 1);
    }

    /** Sends every request at once (built first, then all handed to the client) and waits for every answer. */
    private static List<Answer> burst(HttpClient http, String bearer, List<String> uris) {
        List<HttpRequest> requests = uris.stream().map(uri -> HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", bearer).timeout(Duration.ofSeconds(60)).build()).toList();
        List<CompletableFuture<Answer>> pending = new ArrayList<>();
        for (HttpRequest request : requests) {
            long t0 = System.nanoTime();
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((r, failure) -> r == null ? new Answer(-1, System.nanoTime() - t0, false)
                            : new Answer(r.statusCode(), System.nanoTime() - t0,
                                    r.headers().firstValue("Retry-After").isPresent())));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private static boolean report(String name, List<Answer> answers, boolean judged) {
        Map<Integer, Integer> byStatus = new TreeMap<>();
        double[] ms = new double[answers.size()];
        int retryAfter = 0;
        int unavailable = 0;
        double slowest503 = 0;
        for (int i = 0; i < answers.size(); i++) {
            Answer a = answers.get(i);
            byStatus.merge(a.status(), 1, Integer::sum);
            ms[i] = a.nanos() / 1e6;
            if (a.status() == 503) {
                unavailable++;
                slowest503 = Math.max(slowest503, ms[i]);
                if (a.retryAfter()) {
                    retryAfter++;
                }
            }
        }
        double ok = 100.0 * byStatus.getOrDefault(200, 0) / answers.size();
        double max = GatewayLatencyBenchmark.percentile(ms, 100);
        boolean met = ok >= 95.0 && max <= LIMIT.toMillis();
        System.out.printf("%-22s %d requests: statuses %s (200: %.1f%%); p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms;"
                        + " 503s with Retry-After %d of %d (slowest 503 %.0f ms)%s%n", name, answers.size(), byStatus, ok,
                GatewayLatencyBenchmark.percentile(ms, 50), GatewayLatencyBenchmark.percentile(ms, 95),
                GatewayLatencyBenchmark.percentile(ms, 99), max, retryAfter, unavailable, slowest503,
                judged ? (met ? "  -> target met" : "  -> TARGET MISSED (>= 95% 200, all within 15 s)") : "");
        return !judged || met;
    }
}
