package aikpi.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What a service reads from its environment, taken from its own configuration files in
 * {@code <module>/src/main/resources} (never from its classes, so this module depends on no service):
 * the {@code ${NAME:default}} placeholders of its {@code application*.yml} and the {@code ${NAME:-default}} ones of
 * its {@code logback*.xml} (if it has one), those of the security defaults every service takes from kpi-security
 * ({@link #SHARED_SECURITY_DEFAULTS}: the signing secret, the identity provider) and of the logging configuration it
 * takes from kpi-platform ({@link #SHARED_LOGGING}: the root level); its HTTP port, its health endpoint
 * and the variables that locate the services its HTTP clients call.
 *
 * @param variables          every environment variable the files name
 * @param portVariable       the variable {@code micronaut.server.port} reads, such as {@code TONGYI_PORT}
 * @param defaultPort        the port when that variable is not set
 * @param healthPath         the health endpoint's path ({@code endpoints.all.path} + {@code health})
 * @param healthSensitive    whether the health endpoint asks for authentication (a probe cannot give it)
 * @param clientUrlVariables per HTTP client id ({@code micronaut.http.services.<id>.url}), the variable of its URL
 */
record ServiceConfiguration(SuiteService service, Set<String> variables, String portVariable, int defaultPort,
                            String healthPath, boolean healthSensitive, Map<String, String> clientUrlVariables) {

    /** The security settings kpi-security adds to every service, with the variables they read. */
    static final Path SHARED_SECURITY_DEFAULTS = Path.of("kpi-security", "src", "main", "java", "aikpi", "security",
            "SecurityDefaults.java");
    /** The logging configuration kpi-platform gives every service, with the variable it reads. */
    static final Path SHARED_LOGGING = Path.of("kpi-platform", "src", "main", "java", "aikpi", "platform", "logging",
            "ConsoleLogConfigurator.java");
    private static final YAMLMapper YAML = new YAMLMapper();
    /** Micronaut's {@code ${NAME:default}} or {@code ${NAME}}; lower-case names are properties, not variables. */
    private static final Pattern MICRONAUT_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    /** Logback's {@code ${NAME:-default}} or {@code ${NAME}}. */
    private static final Pattern LOGBACK_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::-|})");
    /** A Java constant naming an environment variable: {@code LEVEL_VARIABLE = "LOG_LEVEL"}. */
    private static final Pattern JAVA_VARIABLE = Pattern.compile("_VARIABLE = \"([A-Z][A-Z0-9_]*)\"");
    /** A whole value that is one placeholder with a default, the default possibly quoted in back-ticks. */
    private static final Pattern PLACEHOLDER_WITH_DEFAULT = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):`?([^`}]*)`?}");

    static ServiceConfiguration of(SuiteService service) {
        Path resources = Suite.root().resolve(service.module).resolve("src").resolve("main").resolve("resources");
        try {
            Set<String> variables = new TreeSet<>();
            collect(MICRONAUT_PLACEHOLDER, Files.readString(Suite.root().resolve(SHARED_SECURITY_DEFAULTS)), variables);
            collect(JAVA_VARIABLE, Files.readString(Suite.root().resolve(SHARED_LOGGING)), variables);
            try (Stream<Path> files = Files.list(resources)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.matches("application.*\\.ya?ml")) {
                        collect(MICRONAUT_PLACEHOLDER, Files.readString(file), variables);
                    } else if (name.matches("logback.*\\.xml")) {
                        collect(LOGBACK_PLACEHOLDER, Files.readString(file), variables);
                    }
                }
            }
            JsonNode yml = YAML.readTree(Files.readString(resources.resolve("application.yml")));

            Matcher port = PLACEHOLDER_WITH_DEFAULT.matcher(yml.at("/micronaut/server/port").asString(""));
            if (!port.matches()) {
                throw new IllegalStateException(service + ": micronaut.server.port is not ${VARIABLE:default}");
            }
            String base = yml.at("/endpoints/all/path").asString("/");
            String healthPath = (base.endsWith("/") ? base : base + "/") + "health";
            boolean healthEnabled = yml.at("/endpoints/health/enabled").asBoolean(true);
            if (!healthEnabled) {
                throw new IllegalStateException(service + ": endpoints.health.enabled is false");
            }
            boolean healthSensitive = yml.at("/endpoints/health/sensitive").asBoolean(false);

            Map<String, String> clients = new TreeMap<>();
            for (Map.Entry<String, JsonNode> client : yml.at("/micronaut/http/services").properties()) {
                Matcher url = PLACEHOLDER_WITH_DEFAULT.matcher(client.getValue().path("url").asString(""));
                if (url.matches()) {
                    clients.put(client.getKey(), url.group(1));
                }
            }
            return new ServiceConfiguration(service, Collections.unmodifiableSet(variables), port.group(1),
                    Integer.parseInt(port.group(2)), healthPath, healthSensitive, Collections.unmodifiableMap(clients));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the configuration of " + service, e);
        }
    }

    /** The paths the health endpoint answers: the whole health, and Kubernetes' liveness and readiness views of it. */
    Set<String> healthPaths() {
        return Set.of(healthPath, healthPath + "/liveness", healthPath + "/readiness");
    }

    private static void collect(Pattern placeholder, String text, Set<String> into) {
        Matcher matcher = placeholder.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }
}
