package aikpi.e2e;

import aikpi.testing.LauncherFlags;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * The service processes a {@link RunningSuite} started (this JVM's children, found by the jar they run) and what the
 * harnesses read of them from {@code /proc} and {@code jcmd}: their JVM command lines, working directories,
 * environments and resident sets. {@link #report} prints how they were started next to what ships.
 */
final class SuiteProcesses {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):(`[^`]*`|[^}]*)}");

    private SuiteProcesses() {
    }

    /** The service JVMs among this JVM's children, by module (the launcher execs the JVM, so each is the child itself). */
    static Map<String, ProcessHandle> find(Path root) {
        Map<String, ProcessHandle> found = new LinkedHashMap<>();
        List<ProcessHandle> children = ProcessHandle.current().children().toList();
        for (String module : RunningSuite.MODULES) {
            String jar = RunningSuite.jar(root, module).toString();
            for (ProcessHandle child : children) {
                List<String> command = commandLine(child.pid());
                int i = command.indexOf("-jar");
                if (i >= 0 && i + 1 < command.size() && command.get(i + 1).equals(jar)) {
                    found.put(module, child);
                }
            }
            if (!found.containsKey(module)) {
                throw new IllegalStateException("no child process runs " + jar + " (children: "
                        + children.stream().map(c -> c.pid() + " " + commandLine(c.pid())).toList() + ")");
            }
        }
        return found;
    }

    static List<String> commandLine(long pid) {
        try {
            String raw = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"), StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : Arrays.asList(raw.split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The JVM options of a service's command line: what stands between the java executable and {@code -jar}. */
    static List<String> jvmOptions(long pid) {
        List<String> command = commandLine(pid);
        int jar = command.indexOf("-jar");
        return jar < 1 ? List.of() : command.subList(1, jar);
    }

    static Map<String, String> environment(long pid) {
        Map<String, String> env = new TreeMap<>();
        try {
            for (String entry : Files.readString(Path.of("/proc", String.valueOf(pid), "environ"), StandardCharsets.UTF_8).split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            // gone, or not ours: nothing to show
        }
        return env;
    }

    /** A field of {@code /proc/<pid>/status} in kB (VmRSS, VmHWM, RssAnon, RssFile), or -1. */
    static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return -1;
    }

    /** Runs {@code jcmd <pid> <command...>} (the jcmd beside the service's own java), at most 30 s; answers its output. */
    static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        Path jcmd;
        try {
            jcmd = Path.of("/proc", String.valueOf(pid), "exe").toRealPath().resolveSibling("jcmd");
        } catch (IOException e) {
            jcmd = Path.of("jcmd");
        }
        List<String> args = new ArrayList<>(List.of(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", String.valueOf(pid)));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + String.join(" ", command) + " did not finish within 30 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed (" + p.exitValue() + "): " + text.trim());
        }
        return text;
    }

    static String workingDirectory(long pid) {
        try {
            return Path.of("/proc", String.valueOf(pid), "cwd").toRealPath().toString();
        } catch (IOException e) {
            return "?";
        }
    }

    /** The {@code application.yml} a module's jar ships, or "" if it has none. */
    static String shippedYml(Path root, String module) throws IOException {
        try (JarFile jar = new JarFile(RunningSuite.jar(root, module).toFile())) {
            ZipEntry e = jar.getEntry("application.yml");
            if (e == null) {
                return "";
            }
            try (InputStream in = jar.getInputStream(e)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** Variable → shipped default, of every {@code ${VARIABLE:default}} in a shipped application.yml. */
    static Map<String, String> shippedDefaults(String yml) {
        Map<String, String> defaults = new LinkedHashMap<>();
        Matcher m = PLACEHOLDER.matcher(yml);
        while (m.find()) {
            defaults.putIfAbsent(m.group(1), m.group(2).replace("`", ""));
        }
        return defaults;
    }

    /**
     * Prints how each service was started next to what ships: the launcher and each JVM's actual options (from
     * {@code /proc/<pid>/cmdline}) against {@code bin/start-service.sh}'s flags, the working directory its embedded
     * database lives under, the datasource URL it runs with, and every variable of its shipped configuration that the
     * run sets, with the shipped default beside it and why it differs.
     *
     * @param reasons variable → why the run sets it (ports, service URLs and JAVA_TOOL_OPTIONS are explained here)
     */
    static void report(Path root, Map<String, ProcessHandle> services, Map<String, String> reasons) throws IOException {
        System.out.println("---- how the services run, next to what ships ----");
        System.out.println("launcher: bin/start-service.sh <module> (the suite's own, as ./run-suite.sh starts each service); "
                + "its flags per module (bin/start-service.sh --flags <module>) [+ -XX:SharedArchiveFile=<module>.jsa -Xshare:auto once recorded]");
        for (Map.Entry<String, ProcessHandle> s : services.entrySet()) {
            String module = s.getKey();
            long pid = s.getValue().pid();
            List<String> flags = LauncherFlags.shipped(root, module);
            List<String> options = jvmOptions(pid);
            List<String> missing = flags.stream().filter(f -> !options.contains(f)).toList();
            Path jar = RunningSuite.jar(root, module);
            System.out.printf("  %-22s pid %d: java %s -jar %s%n", module, pid, String.join(" ", options), jar.getFileName());
            System.out.printf("  %-22s   launcher flags %s; class-data archive %s; jar built %s%n", "",
                    flags.isEmpty() ? "UNKNOWN (bin/start-service.sh --flags did not answer)"
                            : missing.isEmpty() ? "all present" : "MISSING " + missing,
                    options.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile=")) ? "in use" : "NOT in use",
                    Instant.ofEpochMilli(Files.getLastModifiedTime(jar).toMillis()));
            Map<String, String> env = environment(pid);
            Map<String, String> defaults = shippedDefaults(shippedYml(root, module));
            String cwd = workingDirectory(pid);
            defaults.keySet().stream().filter(v -> v.endsWith("_DB_URL")).findFirst().ifPresent(v -> System.out.printf(
                    "  %-22s   datasource: %s%n", "", env.containsKey(v) ? v + "=" + env.get(v) + " (NOT the shipped default "
                            + defaults.get(v) + ")" : "the shipped default " + defaults.get(v) + " (" + v + " not set), under the working directory " + cwd));
            List<String> set = new ArrayList<>();
            for (Map.Entry<String, String> d : defaults.entrySet()) {
                String v = d.getKey();
                if (env.containsKey(v) && !v.endsWith("_DB_URL")) {
                    String why = reasons.getOrDefault(v, v.endsWith("_PORT") ? "a free port, so the run never meets a running suite"
                            : v.endsWith("_URL") ? "the service it calls, on that service's port here"
                            : v.equals("GATEWAY_DEMO_NOTICE") ? "as ./run-suite.sh sets it when it loads the demo data" : null);
                    set.add(v + "=" + env.get(v) + " (shipped default " + d.getValue() + (why == null ? "" : "; " + why) + ")");
                }
            }
            for (String v : List.of("JAVA_TOOL_OPTIONS", "MICRONAUT_ENVIRONMENTS", "JAVA_OPTS")) {
                if (env.containsKey(v)) {
                    set.add(v + "=" + env.get(v) + " (set in the environment; " + reasons.getOrDefault(v, "not set by the harness") + ")");
                }
            }
            System.out.printf("  %-22s   configuration set by the environment: %s%n", "", set.isEmpty() ? "none (all shipped defaults)" : "");
            set.forEach(x -> System.out.printf("  %-22s     %s%n", "", x));
        }
        System.out.println("--------------------------------------------------");
    }
}
