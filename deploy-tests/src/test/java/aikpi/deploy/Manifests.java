package aikpi.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The suite's Kubernetes manifests, {@code deploy/k8s/*.yaml}, read into fabric8's typed model: the objects that are
 * applied, by file, and apart from them the Secrets of {@code secrets.example.yaml}, which is only a template.
 */
final class Manifests {

    static final String SECRETS_TEMPLATE = "secrets.example.yaml";
    static final String KUSTOMIZATION = "kustomization.yaml";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final Map<String, List<HasMetadata>> byFile;
    private final List<HasMetadata> secretTemplates;

    private Manifests(Map<String, List<HasMetadata>> byFile, List<HasMetadata> secretTemplates) {
        this.byFile = byFile;
        this.secretTemplates = secretTemplates;
    }

    static Manifests load() throws IOException {
        Map<String, List<HasMetadata>> byFile = new LinkedHashMap<>();
        List<HasMetadata> secretTemplates = List.of();
        try (Stream<Path> files = Files.list(Suite.manifestDirectory())) {
            for (Path file : files.filter(Manifests::isYaml).sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.equals(KUSTOMIZATION)) {
                    continue;
                }
                List<HasMetadata> objects = read(file);
                if (name.equals(SECRETS_TEMPLATE)) {
                    secretTemplates = objects;
                } else {
                    byFile.put(name, objects);
                }
            }
        }
        return new Manifests(byFile, secretTemplates);
    }

    /** A deep copy, to change without touching this one (the drift tests do). */
    Manifests copy() {
        Map<String, List<HasMetadata>> byFile = new LinkedHashMap<>();
        this.byFile.forEach((file, objects) -> byFile.put(file, objects.stream().map(SERIALIZATION::clone).toList()));
        return new Manifests(byFile, secretTemplates.stream().map(SERIALIZATION::clone).toList());
    }

    static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    Map<String, List<HasMetadata>> byFile() {
        return Collections.unmodifiableMap(byFile);
    }

    /** Every object that is applied (not the Secret templates). */
    List<HasMetadata> objects() {
        return byFile.values().stream().flatMap(List::stream).toList();
    }

    List<HasMetadata> secretTemplates() {
        return secretTemplates;
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return objects().stream().filter(kind::isInstance).map(kind::cast)
                .filter(object -> object.getMetadata().getName().equals(name))
                .findFirst();
    }

    Deployment deployment(SuiteService service) {
        return find(Deployment.class, service.module)
                .orElseThrow(() -> new AssertionError("No Deployment named " + service.module + " in deploy/k8s"));
    }

    Service service(SuiteService service) {
        return find(Service.class, service.module)
                .orElseThrow(() -> new AssertionError("No Service named " + service.module + " in deploy/k8s"));
    }

    /** The service's own container: the one named after it, or the only one. */
    Container container(SuiteService service) {
        List<Container> containers = deployment(service).getSpec().getTemplate().getSpec().getContainers();
        return containers.stream().filter(c -> c.getName().equals(service.module)).findFirst()
                .or(() -> containers.size() == 1 ? Optional.of(containers.get(0)) : Optional.empty())
                .orElseThrow(() -> new AssertionError(service + ": no container named " + service.module));
    }

    /**
     * The environment the container gets, as Kubernetes builds it: the ConfigMaps of {@code envFrom} first, then
     * {@code env}, which wins. A ConfigMap that is missing fails here; a Secret in {@code envFrom} fails too, since
     * the names it sets could not be checked.
     */
    Map<String, Setting> environment(SuiteService service) {
        Container container = container(service);
        Map<String, Setting> environment = new LinkedHashMap<>();
        for (EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            if (source.getSecretRef() != null) {
                throw new AssertionError(service + ": envFrom a Secret (" + source.getSecretRef().getName()
                        + ") hides which variables are set; name each one in env with a secretKeyRef");
            }
            String configMapName = source.getConfigMapRef().getName();
            ConfigMap configMap = find(ConfigMap.class, configMapName)
                    .orElseThrow(() -> new AssertionError(service + ": envFrom names ConfigMap " + configMapName
                            + ", which deploy/k8s does not declare"));
            String prefix = Optional.ofNullable(source.getPrefix()).orElse("");
            Optional.ofNullable(configMap.getData()).orElse(Map.of()).forEach((key, value) -> environment.put(
                    prefix + key, new Setting(prefix + key, value, null, "ConfigMap " + configMapName)));
        }
        for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            SecretKeySelector secret = variable.getValueFrom() == null ? null
                    : variable.getValueFrom().getSecretKeyRef();
            String origin = variable.getValueFrom() == null ? "env"
                    : secret != null ? "Secret " + secret.getName() : "env (valueFrom)";
            environment.put(variable.getName(), new Setting(variable.getName(), variable.getValue(), secret, origin));
        }
        return environment;
    }

    /**
     * One variable a container gets: a literal value (from {@code env} or a ConfigMap) or a Secret's key.
     *
     * @param origin where it is set, for messages
     */
    record Setting(String name, String value, SecretKeySelector secret, String origin) {

        boolean fromSecret() {
            return secret != null;
        }
    }

    /**
     * The fields the typed model did not recognise, by path: fabric8 keeps them aside rather than refusing them, so
     * a misspelt {@code readinesProbe} would otherwise pass unnoticed.
     */
    static List<String> unknownFields(HasMetadata object) {
        List<String> found = new ArrayList<>();
        walk(object, object.getKind() + "/" + object.getMetadata().getName(), found,
                Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object node, String path, List<String> found, Set<Object> seen) {
        if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", found, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> walk(value, path + "." + key, found, seen));
            return;
        }
        if (node == null || !node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")
                || !seen.add(node)) {
            return;
        }
        for (Class<?> type = node.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object value;
                try {
                    value = field.get(node);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (field.getName().equals("additionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        found.add(path + ": " + extra.keySet());
                    }
                } else {
                    walk(value, path + "." + field.getName(), found, seen);
                }
            }
        }
    }

    private static List<HasMetadata> read(Path file) throws IOException {
        Object read;
        try (InputStream in = Files.newInputStream(file)) {
            read = SERIALIZATION.unmarshal(in);
        }
        List<?> documents = read instanceof List<?> list ? list : List.of(read);
        List<HasMetadata> objects = new ArrayList<>();
        for (Object document : documents) {
            if (!(document instanceof HasMetadata object)) {
                throw new AssertionError(file.getFileName() + ": not a Kubernetes object: " + document);
            }
            objects.add(object);
        }
        return List.copyOf(objects);
    }
}
