package aikpi.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a service's image is built: its target in {@code docker-bake.json} (what {@code docker buildx bake} reads), with
 * the targets it inherits merged in as Bake merges them (the target's own attributes win).
 *
 * @param context    the build context, relative to the repository root
 * @param dockerfile the Dockerfile, relative to the repository root
 * @param args       the build arguments ({@code MODULE}, {@code PORT}, {@code JVM_FLAGS}...)
 */
record ImageBuild(SuiteService service, String context, String dockerfile, List<String> tags,
                  Map<String, String> args) {

    static final String BAKE_FILE = "docker-bake.json";
    private static final JsonMapper JSON = new JsonMapper();

    static ImageBuild of(SuiteService service) throws IOException {
        JsonNode targets = targets();
        if (!targets.has(service.module)) {
            throw new AssertionError(service + ": no target " + service.module + " in " + BAKE_FILE);
        }
        return merge(service, targets, targets.get(service.module));
    }

    /** The names of the targets {@code docker buildx bake} builds when given none (its {@code default} group). */
    static List<String> defaultTargets() throws IOException {
        List<String> names = new ArrayList<>();
        read().at("/group/default/targets").values().forEach(name -> names.add(name.asString()));
        return names;
    }

    /** The same build with one argument changed (or added), as a careless edit of the bake file would. */
    ImageBuild withArg(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(args);
        changed.put(name, value);
        return new ImageBuild(service, context, dockerfile, tags, Map.copyOf(changed));
    }

    private static ImageBuild merge(SuiteService service, JsonNode targets, JsonNode target) {
        String context = null;
        String dockerfile = null;
        List<String> tags = new ArrayList<>();
        Map<String, String> args = new LinkedHashMap<>();
        List<JsonNode> chain = new ArrayList<>();
        for (JsonNode parent : target.path("inherits").values()) {
            chain.add(targets.get(parent.asString()));
        }
        chain.add(target);
        for (JsonNode node : chain) {
            if (node == null) {
                throw new AssertionError(service + ": inherits a target " + BAKE_FILE + " does not define");
            }
            context = node.has("context") ? node.get("context").asString() : context;
            dockerfile = node.has("dockerfile") ? node.get("dockerfile").asString() : dockerfile;
            if (node.has("tags")) {
                tags.clear();
                node.get("tags").values().forEach(tag -> tags.add(tag.asString()));
            }
            node.path("args").properties().forEach(arg -> args.put(arg.getKey(), arg.getValue().asString()));
        }
        return new ImageBuild(service, context == null ? "." : context, dockerfile == null ? "Dockerfile" : dockerfile,
                List.copyOf(tags), Map.copyOf(args));
    }

    private static JsonNode targets() throws IOException {
        return read().path("target");
    }

    private static JsonNode read() throws IOException {
        return JSON.readTree(Files.readString(Suite.root().resolve(BAKE_FILE)));
    }
}
