package aikpi.e2e;

import static org.awaitility.Awaitility.await;

import aikpi.testing.launch.ServiceLauncher;
import aikpi.testing.launch.ServiceProcess;
import java.io.IOException;
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
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Benchmark harness (not a test): each service's start-up time and memory, and tongyi-service's ingest throughput
 * right after start and once warm, for its production launch ({@code bin/start-service.sh}, as run-suite.sh and
 * {@link RunningSuite} start it) side by side with a plain {@code java -jar} of the same jar (and, on request, candidate
 * JVM flag sets), in the same run, round by round, one process at a time.
 *
 * <p>Per start: <b>time to ready</b> from the process start to the first {@code GET /health} that answers 200 (polled
 * every 10 ms); Micronaut's own "Startup completed in N ms"; <b>idle RSS</b> ({@code VmRSS} of
 * {@code /proc/<pid>/status}) after the first 200 and {@code bench.idle} ms idle; whether the service's class-data
 * archive is mapped ({@code /proc/<pid>/maps}). For tongyi-service, then, the usage-ingest load of {@link IngestLoad}
 * from outside the process over loopback HTTP (two senders, 5,000-event batches): the <b>cold</b> rate of its first
 * 10 s, the <b>steady</b> rate (median of 10 s windows after a warm-up), and RSS after the load ({@code bench.idle} ms
 * after it stops) and its peak ({@code VmHWM}). Every start gets a fresh working directory and the service's shipped
 * configuration: the default (embedded H2 file) datasource under {@code ./data} of that directory, the development
 * environment as run-suite.sh runs it, no {@code JAVA_TOOL_OPTIONS}; only the port differs (a free one, through the
 * service's port variable). So the storing services create their database and run every migration, as at the first
 * start of a suite ({@code -Dbench.data=existing}: every start begins from a copy of a database an earlier start made,
 * as a restart does). A first, unmeasured round warms the page cache and this client, and lets the production launch
 * record its class-data archive if the jar or the launcher's flags are new.
 *
 * <p>Run after {@code mvn package -DskipTests}: {@code mvn -B -q -o -pl e2e-tests test-compile exec:java
 * -Dexec.mainClass=aikpi.e2e.StartupBenchmark}. Options: {@code -Dbench.runs=N} (rounds, default 3);
 * {@code -Dbench.short=true} (2 rounds, 10 s warm-up, 2 windows of 5 s); {@code -Dbench.modules=tongyi-service,...};
 * {@code -Dbench.ingest=false} (start-up only); {@code -Dbench.ingest.warmup=S}, {@code .windows=N}, {@code .window=S},
 * {@code .cold=S}, {@code .threads=N}, {@code .batch=N}; {@code -Dbench.ids=sequential} (the load's event ids; random
 * UUIDs by default, as producers send); {@code -Dbench.idle=2000}; {@code -Dbench.candidates=all} or a
 * list of {@link #CANDIDATES} names (flag sets measured beside the two launches, with the production launch's archive);
 * {@code -Dbench.custom="label=flag flag;label2=flag"} (more such sets, with the archive); {@code -Dbench.ablation=true}
 * (each flag of the production launch on its own); {@code -Dbench.data=existing}.
 */
public final class StartupBenchmark {

    /** The embedded database each storing service opens by default, relative to its working directory. */
    private static final Map<String, String> DEFAULT_DATABASES = Map.of("tongyi-service", "data/tongyi.mv.db",
            "quark-service", "data/quark.mv.db", "cloud-billing-service", "data/billing.mv.db");
    private static final String INGEST_MODULE = "tongyi-service";
    private static final Pattern STARTUP_COMPLETED = Pattern.compile("Startup completed in (\\d+) ?ms");
    private static final double TARGET_READY_MS = 1500;
    private static final double TARGET_RSS_MB = 200;
    private static final double TARGET_STEADY_RATIO = 0.95;

    private final Path root;
    private final Path work;
    private final long idleMillis;
    /** With the load: RSS is read again this long after the load stopped (what a collector gave back by then). */
    private final long settleMillis = Long.getLong("bench.settle", 15_000);
    private final IngestLoad.Settings ingest;
    /** With {@code -Dbench.data=existing}: per module, a working directory whose database every start begins from. */
    private final Map<String, Path> existingData = new LinkedHashMap<>();

    /**
     * One start: time to the first 200 from /health, Micronaut's own start-up figure, RSS after the idle time, the
     * command as it ran, whether the module's class-data archive was mapped; for the ingest module also the load's
     * result and RSS after it (VmRSS after the idle time, VmHWM the peak).
     */
    record Start(double readyMs, double startupLogMs, double rssMb, String command, boolean archiveMapped,
                 IngestLoad.Result load, double rssAfterLoadMb, double peakRssMb, double cpuToReadyMs,
                 double rssSettledMb) {

        double cold() {
            return load == null ? Double.NaN : load.coldRate();
        }

        double steady() {
            return load == null ? Double.NaN : load.steadyRate();
        }
    }

    /**
     * How a service is started: the production launch (the launcher script), the plain baseline, or a candidate flag
     * set, run as {@code java <flags> [the production launch's archive] -jar <jar>}.
     */
    record Launch(String label, List<String> jvmFlags, boolean archive, Map<String, String> env) {

        static final Launch BASELINE = new Launch("plain java -jar", List.of(), false);
        static final Launch TUNED = new Launch("bin/start-service.sh", null, false);

        Launch(String label, List<String> jvmFlags, boolean archive) {
            this(label, jvmFlags, archive, Map.of());
        }

        boolean tuned() {
            return jvmFlags == null;
        }
    }

    /**
     * Candidate flag sets ({@code -Dbench.candidates=all} or names), each with the class-data archive the production
     * launch recorded (valid whatever the collector or JIT; only compressed oops must match, which every heap below
     * 32 GB keeps). "tiered": the JVM's default JIT (C1 then C2), i.e. no {@code -XX:TieredStopAtLevel}.
     */
    static final Map<String, Launch> CANDIDATES = candidates();

    private static Map<String, Launch> candidates() {
        Map<String, Launch> c = new LinkedHashMap<>();
        c.put("c1-serial", new Launch("C1 serial 64m +CDS", List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xms64m"), true));
        c.put("tiered-serial", new Launch("tiered serial 64m +CDS", List.of("-XX:+UseSerialGC", "-Xms64m"), true));
        c.put("tiered-parallel", new Launch("tiered parallel 64m +CDS", List.of("-XX:+UseParallelGC", "-Xms64m"), true));
        c.put("tiered-g1", new Launch("tiered G1 (default) +CDS", List.of(), true));
        c.put("tiered-serial-xmx256", new Launch("tiered serial 64m-256m +CDS", List.of("-XX:+UseSerialGC", "-Xms64m",
                "-Xmx256m"), true));
        c.put("tiered-serial-cc48", new Launch("tiered serial 64m cc48m +CDS", List.of("-XX:+UseSerialGC", "-Xms64m",
                "-XX:ReservedCodeCacheSize=48m"), true));
        c.put("tiered-serial-ss512", new Launch("tiered serial 64m Xss512k +CDS", List.of("-XX:+UseSerialGC", "-Xms64m",
                "-Xss512k"), true));
        return c;
    }

    /** {@code -Dbench.custom="label=flag flag;label2=flag"}: more candidate sets, each with the archive. */
    static List<Launch> custom(String spec) {
        List<Launch> launches = new ArrayList<>();
        for (String entry : spec.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("bench.custom: '" + entry + "' is not label=flags");
            }
            // NAME=value words are environment variables of the process (e.g. MALLOC_ARENA_MAX=2), the rest JVM flags.
            List<String> words = Arrays.stream(entry.substring(eq + 1).trim().split("\\s+")).filter(f -> !f.isEmpty())
                    .toList();
            Map<String, String> env = new LinkedHashMap<>();
            List<String> flags = new ArrayList<>();
            for (String word : words) {
                if (word.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                    env.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
                } else {
                    flags.add(word);
                }
            }
            launches.add(new Launch(entry.substring(0, eq).trim() + " +CDS", flags, true, env));
        }
        return launches;
    }

    /**
     * With {@code -Dbench.ablation=true}, each flag of the production launch (as its command line showed it in the
     * warm-up round) on its own next to the baseline, and the class-data archive alone.
     */
    static List<Launch> ablation(List<String> shippedFlags) {
        List<Launch> launches = new ArrayList<>();
        List<String> others = shippedFlags.stream().filter(f -> !isArchiveFlag(f)).toList();
        for (String flag : others) {
            launches.add(new Launch(flag + " only", List.of(flag), false));
        }
        launches.add(new Launch("flags without CDS", others, false));
        launches.add(new Launch("CDS archive only", List.of(), true));
        return launches;
    }

    private static boolean isArchiveFlag(String flag) {
        return flag.startsWith("-XX:SharedArchiveFile=") || flag.startsWith("-Xshare:");
    }

    private StartupBenchmark(Path root, Path work, long idleMillis, IngestLoad.Settings ingest) {
        this.root = root;
        this.work = work;
        this.idleMillis = idleMillis;
        this.ingest = ingest;
    }

    static Path archive(Path root, String module) {
        return ServiceLauncher.archive(root, module);
    }

    /** Variables of the caller's environment that would change a service's configuration or JVM: never passed on. */
    private static final List<String> SCRUBBED = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS",
            "MICRONAUT_ENVIRONMENTS", "MICRONAUT_CONFIG_FILES", "KPI_CDS", "KPI_JAVA", "KPI_JWT_SECRET");

    private static boolean scrubbed(String variable) {
        return SCRUBBED.contains(variable) || variable.startsWith("KPI_") || variable.startsWith("MICRONAUT_")
                || variable.startsWith("DATASOURCES_") || variable.endsWith("_DB_URL") || variable.endsWith("_DB_USER")
                || variable.endsWith("_DB_PASSWORD") || variable.endsWith("_DB_POOL_SIZE") || variable.endsWith("_PORT")
                || variable.endsWith("_URL") || variable.endsWith("_MAX_REQUEST_SIZE") || variable.startsWith("TONGYI_")
                || variable.startsWith("QUARK_") || variable.startsWith("BILLING_") || variable.startsWith("GATEWAY_");
    }

    public static void main(String[] args) throws Exception {
        boolean shortRun = Boolean.getBoolean("bench.short");
        int runs = Integer.getInteger("bench.runs", shortRun ? 2 : 3);
        long idle = Long.getLong("bench.idle", 2000);
        List<String> modules = Arrays.stream(System.getProperty("bench.modules", String.join(",", RunningSuite.MODULES))
                .split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
        boolean withIngest = Boolean.parseBoolean(System.getProperty("bench.ingest", "true"))
                && modules.contains(INGEST_MODULE);
        IngestLoad.Settings settings = new IngestLoad.Settings(Integer.getInteger("bench.ingest.threads", 2),
                Integer.getInteger("bench.ingest.batch", 5_000), Integer.getInteger("bench.ingest.cold", 10),
                Integer.getInteger("bench.ingest.warmup", shortRun ? 10 : 20),
                Integer.getInteger("bench.ingest.windows", shortRun ? 2 : 3),
                Integer.getInteger("bench.ingest.window", shortRun ? 5 : 10));
        List<Launch> extra = new ArrayList<>();
        String candidates = System.getProperty("bench.candidates", "").strip();
        if (!candidates.isEmpty()) {
            for (String name : candidates.equals("all") ? CANDIDATES.keySet().toArray(String[]::new) : candidates.split(",")) {
                Launch candidate = CANDIDATES.get(name.strip());
                if (candidate == null) {
                    throw new IllegalArgumentException("bench.candidates: no candidate '" + name + "'; known: "
                            + CANDIDATES.keySet());
                }
                extra.add(candidate);
            }
        }
        extra.addAll(custom(System.getProperty("bench.custom", "")));
        boolean ablation = Boolean.getBoolean("bench.ablation");
        long settleSeconds = Long.getLong("bench.settle", 15_000) / 1000;

        Path suite = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("startup-bench");
        // The jars and the launcher as they are now, copied, so that a rebuild during the run cannot mix two builds
        // (or catch a jar half written); the launcher records its archive beside the copied jar.
        Path root = Boolean.parseBoolean(System.getProperty("bench.snapshot", "true"))
                ? snapshot(suite, modules, work.resolve("suite")) : suite;
        StartupBenchmark bench = new StartupBenchmark(root, work, idle, withIngest ? settings : null);

        System.out.printf("Start-up benchmark, %s, %d rounds, %s, %d cores, load average %s%n", Instant.now(), runs,
                javaVersion(), Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.println(root.equals(suite) ? "Jars and launcher: " + suite
                : "Jars and launcher: copies of " + suite + "'s bin/start-service.sh and <module>/target/<module>-"
                + VERSION + ".jar taken at the start (" + root + "); the launcher records its class-data archive there.");
        System.out.println("Configuration: each service as shipped for a local run (development environment, as"
                + " run-suite.sh), its default datasource (embedded H2 file under ./data of a fresh working directory"
                + " per start), no JAVA_TOOL_OPTIONS. Differs only in the port: a free one, set through the service's"
                + " port variable (TONGYI_PORT, ...).");
        List<String> removed = System.getenv().keySet().stream().filter(StartupBenchmark::scrubbed).sorted().toList();
        if (!removed.isEmpty()) {
            System.out.println("Not passed on from this environment (they would change the configuration): " + removed);
        }
        if (withIngest) {
            System.out.printf("Ingest load on %s after each start, from this JVM over loopback HTTP: %s; %d customers,"
                    + " %d models, events in 2025-Q1.%n", INGEST_MODULE, settings.describe(), IngestLoad.CUSTOMERS,
                    IngestLoad.MODELS);
        }
        int launchesPerRound = 2 + extra.size() + (ablation ? 4 : 0);
        double estimate = runs * launchesPerRound * ((modules.size() - (withIngest ? 1 : 0)) * 6.0
                + (withIngest ? 8.0 + settings.totalSeconds() + idle / 1000.0 : 0)) + modules.size() * 2 * 6.0
                + (withIngest ? 2 * (settings.coldSeconds() + 5) : 0);
        System.out.printf("Launches per round and service: %d; expect about %.0f min (plus recording archives).%n",
                launchesPerRound, estimate / 60);

        System.out.println("Warm-up round (not measured): page cache, this client, and the class-data archive if the"
                + " jar or the launcher is new ...");
        Map<String, List<String>> shippedFlags = new LinkedHashMap<>();
        IngestLoad.Settings warmLoad = new IngestLoad.Settings(settings.threads(), settings.batch(),
                settings.coldSeconds(), 0, 0, 1);
        for (String module : modules) {
            bench.start(module, Launch.BASELINE, warmLoad);
            Start tuned = bench.start(module, Launch.TUNED, warmLoad);
            System.out.printf("  %-22s tuned launch runs: %s (archive mapped: %s)%n", module, tuned.command(),
                    tuned.archiveMapped() ? "yes" : "NO");
            shippedFlags.put(module, jvmFlagsOf(tuned.command()));
            if (!extra.isEmpty() && !Files.isRegularFile(archive(root, module))) {
                throw new IllegalStateException("the production launch recorded no class-data archive for " + module
                        + " (" + archive(root, module) + "); the candidates need it");
            }
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

        Map<String, Map<Launch, List<Start>>> results = new LinkedHashMap<>();
        Map<String, List<Launch>> order = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (String module : modules) {
                List<Launch> launches = new ArrayList<>(List.of(Launch.BASELINE, Launch.TUNED));
                launches.addAll(extra);
                if (ablation) {
                    launches.addAll(ablation(shippedFlags.get(module)));
                }
                order.putIfAbsent(module, List.copyOf(launches));
                // Rotate which launch goes first, so that none always follows another.
                Collections.rotate(launches, run);
                for (Launch launch : launches) {
                    Start s = bench.start(module, launch, module.equals(INGEST_MODULE) ? bench.ingest : null);
                    results.computeIfAbsent(module, m -> new LinkedHashMap<>())
                            .computeIfAbsent(launch, l -> new ArrayList<>()).add(s);
                    System.out.printf("  run %d %-22s %-30s ready %6.0f ms  startup log %6.0f ms  CPU to ready %6.0f ms"
                                    + "  RSS %5.0f MB%s%s%n", run + 1, module, launch.label(), s.readyMs(),
                            s.startupLogMs(), s.cpuToReadyMs(), s.rssMb(),
                            launch.tuned() || launch.archive() ? s.archiveMapped() ? "  CDS" : "  NO CDS" : "",
                            s.load() == null ? "" : String.format("%n        ingest: cold %,7.0f ev/s, windows %s ->"
                                    + " steady %,7.0f ev/s; RSS after load %4.0f MB (peak %4.0f, %4.0f MB %d s later); %,d events; service"
                                    + " CPU per 1000 events %.0f ms cold, %.0f ms steady; other work %.2f cores",
                                    s.cold(), formatRates(s.load().windowRates()), s.steady(), s.rssAfterLoadMb(),
                                    s.peakRssMb(), s.rssSettledMb(), settleSeconds, s.load().events(),
                                    s.load().coldCpuMsPer1000(),
                                    s.load().steadyCpuMsPer1000(), s.load().othersCores()));
                }
                if (module.equals(INGEST_MODULE) && bench.ingest != null) {
                    Map<Launch, List<Start>> byLaunch = results.get(module);
                    double plain = last(byLaunch.get(Launch.BASELINE)).steady();
                    StringBuilder line = new StringBuilder(String.format("  round %d steady ratios to plain (%,.0f ev/s):",
                            run + 1, plain));
                    for (Launch launch : order.get(module)) {
                        if (launch != Launch.BASELINE) {
                            line.append(String.format("  %s %.3f", launch.label(), last(byLaunch.get(launch)).steady() / plain));
                        }
                    }
                    System.out.println(line);
                }
            }
        }
        bench.report(results, order, runs);
        deleteRecursively(work);
    }

    private void report(Map<String, Map<Launch, List<Start>>> results, Map<String, List<Launch>> order, int runs) {
        System.out.printf("%nMedians of %d rounds (finished %s, load average now %s). ready = process start -> first 200"
                + " from /health; idle RSS %d ms after it%s%n", runs, Instant.now(), loadAverage(), idleMillis,
                ingest == null ? "" : "; cold = " + INGEST_MODULE + "'s ingest in the first " + ingest.coldSeconds()
                        + " s of load; steady = median of " + ingest.windows() + " x " + ingest.windowSeconds()
                        + " s windows after " + (ingest.coldSeconds() + ingest.warmupSeconds())
                        + " s of load; RSS after load " + idleMillis + " ms after it stopped, peak = VmHWM");
        System.out.printf("  %-22s %-30s %8s %8s %8s %8s %8s %4s %10s %10s %8s %8s %9s %6s %8s%n", "service", "launch",
                "ready", "worst", "log", "CPU", "idle RSS", "CDS", "cold ev/s", "steady", "RSS load", "peak", "CPU ms/k",
                "others", "settled");
        for (var entry : results.entrySet()) {
            for (Launch launch : order.get(entry.getKey())) {
                List<Start> starts = entry.getValue().get(launch);
                boolean loaded = starts.get(0).load() != null;
                long mapped = starts.stream().filter(Start::archiveMapped).count();
                System.out.printf("  %-22s %-30s %5.0f ms %5.0f ms %5.0f ms %5.0f ms %5.0f MB %4s %10s %10s %8s %8s %9s %6s %8s%n",
                        entry.getKey(), launch.label(), median(starts, Start::readyMs), worst(starts, Start::readyMs),
                        median(starts, Start::startupLogMs), median(starts, Start::cpuToReadyMs),
                        median(starts, Start::rssMb),
                        launch.tuned() || launch.archive() ? mapped + "/" + starts.size() : "-",
                        loaded ? String.format("%,.0f", median(starts, Start::cold)) : "",
                        loaded ? String.format("%,.0f", median(starts, Start::steady)) : "",
                        loaded ? String.format("%.0f MB", median(starts, Start::rssAfterLoadMb)) : "",
                        loaded ? String.format("%.0f MB", median(starts, Start::peakRssMb)) : "",
                        loaded ? String.format("%.1f", median(starts, x -> x.load().steadyCpuMsPer1000())) : "",
                        loaded ? String.format("%.2f", median(starts, x -> x.load().othersCores())) : "",
                        loaded ? String.format("%.0f MB", median(starts, Start::rssSettledMb)) : "");
            }
        }
        System.out.println();
        System.out.println("Ratios to plain java -jar, median of the per-round ratios (rounds in brackets):");
        for (var entry : results.entrySet()) {
            List<Start> base = entry.getValue().get(Launch.BASELINE);
            for (Launch launch : order.get(entry.getKey())) {
                if (launch == Launch.BASELINE) {
                    continue;
                }
                List<Start> starts = entry.getValue().get(launch);
                StringBuilder line = new StringBuilder(String.format("  %-22s %-30s ready x%s faster", entry.getKey(),
                        launch.label(), ratios(base, starts, (b, s) -> b.readyMs() / s.readyMs())));
                if (base.get(0).load() != null) {
                    line.append(String.format("  cold x%s  steady x%s  steady CPU per event x%s",
                            ratios(starts, base, (s, b) -> s.cold() / b.cold()),
                            ratios(starts, base, (s, b) -> s.steady() / b.steady()),
                            ratios(starts, base, (s, b) -> s.load().steadyCpuMsPer1000() / b.load().steadyCpuMsPer1000())));
                }
                System.out.println(line);
            }
        }
        System.out.println();
        for (var entry : results.entrySet()) {
            List<Start> base = entry.getValue().get(Launch.BASELINE);
            for (Launch launch : order.get(entry.getKey())) {
                if (launch == Launch.BASELINE) {
                    continue;
                }
                List<Start> starts = entry.getValue().get(launch);
                double ready = median(starts, Start::readyMs);
                double rss = median(starts, Start::rssMb);
                StringBuilder line = new StringBuilder(String.format("%s %-22s %-30s ready %5.0f -> %5.0f ms (< %.0f: %s)"
                        + "  idle RSS %4.0f -> %4.0f MB (< %.0f: %s)", launch.tuned() ? "RESULT   " : "candidate",
                        entry.getKey(), launch.label(), median(base, Start::readyMs), ready, TARGET_READY_MS,
                        ready < TARGET_READY_MS ? "met" : "MISSED", median(base, Start::rssMb), rss, TARGET_RSS_MB,
                        rss < TARGET_RSS_MB ? "met" : "MISSED"));
                if (base.get(0).load() != null) {
                    double ratio = medianOf(pairwise(starts, base, (s, b) -> s.steady() / b.steady()));
                    double after = median(starts, Start::rssAfterLoadMb);
                    line.append(String.format("  steady %,.0f vs %,.0f ev/s, x%.3f (>= %.2f: %s)  cold %,.0f vs %,.0f ev/s"
                                    + "  RSS after load %.0f MB (< %.0f: %s)", median(starts, Start::steady),
                            median(base, Start::steady), ratio, TARGET_STEADY_RATIO,
                            ratio >= TARGET_STEADY_RATIO ? "met" : "MISSED", median(starts, Start::cold),
                            median(base, Start::cold), after, TARGET_RSS_MB, after < TARGET_RSS_MB ? "met" : "MISSED"));
                }
                System.out.println(line);
            }
        }
    }

    private static Start last(List<Start> starts) {
        return starts.get(starts.size() - 1);
    }

    private static double[] pairwise(List<Start> a, List<Start> b, java.util.function.BiFunction<Start, Start, Double> f) {
        double[] r = new double[Math.min(a.size(), b.size())];
        for (int i = 0; i < r.length; i++) {
            r[i] = f.apply(a.get(i), b.get(i));
        }
        return r;
    }

    private static String ratios(List<Start> a, List<Start> b, java.util.function.BiFunction<Start, Start, Double> f) {
        double[] r = pairwise(a, b, f);
        return String.format("%.3f [%s]", medianOf(r), Arrays.stream(r).mapToObj(v -> String.format("%.2f", v))
                .collect(Collectors.joining(" ")));
    }

    private static String formatRates(double[] rates) {
        return Arrays.stream(rates).mapToObj(v -> String.format("%,.0f", v)).collect(Collectors.joining(" "));
    }

    private static double medianOf(double[] values) {
        return IngestLoad.median(values);
    }

    /** The JVM flags of a command line {@code java <flags> -jar <jar>}. */
    static List<String> jvmFlagsOf(String command) {
        List<String> words = Arrays.asList(command.split(" "));
        int jar = words.indexOf("-jar");
        return jar < 1 ? List.of() : List.copyOf(words.subList(1, jar));
    }

    private static final String VERSION = ServiceLauncher.VERSION;

    /**
     * Copies the launcher and each module's jar to {@code to} (the same layout), each jar once it is complete: its size
     * and time unchanged for a second and its manifest naming a main class (a build may be writing it).
     */
    static Path snapshot(Path suite, List<String> modules, Path to) throws Exception {
        Files.createDirectories(to.resolve("bin"));
        Files.copy(suite.resolve("bin").resolve("start-service.sh"), to.resolve("bin").resolve("start-service.sh"));
        for (String module : modules) {
            Path jar = RunningSuite.jar(suite, module);
            Path copy = RunningSuite.jar(to, module);
            Files.createDirectories(copy.getParent());
            try {
                await().atMost(Duration.ofMinutes(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                        .until(() -> copiedWhole(jar, copy));
            } catch (ConditionTimeoutException e) {
                throw new IllegalStateException(jar + " is missing or not a complete runnable jar; build it with"
                        + " mvn -B -q package -DskipTests");
            }
        }
        return to;
    }

    /** Copies the jar once its size and time have not changed for a second and the copy is a whole runnable jar. */
    private static boolean copiedWhole(Path jar, Path copy) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            return false;
        }
        long size = Files.size(jar);
        var time = Files.getLastModifiedTime(jar);
        Thread.sleep(1000);
        if (size != Files.size(jar) || !time.equals(Files.getLastModifiedTime(jar))) {
            return false;
        }
        Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return runnable(copy) && Files.size(copy) == size;
    }

    private static boolean runnable(Path jar) {
        try (var file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getManifest() != null && file.getManifest().getMainAttributes().getValue("Main-Class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts the module once with the production launch and keeps its working directory (its database). */
    private Path startKeepingData(String module) throws Exception {
        Path dir = Files.createTempDirectory(work, module + "-data-");
        start(module, Launch.TUNED, dir, null);
        Files.deleteIfExists(dir.resolve("service.log"));
        return dir;
    }

    /** One start in a fresh working directory; the load only for the ingest module, and only if ingest is on. */
    private Start start(String module, Launch launch, IngestLoad.Settings load) throws Exception {
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
            return start(module, launch, dir, module.equals(INGEST_MODULE) && ingest != null ? load : null);
        } finally {
            deleteRecursively(dir);
        }
    }

    private Start start(String module, Launch launch, Path dir, IngestLoad.Settings load) throws Exception {
        Path log = dir.resolve("service.log");
        // The shipped configuration: nothing from this environment that would change it (see SCRUBBED); the port only.
        ServiceLauncher launcher = ServiceLauncher.of(root, module).directory(dir).log(log, false)
                .withhold(StartupBenchmark::scrubbed).environment(launch.env());
        if (!launch.tuned()) {
            List<String> flags = new ArrayList<>(launch.jvmFlags());
            if (launch.archive()) {
                flags.addAll(List.of("-XX:SharedArchiveFile=" + archive(root, module), "-Xshare:auto"));
            }
            launcher.java("java", flags);
        }
        int port = launcher.port();
        ServiceProcess process = launcher.start();
        try {
            double readyMs;
            double cpuToReady;
            try {
                readyMs = process.awaitHealthy(Duration.ofSeconds(180), Duration.ofMillis(10)).toNanos() / 1e6;
                cpuToReady = IngestLoad.processTicks(process.pid()) * 10.0;
            } catch (IllegalStateException notReady) {
                throw new IllegalStateException(launch.label() + ": " + notReady.getMessage(), notReady);
            }
            Thread.sleep(idleMillis);
            long pid = process.pid();
            double rssMb = status(pid, "VmRSS:") / 1024.0;
            String command = commandLine(pid);
            boolean mapped = archiveMapped(pid, module);
            String database = DEFAULT_DATABASES.get(module);
            if (database != null && existingData.isEmpty() && !Files.isRegularFile(dir.resolve(database))) {
                throw new IllegalStateException(module + " (" + launch.label() + ") did not open its default database "
                        + dir.resolve(database) + ": not the shipped configuration");
            }
            IngestLoad.Result result = null;
            double after = Double.NaN;
            double peak = Double.NaN;
            double settled = Double.NaN;
            if (load != null) {
                try {
                    result = new IngestLoad("http://127.0.0.1:" + port, load, pid).run();
                } catch (RuntimeException failed) {
                    // The service's own account of the failure, before its working directory is deleted.
                    throw new IllegalStateException(module + " (" + launch.label() + "): " + failed.getMessage()
                            + "\nthe service's log, last lines:\n" + lastLines(log, 60), failed);
                }
                Thread.sleep(idleMillis);
                after = status(pid, "VmRSS:") / 1024.0;
                peak = status(pid, "VmHWM:") / 1024.0;
                Thread.sleep(Math.max(0, settleMillis - idleMillis));
                settled = status(pid, "VmRSS:") / 1024.0;
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Matcher m = STARTUP_COMPLETED.matcher(output);
            double startupLog = m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
            return new Start(readyMs, startupLog, rssMb, command, mapped, result, after, peak, cpuToReady,
                    settled);
        } finally {
            process.stop(Duration.ofSeconds(30));
        }
    }

    private static String lastLines(Path log, int count) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /** Whether the module's class-data archive (the production launch's) is mapped into the process. */
    private boolean archiveMapped(long pid, String module) throws IOException {
        String archive = archive(root, module).toString();
        try (var lines = Files.lines(Path.of("/proc", String.valueOf(pid), "maps"))) {
            return lines.anyMatch(line -> line.endsWith(archive));
        }
    }

    /** A figure in kB of {@code /proc/<pid>/status} ({@code VmRSS:}, {@code VmHWM:}). */
    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no " + field + " for process " + pid);
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

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }
}
