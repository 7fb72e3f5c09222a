package aikpi.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's Dockerfile read as Docker reads it: comment lines dropped, continued lines joined, one instruction per
 * entry. Only what the checks need is interpreted; no image is built (there is no Docker engine on the build machine).
 */
record Dockerfile(SuiteService service, List<Instruction> instructions) {

    /** One instruction, its keyword in upper case and its arguments as written. */
    record Instruction(String keyword, String arguments) {
    }

    /** A COPY: its sources, with {@code ${ARG}} references replaced by the ARG's default, and its destination. */
    record Copy(List<String> sources, String destination) {
    }

    /** The HEALTHCHECK: its options ({@code --interval=15s}) and its command, as the argument vector Docker runs. */
    record Healthcheck(Map<String, String> options, List<String> command) {
    }

    private static final JsonMapper JSON = new JsonMapper();
    private static final Pattern ARG_REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    static Dockerfile of(SuiteService service) throws IOException {
        return parse(service, Files.readString(Suite.root().resolve(service.module).resolve("Dockerfile")));
    }

    static Dockerfile parse(SuiteService service, String text) {
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
        return new Dockerfile(service, List.copyOf(instructions));
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
        Map<String, String> args = new LinkedHashMap<>();
        for (String arguments : all("ARG")) {
            String[] nameAndDefault = arguments.split("=", 2);
            args.put(nameAndDefault[0].strip(), nameAndDefault.length > 1 ? unquote(nameAndDefault[1].strip()) : "");
        }
        List<Copy> copies = new ArrayList<>();
        for (String arguments : all("COPY")) {
            List<String> words = Arrays.stream(arguments.split("\\s+")).filter(word -> !word.startsWith("--"))
                    .map(word -> ARG_REFERENCE.matcher(word).replaceAll(match -> Matcher.quoteReplacement(
                            args.getOrDefault(match.group(1), match.group()))))
                    .toList();
            copies.add(new Copy(words.subList(0, words.size() - 1), words.get(words.size() - 1)));
        }
        return copies;
    }

    /** The ENTRYPOINT's argument vector; it must be in exec form (a JSON array), so that the JVM is process 1. */
    List<String> entrypoint() {
        return execForm(last("ENTRYPOINT").orElseThrow(() -> new AssertionError(service + ": no ENTRYPOINT")));
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
