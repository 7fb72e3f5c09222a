package aikpi.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Harness (not a test): the resident set of each service after the demo data is loaded, the way {@code ./run-suite.sh}
 * runs the suite. It starts the four services from their jars with {@code bin/start-service.sh} in a fresh data
 * directory ({@link RunningSuite}, with nothing but free ports configured), reads each one's RSS ({@code VmRSS} of
 * {@code /proc/<pid>/status}) when idle after start, loads the demo data set with the demo-data module's loader
 * ({@code java -jar demo-data.jar}, as run-suite.sh does), waits, reads the RSS again, then runs a full GC in each
 * ({@code jcmd <pid> GC.run}) and reads it a third time, with the heap in use after that GC: what the heap retains
 * against what was garbage. The target: under 200 MB per service.
 *
 * <p>Run after {@code mvn -B -q package -DskipTests}: {@code mvn -B -q -pl e2e-tests test-compile exec:java
 * -Dexec.mainClass=aikpi.e2e.MemoryAfterDemoLoad} ({@code -Dbench.idleSeconds=5}, {@code -Dbench.settleSeconds=5}:
 * the waits before each reading; {@code -Dbench.maxMinutes=15}: the whole run's bound; {@code -Dbench.short=true}
 * waits 2 s each). Everything runs on loopback.
 */
public final class MemoryAfterDemoLoad {

    private static final long TARGET_MB = 200;
    private static final Pattern GENERATION = Pattern.compile("(?m)^\\s*(def new generation|tenured generation|garbage-first heap|PSYoungGen|ParOldGen)\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern METASPACE = Pattern.compile("Metaspace\\s+used (\\d+)K, committed (\\d+)K");

    private MemoryAfterDemoLoad() {
    }

    /** One reading of a service's memory, in kB. */
    private record Rss(long rss, long anon, long file, long peak) {
        static Rss of(long pid) {
            return new Rss(SuiteProcesses.statusKb(pid, "VmRSS"), SuiteProcesses.statusKb(pid, "RssAnon"),
                    SuiteProcesses.statusKb(pid, "RssFile"), SuiteProcesses.statusKb(pid, "VmHWM"));
        }
    }

    public static void main(String[] args) throws Exception {
        boolean shortRun = Boolean.getBoolean("bench.short");
        int idleSeconds = Integer.getInteger("bench.idleSeconds", shortRun ? 2 : 5);
        int settleSeconds = Integer.getInteger("bench.settleSeconds", shortRun ? 2 : 5);
        long maxMinutes = Long.getLong("bench.maxMinutes", 15L);
        Path root = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("memory-after-demo");
        System.out.printf("Memory after the demo load: four services from %s via bin/start-service.sh, data under %s; "
                + "readings %d s after start and %d s after the load; target < %d MB each%n", root, work, idleSeconds,
                settleSeconds, TARGET_MB);
        Map<String, String> env = candidateEnvironment(System.getProperty("bench.env", ""));
        if (!env.isEmpty()) {
            System.out.println("DIFFERS FROM WHAT SHIPS: every service also gets " + env + " (bench.env)");
        }
        RunningSuite suite = new RunningSuite(root, work, env);
        // Whatever ends this run (the bound, Ctrl-C, a failure), the services are stopped with it.
        Thread stopper = new Thread(() -> {
            try {
                suite.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-suite");
        Runtime.getRuntime().addShutdownHook(stopper);
        Thread bound = new Thread(() -> {
            try {
                Thread.sleep(maxMinutes * 60_000);
                System.err.printf("MemoryAfterDemoLoad: still running after %d minutes (bench.maxMinutes); stopping%n", maxMinutes);
                System.exit(3);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "time-bound");
        bound.setDaemon(true);
        bound.start();

        long t0 = System.nanoTime();
        suite.start();
        System.out.printf("All four services answer /health after %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Map<String, ProcessHandle> services = SuiteProcesses.find(root);
        SuiteProcesses.report(root, services, Map.of());
        System.out.println("JVM flags in use (each service's command line) and the heap limit they leave:");
        for (Map.Entry<String, ProcessHandle> s : services.entrySet()) {
            long pid = s.getValue().pid();
            Matcher max = Pattern.compile("-XX:MaxHeapSize=(\\d+)").matcher(SuiteProcesses.jcmd(pid, "VM.flags"));
            System.out.printf("  %-22s %s   (MaxHeapSize %s)%n", s.getKey(), String.join(" ", SuiteProcesses.jvmOptions(pid)),
                    max.find() ? Long.parseLong(max.group(1)) / (1024 * 1024) + " MB" : "?");
        }

        Thread.sleep(idleSeconds * 1000L);
        Map<String, Rss> idle = read(services);

        System.out.println("Loading the demo data set (java -jar demo-data jar, as run-suite.sh does) ...");
        t0 = System.nanoTime();
        String loaderOutput = suite.loadDemoData();
        System.out.printf("  loaded in %.1f s; the loader's last lines:%n", (System.nanoTime() - t0) / 1e9);
        List<String> lines = loaderOutput.lines().filter(l -> !l.isBlank()).toList();
        lines.subList(Math.max(0, lines.size() - 4), lines.size()).forEach(l -> System.out.println("    " + l));

        Thread.sleep(settleSeconds * 1000L);
        Map<String, Rss> loaded = read(services);

        Map<String, Heap> before = new LinkedHashMap<>();
        Map<String, Heap> after = new LinkedHashMap<>();
        for (Map.Entry<String, ProcessHandle> s : services.entrySet()) {
            before.put(s.getKey(), Heap.of(SuiteProcesses.jcmd(s.getValue().pid(), "GC.heap_info")));
            SuiteProcesses.jcmd(s.getValue().pid(), "GC.run");
        }
        Thread.sleep(2_000);
        Map<String, Rss> collected = read(services);
        if (env.values().stream().anyMatch(v -> v.contains("NativeMemoryTracking"))) {
            for (Map.Entry<String, ProcessHandle> s : services.entrySet()) {
                System.out.printf("%nNative memory of %s after the full GC (jcmd VM.native_memory summary):%n", s.getKey());
                SuiteProcesses.jcmd(s.getValue().pid(), "VM.native_memory", "summary", "scale=MB").lines()
                        .filter(l -> l.matches("\\s*(Total|-\\s+\\S.*\\(reserved=).*"))
                        .forEach(l -> System.out.println("  " + l.strip()));
            }
        }
        for (Map.Entry<String, ProcessHandle> s : services.entrySet()) {
            after.put(s.getKey(), Heap.of(SuiteProcesses.jcmd(s.getValue().pid(), "GC.heap_info")));
        }

        System.out.printf("%nResident set (VmRSS) per service, MB; the target is < %d MB after the load. Heap: used / committed "
                + "(GC.heap_info) just before and just after a full GC (jcmd GC.run)%n", TARGET_MB);
        System.out.printf("  %-22s %7s %11s %14s   %-15s %-15s %9s   %s%n", "service", "idle", "after load", "after full GC",
                "heap before GC", "heap after GC", "metaspace", "target (after load)");
        List<String> over = new ArrayList<>();
        for (String module : services.keySet()) {
            Rss i = idle.get(module);
            Rss l = loaded.get(module);
            Rss c = collected.get(module);
            boolean met = l.rss() < TARGET_MB * 1024;
            if (!met) {
                over.add(module);
            }
            System.out.printf("  %-22s %7s %11s %14s   %-15s %-15s %9s   %s%n", module, mb(i.rss()), mb(l.rss()), mb(c.rss()),
                    before.get(module), after.get(module), after.get(module).metaspace(), met ? "< 200: met" : "OVER");
        }
        System.out.println("  RSS after the load, split: anonymous memory (heap, metaspace, code cache, thread stacks, direct buffers, "
                + "malloc) and mapped files (jar, CDS archive, JDK); what is anonymous outside the committed heap; the peak (VmHWM):");
        for (String module : services.keySet()) {
            Rss l = loaded.get(module);
            System.out.printf("     %-22s anon %6s MB (outside the heap committed before the GC: %6s MB), file %5s MB, peak %6s MB%n",
                    module, mb(l.anon()), mb(l.anon() - before.get(module).committed()), mb(l.file()), mb(l.peak()));
        }
        System.out.printf("RESULT RSS after the demo load: %s; target < %d MB per service %s%n",
                String.join(", ", services.keySet().stream().map(m -> m + " " + mb(loaded.get(m).rss()) + " MB").toList()),
                TARGET_MB, over.isEmpty() ? "met by all four" : "NOT met by " + over);
        Runtime.getRuntime().removeShutdownHook(stopper);
        suite.close();
        bound.interrupt();
        System.exit(0);
    }

    /**
     * A candidate's environment for every service ({@code bench.env}: {@code NAME=value} entries separated by
     * {@code |}), e.g. {@code JAVA_TOOL_OPTIONS=-XX:NativeMemoryTracking=summary|MALLOC_ARENA_MAX=2}; empty: what ships.
     */
    static Map<String, String> candidateEnvironment(String spec) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : spec.split("\\|")) {
            if (!entry.isBlank()) {
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("bench.env entry without NAME=: " + entry);
                }
                env.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
            }
        }
        return env;
    }

    private static Map<String, Rss> read(Map<String, ProcessHandle> services) {
        Map<String, Rss> readings = new LinkedHashMap<>();
        services.forEach((module, p) -> {
            if (!p.isAlive()) {
                throw new IllegalStateException(module + " (pid " + p.pid() + ") is no longer running");
            }
            readings.put(module, Rss.of(p.pid()));
        });
        return readings;
    }

    /** The heap in use and committed (kB), and the metaspace in use, of a {@code GC.heap_info} answer. */
    private record Heap(long used, long committed, String metaspace) {
        static Heap of(String heapInfo) {
            long total = 0;
            long used = 0;
            Matcher g = GENERATION.matcher(heapInfo);
            while (g.find()) {
                total += Long.parseLong(g.group(2));
                used += Long.parseLong(g.group(3));
            }
            Matcher m = METASPACE.matcher(heapInfo);
            return new Heap(total == 0 ? -1 : used, total == 0 ? -1 : total, m.find() ? mb(Long.parseLong(m.group(1))) + " MB" : "?");
        }

        @Override
        public String toString() {
            return mb(used) + " / " + mb(committed);
        }
    }

    private static String mb(long kb) {
        return kb < 0 ? "?" : String.format("%.1f", kb / 1024.0);
    }
}
