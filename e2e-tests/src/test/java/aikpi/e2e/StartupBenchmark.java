package aikpi.e2e;

import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Benchmark harness (not a test): each service's start-up time and memory, its production launch
 * ({@code bin/start-service.sh}, as run-suite.sh and {@link RunningSuite} start it) side by side with a plain
 * {@code java -jar} of the same jar, in the same run, alternating, one process at a time.
 *
 * <p>Per start: <b>time to ready</b> from the process start to the first {@code GET /health} that answers 200 (polled
 * every 10 ms); Micronaut's own "Startup completed in N ms"; and <b>RSS</b> ({@code VmRSS} of
 * {@code /proc/<pid>/status}) after the first 200 and 2 s idle. Every start gets a fresh working directory, so the
 * storing services create their embedded database and run every migration, as at the first start of a suite
 * ({@code -Dbench.data=existing}: every start begins from a copy of a database an earlier start made, as a restart
 * does). A first, unmeasured round warms the page cache for both launches and lets the production launch record its
 * class-data archive if the jar is new.
 *
 * <p>Run after {@code mvn package -DskipTests}: {@code mvn -B -q -o -pl e2e-tests test-compile exec:java
 * -Dexec.mainClass=aikpi.e2e.StartupBenchmark} ({@code -Dbench.runs=N}, default 5; {@code -Dbench.modules=gateway,...};
 * {@code -Dbench.idle=2000}, the milliseconds before RSS is read; {@code -Dbench.ablation=true} adds each flag group of
 * the production launch on its own; {@code -Dbench.data=existing}).
 */
public final class StartupBenchmark {

    private static final Map<String, String> PORT_VARIABLES = Map.of("tongyi-service", "TONGYI_PORT",
            "quark-service", "QUARK_PORT", "cloud-billing-service", "BILLING_PORT", "gateway", "GATEWAY_PORT");
    private static final Pattern STARTUP_COMPLETED = Pattern.compile("Startup completed in (\\d+) ?ms");
    private static final double TARGET_READY_MS = 1500;
    private static final double TARGET_RSS_MB = 200;

    private final Path root;
    private final Path work;
    private final long idleMillis;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    /** With {@code -Dbench.data=existing}: per module, a working directory whose database every start begins from. */
    private final Map<String, Path> existingData = new LinkedHashMap<>();

    /** One start: time to the first 200 from /health, Micronaut's own start-up figure, RSS after the idle time. */
    record Start(double readyMs, double startupLogMs, double rssMb, String command) {
    }

    /** How a service is started: the production launch, the plain baseline, or (ablation) single flags. */
    record Launch(String label, List<String> jvmFlags) {

        static final Launch BASELINE = new Launch("plain java -jar", List.of());
        static final Launch TUNED = new Launch("bin/start-service.sh", null);

        boolean tuned() {
            return jvmFlags == null;
        }
    }

    /**
     * With {@code -Dbench.ablation=true}, each flag group of the production launch on its own next to the baseline:
     * the C1-only JIT, the small serial-collected heap, and the class-data archive (the one the production launch
     * recorded) without either.
     */
    static List<Launch> ablation(Path root, String module) {
        String archive = root.resolve(module).resolve("target").resolve(module + "-0.1.0-SNAPSHOT.jsa").toString();
        return List.of(
                new Launch("-XX:TieredStopAtLevel=1", List.of("-XX:TieredStopAtLevel=1")),
                new Launch("+ SerialGC -Xms64m", List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms64m")),
                new Launch("CDS archive only", List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto")));
    }

    private StartupBenchmark(Path root, Path work, long idleMillis) {
        this.root = root;
        this.work = work;
        this.idleMillis = idleMillis;
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 5);
        long idle = Long.getLong("bench.idle", 2000);
        List<String> modules = Arrays.stream(System.getProperty("bench.modules", String.join(",", RunningSuite.MODULES))
                .split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
        Path root = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("startup-bench");
        StartupBenchmark bench = new StartupBenchmark(root, work, idle);

        System.out.printf("Start-up benchmark, %s, %d runs per service and launch, %s, %d cores, load average %s%n",
                Instant.now(), runs, javaVersion(), Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.println("Warm-up round (not measured): page cache, and the class-data archive if the jar is new ...");
        for (String module : modules) {
            bench.start(module, Launch.BASELINE);
            Start tuned = bench.start(module, Launch.TUNED);
            System.out.printf("  %-22s tuned launch runs: %s%n", module, tuned.command());
        }
        boolean existing = "existing".equals(System.getProperty("bench.data", "fresh"));
        if (existing) {
            // A restart: every measured start begins from a copy of a database that one earlier start created.
            for (String module : modules) {
                bench.existingData.put(module, bench.startKeepingData(module));
            }
        }
        System.out.println(existing ? "Every start begins from an existing database (a restart)."
                : "Every start begins without a database (a first start: every migration runs).");

        boolean ablation = Boolean.getBoolean("bench.ablation");
        Map<String, Map<Launch, List<Start>>> results = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (String module : modules) {
                List<Launch> launches = new ArrayList<>(List.of(Launch.BASELINE, Launch.TUNED));
                if (ablation) {
                    launches.addAll(ablation(root, module));
                }
                // Rotate which launch goes first, so that none always follows another.
                Collections.rotate(launches, run);
                for (Launch launch : launches) {
                    Start s = bench.start(module, launch);
                    results.computeIfAbsent(module, m -> new LinkedHashMap<>())
                            .computeIfAbsent(launch, l -> new ArrayList<>()).add(s);
                    System.out.printf("  run %d %-22s %-24s ready %6.0f ms  startup log %6.0f ms  RSS %5.0f MB%n", run + 1,
                            module, launch.label(), s.readyMs(), s.startupLogMs(), s.rssMb());
                }
            }
        }

        System.out.printf("%nTime to ready (process start -> first 200 from /health) and RSS %d ms after it; medians of %d"
                + " runs, load average now %s%n", idle, runs, loadAverage());
        System.out.printf("  %-22s %-24s %12s %12s %14s %10s%n", "service", "launch", "ready median", "ready worst",
                "startup (log)", "RSS median");
        for (var entry : results.entrySet()) {
            List<Launch> launches = new ArrayList<>(List.of(Launch.BASELINE, Launch.TUNED));
            entry.getValue().keySet().stream().filter(l -> !launches.contains(l)).forEach(launches::add);
            for (Launch launch : launches) {
                List<Start> starts = entry.getValue().get(launch);
                System.out.printf("  %-22s %-24s %9.0f ms %9.0f ms %11.0f ms %7.0f MB%n", entry.getKey(), launch.label(),
                        median(starts, Start::readyMs), worst(starts, Start::readyMs),
                        median(starts, Start::startupLogMs), median(starts, Start::rssMb));
            }
        }
        System.out.println();
        for (var entry : results.entrySet()) {
            List<Start> base = entry.getValue().get(Launch.BASELINE);
            List<Start> tuned = entry.getValue().get(Launch.TUNED);
            double tunedReady = median(tuned, Start::readyMs);
            double tunedRss = median(tuned, Start::rssMb);
            System.out.printf("RESULT %-22s ready %5.0f -> %5.0f ms (x%.2f faster, worst %5.0f ms; target < %.0f ms: %s)"
                            + "  RSS %4.0f -> %4.0f MB (x%.2f smaller; target < %.0f MB: %s)%n", entry.getKey(),
                    median(base, Start::readyMs), tunedReady, median(base, Start::readyMs) / tunedReady,
                    worst(tuned, Start::readyMs), TARGET_READY_MS, tunedReady < TARGET_READY_MS ? "met" : "MISSED",
                    median(base, Start::rssMb), tunedRss, median(base, Start::rssMb) / tunedRss, TARGET_RSS_MB,
                    tunedRss < TARGET_RSS_MB ? "met" : "MISSED");
        }
        deleteRecursively(work);
    }

    /** Starts the module once with the production launch and keeps its working directory (its database). */
    private Path startKeepingData(String module) throws Exception {
        Path dir = Files.createTempDirectory(work, module + "-data-");
        start(module, Launch.TUNED, dir);
        Files.deleteIfExists(dir.resolve("service.log"));
        return dir;
    }

    private Start start(String module, Launch launch) throws Exception {
        Path dir = Files.createTempDirectory(work, module + "-");
        Path template = existingData.get(module);
        if (template != null) {
            try (var paths = Files.walk(template)) {
                for (Path p : paths.collect(Collectors.toList())) {
                    Path to = dir.resolve(template.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                }
            }
        }
        try {
            return start(module, launch, dir);
        } finally {
            deleteRecursively(dir);
        }
    }

    private Start start(String module, Launch launch, Path dir) throws Exception {
        Path log = dir.resolve("service.log");
        ProcessBuilder pb;
        if (launch.tuned()) {
            pb = RunningSuite.launch(root, module);
        } else {
            List<String> command = new ArrayList<>(List.of("java"));
            command.addAll(launch.jvmFlags());
            command.addAll(List.of("-jar", RunningSuite.jar(root, module).toString()));
            pb = new ProcessBuilder(command);
        }
        int port = freePort();
        pb.directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put(PORT_VARIABLES.get(module), String.valueOf(port));
        long t0 = System.nanoTime();
        Process process = pb.start();
        try {
            long deadline = t0 + Duration.ofSeconds(180).toNanos();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(10)).build();
            long ready = -1;
            while (ready < 0) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(module + " (" + launch.label() + ") exited during start-up:\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(module + " (" + launch.label() + ") not ready after 180 s; see " + log);
                }
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        ready = System.nanoTime();
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(10);
            }
            Thread.sleep(idleMillis);
            double rssMb = rssKb(process.pid()) / 1024.0;
            String command = commandLine(process.pid());
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Matcher m = STARTUP_COMPLETED.matcher(output);
            double startupLog = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
            return new Start((ready - t0) / 1e6, startupLog, rssMb, command);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    /** The JVM's command line as it really runs (after the launcher script's exec). */
    private static String commandLine(long pid) throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"));
        return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String javaVersion() {
        try {
            Process p = new ProcessBuilder("java", "-version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.lines().findFirst().orElse("java ?");
        } catch (IOException | InterruptedException e) {
            return "java ?";
        }
    }

    static double median(List<Start> starts, ToDoubleFunction<Start> value) {
        double[] v = starts.stream().mapToDouble(value).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static double worst(List<Start> starts, ToDoubleFunction<Start> value) {
        return starts.stream().mapToDouble(value).max().orElse(Double.NaN);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }
}
