package aikpi.testing.launch;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How the end-to-end tests, the reliability harnesses and the benchmarks start a service from its packaged jar, as a
 * process of its own: by default through {@code bin/start-service.sh} (the flags the suite ships), or as
 * {@code java <flags> -jar} for a run that measures other flags. A launcher is a recipe: {@link #start} can be called
 * again for a restart on the same port, working directory and database.
 */
public final class ServiceLauncher {

    public static final String VERSION = "0.1.0-SNAPSHOT";
    private static final Map<String, String> PORT_VARIABLES = Map.of("tongyi-service", "TONGYI_PORT",
            "quark-service", "QUARK_PORT", "cloud-billing-service", "BILLING_PORT", "gateway", "GATEWAY_PORT");

    private final Path root;
    private final String module;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private int port;
    private Path directory;
    private Path log;
    private boolean appendLog;
    private String java;
    private List<String> jvmFlags;
    private Predicate<String> withheld = variable -> false;

    private ServiceLauncher(Path root, String module) {
        this.root = root;
        this.module = module;
    }

    /** Starts {@code module} of the suite under {@code root} on a free port, in the working directory, by the launcher script. */
    public static ServiceLauncher of(Path root, String module) throws IOException {
        ServiceLauncher launcher = new ServiceLauncher(root, module);
        launcher.port = freePort();
        launcher.directory = Path.of("").toAbsolutePath();
        return launcher;
    }

    /** A port nothing listens on now (the operating system's choice). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The packaged jar of a module: {@code <root>/<module>/target/<module>-<version>.jar}. */
    public static Path jar(Path root, String module) {
        return root.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
    }

    /** The class-data archive {@code bin/start-service.sh} records beside the jar. */
    public static Path archive(Path root, String module) {
        return root.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jsa");
    }

    /** The variable that sets a module's HTTP port, e.g. {@code TONGYI_PORT}. */
    public static String portVariable(String module) {
        String variable = PORT_VARIABLES.get(module);
        if (variable == null) {
            throw new IllegalArgumentException("no port variable known for " + module);
        }
        return variable;
    }

    /**
     * The suite's root: {@code -Dsuite.root} if given, else the first directory from the working directory up that
     * holds {@code bin/start-service.sh} (a module's directory when Maven runs there).
     */
    public static Path suiteRoot() {
        Path start = Path.of(System.getProperty("suite.root", ".")).toAbsolutePath().normalize();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("bin").resolve("start-service.sh"))) {
                return p;
            }
        }
        return start;
    }

    public ServiceLauncher port(int port) {
        this.port = port;
        return this;
    }

    /** The working directory: where the embedded database ({@code ./data/...}) goes. */
    public ServiceLauncher directory(Path directory) {
        this.directory = directory;
        return this;
    }

    /** Where the output goes; {@code append} keeps what earlier starts wrote (a restart). */
    public ServiceLauncher log(Path log, boolean append) {
        this.log = log;
        this.appendLog = append;
        return this;
    }

    public ServiceLauncher environment(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    /** Variables of this process's environment that the service must not inherit (it runs as shipped without them). */
    public ServiceLauncher withhold(Predicate<String> variable) {
        this.withheld = variable;
        return this;
    }

    /** {@code <java> <flags> -jar <jar>} instead of the launcher script, with this JVM's java. */
    public ServiceLauncher java(List<String> flags) {
        return java(Path.of(System.getProperty("java.home"), "bin", "java").toString(), flags);
    }

    /** {@code <executable> <flags> -jar <jar>} instead of the launcher script. */
    public ServiceLauncher java(String executable, List<String> flags) {
        this.java = executable;
        this.jvmFlags = List.copyOf(flags);
        return this;
    }

    public String module() {
        return module;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path jar() {
        return jar(root, module);
    }

    /** The command a start runs. */
    public List<String> command() {
        if (jvmFlags == null) {
            return List.of("bash", root.resolve("bin").resolve("start-service.sh").toString(), module);
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar().toString());
        return command;
    }

    /** Starts the process (without waiting for it: {@link ServiceProcess#awaitHealthy}). */
    public ServiceProcess start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command()).directory(directory.toFile()).redirectErrorStream(true);
        if (log != null) {
            builder.redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()));
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(withheld);
        if (PORT_VARIABLES.containsKey(module)) {
            env.put(portVariable(module), String.valueOf(port));
        }
        env.putAll(environment);
        long started = System.nanoTime();
        return new ServiceProcess(module, url(), builder.start(), started, log);
    }
}
