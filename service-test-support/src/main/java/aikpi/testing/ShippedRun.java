package aikpi.testing;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service's benchmark harness runs against, next to what ships: the datasource URL derived from the shipped default in
 * the service's own {@code application.yml} (only the file path moved into the harness's temporary directory), the
 * JVM the in-process server runs in next to {@code bin/start-service.sh}'s flags, and every other setting that
 * differs. Harnesses print {@link #report} at the top of their output.
 *
 */
public final class ShippedRun {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):");
    private static final String FILE_PREFIX = "jdbc:h2:file:";

    private final String module;
    private final String urlVariable;
    private final String yml;
    private final URL ymlSource;
    private final String shippedUrl;
    private final String url;
    private final Path root;
    /** Setting → why this run sets it otherwise than the shipped default. */
    private final Map<String, String> differences = new LinkedHashMap<>();

    /**
     * @param module      the service module, e.g. {@code tongyi-service}
     * @param urlVariable the variable that would override the shipped URL, e.g. {@code TONGYI_DB_URL}
     * @param dir         the harness's temporary working directory; the database goes where a service started in
     *                    it would put it ({@code ./data/...} relative to it)
     */
    public ShippedRun(String module, String urlVariable, Path dir) throws IOException {
        this.module = module;
        this.urlVariable = urlVariable;
        this.ymlSource = ShippedRun.class.getClassLoader().getResource("application.yml");
        if (ymlSource == null) {
            throw new IllegalStateException("no application.yml on the classpath: is " + module + " compiled?");
        }
        try (InputStream in = ymlSource.openStream()) {
            this.yml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("\\$\\{" + urlVariable + ":`([^`]+)`}").matcher(yml);
        if (!m.find()) {
            throw new IllegalStateException("the shipped application.yml (" + ymlSource + ") has no default "
                    + "datasource URL behind ${" + urlVariable + ":`...`}");
        }
        this.shippedUrl = m.group(1);
        this.url = inDirectory(shippedUrl, dir);
        this.root = suiteRoot();
    }

    /**
     * The shipped URL with its relative file path resolved against {@code dir} instead of the service's working
     * directory; every setting after the path is kept as it is, character for character.
     */
    public static String inDirectory(String shipped, Path dir) {
        int settings = shipped.indexOf(';');
        String path = settings < 0 ? shipped.substring(FILE_PREFIX.length()) : shipped.substring(FILE_PREFIX.length(), settings);
        if (!shipped.startsWith(FILE_PREFIX) || !path.startsWith("./")) {
            throw new IllegalStateException("the shipped datasource URL " + shipped + " is not a relative H2 file URL; "
                    + "this harness only knows how to move such a URL into a temporary directory");
        }
        String moved = FILE_PREFIX + dir.toAbsolutePath().resolve(path.substring(2)).normalize()
                + (settings < 0 ? "" : shipped.substring(settings));
        if (!settingsOf(moved).equals(settingsOf(shipped))) {
            throw new IllegalStateException("derived " + moved + " does not keep the settings of " + shipped);
        }
        return moved;
    }

    private static String settingsOf(String url) {
        int i = url.indexOf(';');
        return i < 0 ? "" : url.substring(i);
    }

    /** The datasource URL this run uses: the shipped one, in the harness's directory. */
    public String url() {
        return url;
    }

    public String shippedUrl() {
        return shippedUrl;
    }

    /** Records a setting this run makes otherwise than the shipped default, and why. */
    public ShippedRun differs(String setting, String why) {
        differences.put(setting, why);
        return this;
    }

    /** Prints the run's configuration and every way it differs from what ships (call once the context runs). */
    public void report(ApplicationContext context) {
        System.out.println("---- what this run measures, next to what ships (" + module + ") ----");
        System.out.println("shipped configuration: " + ymlSource);
        System.out.println("datasource, shipped default: " + shippedUrl);
        System.out.println("datasource, this run:        " + url);
        System.out.println("  same settings (" + settingsOf(shippedUrl) + "); only the file path differs: the shipped "
                + "./data/... resolved against the harness's temporary directory instead of the service's working directory");
        String fromEnv = System.getenv(urlVariable);
        if (fromEnv != null) {
            System.out.println("  " + urlVariable + " is set here (" + fromEnv + ") but not used: this run measures the shipped default");
        }
        Set<String> variables = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(yml);
        while (m.find()) {
            if (System.getenv(m.group(1)) != null && !m.group(1).equals(urlVariable)) {
                variables.add(m.group(1) + "=" + System.getenv(m.group(1)));
            }
        }
        System.out.println("configuration from the environment (variables of application.yml that are set): "
                + (variables.isEmpty() ? "none, so every other setting is the shipped default" : variables));
        System.out.println("environments active: " + context.getEnvironment().getActiveNames()
                + " (the shipped main starts with the default environment \"dev\" when none is set)");
        List<String> other = new ArrayList<>();
        differences.forEach((k, v) -> other.add(k + ": " + v));
        if (ShippedRun.class.getClassLoader().getResource("logback-test.xml") != null) {
            other.add("logging: the test classpath's logback-test.xml (root WARN) instead of the shipped logging "
                    + "configuration (kpi-platform's ConsoleLogConfigurator, root INFO); the services log at INFO only at start-up, never per request");
        }
        other.add("classpath: the module's test classpath (its classes and shipped resources, plus test-scope jars; "
                + "service-test-support's TestTokens signs the harness's tokens with the service's own secret)");
        System.out.println("other differences from a shipped start:");
        other.forEach(o -> System.out.println("  - " + o));
        printJvm();
        System.out.println("--------------------------------------------------------------------------------");
    }

    private void printJvm() {
        List<String> input = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> shippedFlags = LauncherFlags.shipped(root, module);
        System.out.println("JVM: the service runs in-process, in Maven's JVM (exec:java), NOT under bin/start-service.sh's "
                + "flags; the load client shares this JVM and the machine's cores");
        System.out.println("  this JVM's input arguments: " + input + " (Java " + System.getProperty("java.version") + ")");
        List<String> gcs = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.add(gc.getName());
        }
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        System.out.printf("  in effect here: GC %s, TieredStopAtLevel=%s, InitialHeapSize=%s MB, MaxHeapSize=%s MB, "
                        + "CDS archive %s%n", gcs, hotspot.getVMOption("TieredStopAtLevel").getValue(),
                mb(hotspot.getVMOption("InitialHeapSize").getValue()), mb(hotspot.getVMOption("MaxHeapSize").getValue()),
                hotspot.getVMOption("SharedArchiveFile").getValue().isEmpty() ? "the JDK's default" : hotspot.getVMOption("SharedArchiveFile").getValue());
        if (shippedFlags.isEmpty()) {
            System.out.println("  bin/start-service.sh not found under " + root + "; cannot compare with the shipped flags");
            return;
        }
        System.out.println("  shipped: bin/start-service.sh " + module + " runs java " + String.join(" ", shippedFlags)
                + " [-XX:SharedArchiveFile=" + module + "/target/" + module + "-<version>.jsa -Xshare:auto] -jar <jar>");
        List<String> missing = shippedFlags.stream().filter(f -> !input.contains(f)).toList();
        List<String> extra = input.stream().filter(f -> f.startsWith("-X") && !shippedFlags.contains(f)).toList();
        System.out.println("  shipped flags missing here: " + (missing.isEmpty() ? "none" : String.join(" ", missing))
                + "; JVM options (-X...) here that the launcher does not set: " + (extra.isEmpty() ? "none" : String.join(" ", extra))
                + "; the class-data archive is not used here");
        if (!missing.isEmpty()) {
            System.out.println("  (for the launcher's flags, run with MAVEN_OPTS=\"" + String.join(" ", shippedFlags)
                    + "\"; they then apply to Maven and the load client too)");
        }
    }

    private static String mb(String bytes) {
        try {
            return String.valueOf(Long.parseLong(bytes) / (1024 * 1024));
        } catch (NumberFormatException e) {
            return bytes;
        }
    }

    /** The suite's root: the first directory above this class's location (or the working directory) with bin/start-service.sh. */
    private static Path suiteRoot() {
        List<Path> starts = new ArrayList<>();
        try {
            starts.add(Path.of(ShippedRun.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (Exception e) {
            // fall back to the working directory
        }
        starts.add(Path.of(System.getProperty("user.dir")));
        for (Path start : starts) {
            for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("bin").resolve("start-service.sh"))) {
                    return p;
                }
            }
        }
        return null;
    }

    /** The bytes of every file below {@code dir} (a harness's database on disk). */
    public static long sizeOnDisk(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Removes {@code dir} and everything below it (a harness's temporary directory). */
    public static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
