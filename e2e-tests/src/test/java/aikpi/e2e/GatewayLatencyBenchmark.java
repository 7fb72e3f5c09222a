package aikpi.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmark harness (not a test): with the four services running on the demo data, the gateway's latency for the
 * executive view next to each downstream call it makes, measured in the same run, round-robin. The gateway's
 * answer cache is off, so every view really fans out. The claim under test: the calls run in parallel, so the view
 * costs about the slowest single call plus a little, not their sum. "The slowest call" is measured twice: each call
 * made alone, and the calls the gateway itself made for the same answer (their times come back in the view's
 * Server-Timing header). On two cores the six calls made at once also slow one another down; the second measure
 * separates what the gateway adds from that.
 *
 * <p>The services run as shipped: each from its jar with the suite's launcher {@code bin/start-service.sh} (its JVM
 * flags and class-data archive, as {@code ./run-suite.sh} starts them; {@link RunningSuite}), on the shipped default
 * databases under a fresh working directory, on free ports. The one setting that differs is the gateway's answer cache
 * ({@code GATEWAY_CACHE_TTL=0s}). The output starts with each service's actual JVM command line and every setting the
 * run makes next to its shipped default ({@link SuiteProcesses#report}).
 *
 * <p>Run after {@code mvn package -DskipTests}: {@code mvn -B -q -pl e2e-tests test-compile exec:java
 * -Dexec.mainClass=aikpi.e2e.GatewayLatencyBenchmark} ({@code -Dbench.rounds=N}, default 300; {@code -Dbench.short=true}:
 * 20 rounds after 5 warm-up rounds).
 */
public final class GatewayLatencyBenchmark {

    private GatewayLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean shortRun = Boolean.getBoolean("bench.short");
        int rounds = Integer.getInteger("bench.rounds", shortRun ? 20 : 300);
        int warmUp = Integer.getInteger("bench.warmUp", shortRun ? 5 : 30);
        String period = System.getProperty("bench.period", "2025-Q3");
        String previous = System.getProperty("bench.previous", "2025-Q2");
        Path root = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("gateway-bench");
        System.out.printf("Gateway latency benchmark%s: %d rounds after %d warm-up rounds, period %s (and %s), suite from %s, "
                + "data under %s%n", shortRun ? " (short)" : "", rounds, warmUp, period, previous, root, work);
        try (RunningSuite suite = new RunningSuite(root, work, Map.of("GATEWAY_CACHE_TTL", "0s"))) {
            suite.start();
            SuiteProcesses.report(root, SuiteProcesses.find(root), Map.of("GATEWAY_CACHE_TTL",
                    "the gateway's answer cache off, so every view really fans out to the services"));
            System.out.println("Loading the demo data set ...");
            suite.loadDemoData();
            // What the gateway asks for one view: both periods from each source.
            List<String[]> calls = List.of(
                    new String[] {"tongyi-service", "/api/v1/kpis?period=" + period},
                    new String[] {"tongyi-service", "/api/v1/kpis?period=" + previous},
                    new String[] {"quark-service", "/api/v1/kpis?period=" + period},
                    new String[] {"quark-service", "/api/v1/kpis?period=" + previous},
                    new String[] {"cloud-billing-service", "/api/v1/attribution?period=" + period},
                    new String[] {"cloud-billing-service", "/api/v1/attribution?period=" + previous},
                    new String[] {"gateway", "/api/v1/executive/ai-conversion?period=" + period});
            double[][] ms = new double[calls.size()][rounds];
            double[] slowestDirect = new double[rounds];
            // Per view: the slowest of the six calls the gateway made for that very answer (its Server-Timing header).
            double[] slowestInView = new double[rounds];
            double[] overheadInView = new double[rounds];
            for (int warm = 0; warm < warmUp; warm++) {
                for (String[] c : calls) {
                    suite.timedGet(c[0], c[1]);
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (int c = 0; c < calls.size() - 1; c++) {
                    long[] answer = suite.timedGet(calls.get(c)[0], calls.get(c)[1]);
                    if (answer[0] != 200) {
                        throw new IllegalStateException(calls.get(c)[1] + " answered " + answer[0]);
                    }
                    ms[c][r] = answer[1] / 1e6;
                    slowestDirect[r] = Math.max(slowestDirect[r], ms[c][r]);
                }
                String[] view = calls.get(calls.size() - 1);
                Map.Entry<Long, String> answer = suite.timedGetWithHeader(view[0], view[1], "Server-Timing");
                ms[calls.size() - 1][r] = answer.getKey() / 1e6;
                slowestInView[r] = slowestOf(answer.getValue());
                overheadInView[r] = ms[calls.size() - 1][r] - slowestInView[r];
            }
            System.out.printf("%nGateway executive view vs its downstream calls, %d rounds, cache off, period %s%n", rounds, period);
            for (int c = 0; c < calls.size(); c++) {
                System.out.printf("  %-22s %-52s median %6.1f ms   p99 %6.1f ms%n", calls.get(c)[0], calls.get(c)[1],
                        percentile(ms[c], 50), percentile(ms[c], 99));
            }
            double gatewayMedian = percentile(ms[calls.size() - 1], 50);
            double slowestMedian = 0;
            for (int c = 0; c < calls.size() - 1; c++) {
                slowestMedian = Math.max(slowestMedian, percentile(ms[c], 50));
            }
            System.out.printf("  slowest single downstream call, alone (per round, then median)   median %6.1f ms   p99 %6.1f ms%n",
                    percentile(slowestDirect, 50), percentile(slowestDirect, 99));
            System.out.printf("  slowest of the view's own six calls (Server-Timing, per view)     median %6.1f ms   p99 %6.1f ms%n",
                    percentile(slowestInView, 50), percentile(slowestInView, 99));
            System.out.printf("  what the gateway adds to the slowest of its own calls, per view   median %6.1f ms   p99 %6.1f ms%n",
                    percentile(overheadInView, 50), percentile(overheadInView, 99));
            System.out.printf("RESULT gateway median %.1f ms; it adds %.1f ms (median; p99 %.1f ms) to the slowest call it made for the "
                    + "same answer (target: at most 20 ms). Against the calls made alone: slowest median %.1f ms + %.1f ms; sum of "
                    + "downstream medians %.1f ms (six calls share 2 cores when made at once)%n", gatewayMedian,
                    percentile(overheadInView, 50), percentile(overheadInView, 99), slowestMedian, gatewayMedian - slowestMedian,
                    sumOfMedians(ms, calls.size() - 1));
        }
    }

    /** The longest {@code dur} of a Server-Timing header. */
    static double slowestOf(String serverTiming) {
        if (serverTiming == null) {
            throw new IllegalStateException("the view carried no Server-Timing header (was it answered from the cache?)");
        }
        double slowest = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("dur=([0-9.]+)").matcher(serverTiming);
        while (m.find()) {
            slowest = Math.max(slowest, Double.parseDouble(m.group(1)));
        }
        return slowest;
    }

    private static double sumOfMedians(double[][] ms, int n) {
        double sum = 0;
        for (int c = 0; c < n; c++) {
            sum += percentile(ms[c], 50);
        }
        return sum;
    }

    static double percentile(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v);
        int index = (int) Math.ceil(p / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, index))];
    }
}
