package aikpi.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The suite's Dockerfile read as Docker reads it for one service's build: comment lines dropped, continued lines
 * joined, one instruction per entry, and the build arguments ({@link ImageBuild#args()}, else the ARG's default)
 * substituted where Docker substitutes them. Only what the checks need is interpreted; no image is built (there is no
 * Docker engine on the build machine).
 *
 * @param declared  every ARG the Dockerfile declares, with its default ("" when it has none)
 * @param arguments the value each ARG takes in this build
 */
record Dockerfile(SuiteService service, List<Instruction> instructions, Map<String, String> declared,
                  Map<String, String> arguments) {

    /** One instruction, its keyword in upper case and its arguments as written. */
    record Instruction(String keyword, String arguments) {
    }

    /** A COPY: its sources and its destination. */
    record Copy(List<String> sources, String destination) {
    }

    /** The HEALTHCHECK: its options ({@code --interval=15s}) and its command, as the argument vector Docker runs. */
    record Healthcheck(Map<String, String> options, List<String> command) {
    }

    private static final JsonMapper JSON = new JsonMapper();
    private static final Pattern ARG_REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");
    /** The instructions in which Docker replaces {@code ${ARG}} references (RUN's shell sees them as variables). */
    private static final Set<String> SUBSTITUTED = Set.of("ENV", "EXPOSE", "COPY", "ADD", "USER", "WORKDIR", "LABEL");

    static Dockerfile of(SuiteService service) throws IOException {
        return of(ImageBuild.of(service));
    }

    static Dockerfile of(ImageBuild build) throws IOException {
        return parse(build, Files.readString(Suite.root().resolve(build.dockerfile())));
    }

    static Dockerfile parse(ImageBuild build, String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = null;
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (pending == null && trimmed.isEmpty())) {
                continue;
            }
            boolean continued = trimmed.endsWith("\\");
            String part = continued ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed;
            pending = pending == null ? new StringBuilder(part) : pending.append(' ').append(part);
            if (!continued) {
                instructions.add(instruction(pending.toString()));
                pending = null;
            }
        }
        if (pending != null) {
            instructions.add(instruction(pending.toString()));
        }
        Map<String, String> declared = new LinkedHashMap<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("ARG")) {
                String[] nameAndDefault = instruction.arguments().split("=", 2);
                declared.put(nameAndDefault[0].strip(),
                        nameAndDefault.length > 1 ? unquote(nameAndDefault[1].strip()) : "");
            }
        }
        Map<String, String> arguments = new LinkedHashMap<>(declared);
        build.args().forEach((name, value) -> arguments.computeIfPresent(name, (n, defaultValue) -> value));
        List<Instruction> resolved = instructions.stream().map(instruction -> SUBSTITUTED.contains(instruction.keyword())
                ? new Instruction(instruction.keyword(), ARG_REFERENCE.matcher(instruction.arguments()).replaceAll(
                        match -> Matcher.quoteReplacement(arguments.getOrDefault(match.group(1), match.group()))))
                : instruction).toList();
        return new Dockerfile(build.service(), resolved, Map.copyOf(declared), Map.copyOf(arguments));
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The last instruction of that kind, the one that counts for USER, ENTRYPOINT and HEALTHCHECK. */
    Optional<String> last(String keyword) {
        List<String> found = all(keyword);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    /** The ports of every EXPOSE, without a {@code /tcp} suffix. */
    List<Integer> exposedPorts() {
        return all("EXPOSE").stream()
                .flatMap(arguments -> Arrays.stream(arguments.split("\\s+")))
                .map(port -> Integer.parseInt(port.replaceFirst("/(tcp|udp)$", "")))
                .toList();
    }

    /** The ENV settings, in the {@code NAME=value} form (later ones win). */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String arguments : all("ENV")) {
            for (String pair : arguments.split("\\s+")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    environment.put(pair.substring(0, equals), unquote(pair.substring(equals + 1)));
                }
            }
        }
        return environment;
    }

    List<Copy> copies() {
        List<Copy> copies = new ArrayList<>();
        for (String arguments : all("COPY")) {
            List<String> words = Arrays.stream(arguments.split("\\s+")).filter(word -> !word.startsWith("--"))
                    .toList();
            copies.add(new Copy(words.subList(0, words.size() - 1), words.get(words.size() - 1)));
        }
        return copies;
    }

    /** The ENTRYPOINT's argument vector; it must be in exec form (a JSON array), so that the JVM is process 1. */
    List<String> entrypoint() {
        return execForm(last("ENTRYPOINT").orElseThrow(() -> new AssertionError(service + ": no ENTRYPOINT")));
    }

    /**
     * The flags of the ENTRYPOINT's java argument file ({@code @/app/jvm.args}): the build argument a RUN writes into
     * that file one per line ({@code printf '%s\n' ${JVM_FLAGS} >/app/jvm.args}). Empty when there is none.
     */
    List<String> argumentFileFlags() {
        Optional<String> file = entrypoint().stream().filter(word -> word.startsWith("@")).findFirst()
                .map(word -> word.substring(1));
        if (file.isEmpty()) {
            return List.of();
        }
        Pattern writer = Pattern.compile("printf '%s\\\\n' \\$\\{([A-Z_]+)} ?>" + Pattern.quote(file.get()));
        for (String run : all("RUN")) {
            Matcher written = writer.matcher(run);
            if (written.find()) {
                String flags = arguments.getOrDefault(written.group(1), "").strip();
                return flags.isEmpty() ? List.of() : List.of(flags.split("\\s+"));
            }
        }
        throw new AssertionError(service + ": no RUN writes the ENTRYPOINT's argument file " + file.get());
    }

    Optional<Healthcheck> healthcheck() {
        return last("HEALTHCHECK").map(arguments -> {
            Map<String, String> options = new LinkedHashMap<>();
            String rest = arguments.strip();
            while (rest.startsWith("--")) {
                int space = rest.indexOf(' ');
                String[] option = rest.substring(2, space).split("=", 2);
                options.put(option[0], option.length > 1 ? option[1] : "");
                rest = rest.substring(space + 1).strip();
            }
            if (!rest.startsWith("CMD ")) {
                throw new AssertionError(service + ": HEALTHCHECK without CMD: " + arguments);
            }
            String command = rest.substring(4).strip();
            List<String> argv = command.startsWith("[") ? execForm(command) : List.of("/bin/sh", "-c", command);
            return new Healthcheck(options, argv);
        });
    }

    private static List<String> execForm(String arguments) {
        if (!arguments.strip().startsWith("[")) {
            throw new AssertionError("Not in exec form (a JSON array): " + arguments);
        }
        return JSON.readValue(arguments, new TypeReference<List<String>>() { });
    }

    private static Instruction instruction(String line) {
        String[] keywordAndArguments = line.split("\\s+", 2);
        return new Instruction(keywordAndArguments[0].toUpperCase(),
                keywordAndArguments.length > 1 ? keywordAndArguments[1].strip() : "");
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
