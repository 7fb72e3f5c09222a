package aikpi.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import aikpi.deploy.Manifests.Setting;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a service's manifests must agree on with the service itself. Each rule fails with an AssertionError naming
 * the service and what drifted; the tests run them on {@code deploy/k8s} as it is, and on altered copies to show they
 * catch drift.
 */
final class DeploymentRules {

    /** Read by the Micronaut runtime and the JVM themselves, whatever a service's configuration says. */
    static final Set<String> RUNTIME_VARIABLES = Set.of("MICRONAUT_ENVIRONMENTS", "JAVA_TOOL_OPTIONS");

    /**
     * Variables the suite has decided on before any service's configuration reads them, each with its reason. Remove a
     * name once the services' configuration reads it. (None now: the security variables are read by kpi-security's
     * defaults, which {@link ServiceConfiguration} reads too.)
     */
    static final Map<String, String> DECIDED_VARIABLES = Map.of();

    /** Names that carry credentials: they are set from a Secret, never written into a manifest. */
    private static final List<String> CREDENTIAL_MARKERS = List.of("PASSWORD", "SECRET", "_DB_URL", "_DB_USER");

    private DeploymentRules() {
    }

    /**
     * The container listens on the port the service's application.yml gives by default (and, if the manifest sets
     * the port variable, on that), the Service answers on the same port and sends traffic to it, and the Service
     * selects the Deployment's pods.
     */
    static void portsAgree(Manifests manifests, ServiceConfiguration configuration) {
        SuiteService service = configuration.service();
        int port = configuration.defaultPort();
        Container container = manifests.container(service);
        assertThat(containerPorts(container)).as("%s: container ports", service).containsValue(port);

        Setting portSetting = manifests.environment(service).get(configuration.portVariable());
        if (portSetting != null) {
            assertThat(portSetting.value()).as("%s: %s set in %s", service, configuration.portVariable(),
                    portSetting.origin()).isEqualTo(String.valueOf(port));
        }

        Service kubeService = manifests.service(service);
        assertThat(kubeService.getSpec().getPorts()).as("%s: Service ports", service).isNotEmpty();
        for (ServicePort servicePort : kubeService.getSpec().getPorts()) {
            assertThat(servicePort.getPort()).as("%s: Service port %s", service, servicePort.getName()).isEqualTo(port);
            IntOrString target = Optional.ofNullable(servicePort.getTargetPort())
                    .orElse(new IntOrString(servicePort.getPort()));
            assertThat(resolve(target, container)).as("%s: Service targetPort %s", service, target).isEqualTo(port);
        }

        Deployment deployment = manifests.deployment(service);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(kubeService.getSpec().getSelector()).as("%s: the Service's selector", service).isNotEmpty();
        assertThat(podLabels).as("%s: pod labels against the Service's selector", service)
                .containsAllEntriesOf(kubeService.getSpec().getSelector());
        assertThat(podLabels).as("%s: pod labels against the Deployment's selector", service)
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());

        Map<String, String> annotations = Optional.ofNullable(deployment.getSpec().getTemplate().getMetadata()
                .getAnnotations()).orElse(Map.of());
        if (annotations.containsKey("prometheus.io/port")) {
            assertThat(annotations.get("prometheus.io/port")).as("%s: prometheus.io/port", service)
                    .isEqualTo(String.valueOf(port));
            assertThat(annotations.get("prometheus.io/path")).as("%s: prometheus.io/path", service)
                    .isEqualTo("/prometheus");
        }
    }

    /**
     * Readiness and liveness (and start-up, if declared) ask the service's health endpoint over HTTP on its port,
     * and that endpoint answers without authentication.
     */
    static void probesAskHealth(Manifests manifests, ServiceConfiguration configuration) {
        SuiteService service = configuration.service();
        Container container = manifests.container(service);
        assertThat(configuration.healthSensitive())
                .as("%s: endpoints.health.sensitive (a probe cannot authenticate)", service).isFalse();
        Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put("readinessProbe", container.getReadinessProbe());
        probes.put("livenessProbe", container.getLivenessProbe());
        if (container.getStartupProbe() != null) {
            probes.put("startupProbe", container.getStartupProbe());
        }
        probes.forEach((kind, probe) -> {
            assertThat(probe).as("%s: %s", service, kind).isNotNull();
            assertThat(probe.getHttpGet()).as("%s: %s.httpGet", service, kind).isNotNull();
            assertThat(probe.getHttpGet().getPath()).as("%s: %s path", service, kind)
                    .startsWith(configuration.healthPath())
                    .isIn(configuration.healthPaths());
            assertThat(resolve(probe.getHttpGet().getPort(), container)).as("%s: %s port", service, kind)
                    .isEqualTo(configuration.defaultPort());
        });
    }

    /**
     * Every variable the manifest gives the container is one the service reads: a placeholder of its configuration,
     * one the runtime reads, or one of the few decided before the configuration reads them. A misspelt or stale
     * name would otherwise be ignored silently and the default used.
     */
    static void setsOnlyWhatTheServiceReads(Manifests manifests, ServiceConfiguration configuration) {
        SuiteService service = configuration.service();
        Set<String> read = new TreeSet<>(configuration.variables());
        read.addAll(RUNTIME_VARIABLES);
        read.addAll(DECIDED_VARIABLES.keySet());
        List<String> unread = manifests.environment(service).values().stream()
                .filter(setting -> !read.contains(setting.name()))
                .map(setting -> setting.name() + " (" + setting.origin() + ")")
                .toList();
        assertThat(unread).as("%s: variables the service does not read (it reads %s)", service, read).isEmpty();
    }

    /**
     * A production run: the {@code prod} environment, and the database connection and the identity provider (and, for
     * a service that calls others, its own account there) set, each from a Secret's key that the template
     * {@code secrets.example.yaml} declares. No credential is written as a literal.
     */
    static void productionSettingsComeFromSecrets(Manifests manifests, ServiceConfiguration configuration) {
        SuiteService service = configuration.service();
        Map<String, Setting> environment = manifests.environment(service);
        Setting environments = environment.get("MICRONAUT_ENVIRONMENTS");
        assertThat(environments).as("%s: MICRONAUT_ENVIRONMENTS", service).isNotNull();
        assertThat(environments.value()).as("%s: MICRONAUT_ENVIRONMENTS", service).isEqualTo("prod");

        for (String name : service.secretVariables()) {
            Setting setting = environment.get(name);
            assertThat(setting).as("%s: %s must be set", service, name).isNotNull();
            assertThat(setting.fromSecret()).as("%s: %s must come from a secretKeyRef, not %s", service, name,
                    setting.origin()).isTrue();
        }
        for (Setting setting : environment.values()) {
            if (CREDENTIAL_MARKERS.stream().anyMatch(setting.name()::contains)) {
                assertThat(setting.fromSecret()).as("%s: %s is a credential but is set in %s", service,
                        setting.name(), setting.origin()).isTrue();
            }
            if (setting.fromSecret()) {
                assertThat(setting.value()).as("%s: %s has both a value and a secretKeyRef", service, setting.name())
                        .isNull();
                assertThat(setting.secret().getOptional()).as("%s: %s secretKeyRef optional", service, setting.name())
                        .isNotEqualTo(Boolean.TRUE);
                assertThat(templateKeys(manifests, setting.secret().getName()))
                        .as("%s: keys of Secret %s in %s", service, setting.secret().getName(),
                                Manifests.SECRETS_TEMPLATE)
                        .contains(setting.secret().getKey());
            }
        }
    }

    /**
     * Each service that calls the others has an account of its own at the identity provider: no two services take
     * their client credentials from the same Secret, so each one's calls are its own (in the services' logs and audit
     * trails) and one account can be revoked without the other.
     */
    static void serviceAccountsAreSeparate(Manifests manifests) {
        Map<String, SuiteService> owners = new LinkedHashMap<>();
        for (SuiteService service : SuiteService.values()) {
            Setting secret = manifests.environment(service).get("KPI_OIDC_CLIENT_SECRET");
            if (service.callsServices()) {
                assertThat(secret).as("%s calls the other services: KPI_OIDC_CLIENT_SECRET", service).isNotNull();
            }
            if (secret == null || !secret.fromSecret()) {
                continue;
            }
            SuiteService other = owners.put(secret.secret().getName(), service);
            assertThat(other).as("%s and %s take their client credentials from the same Secret %s", other, service,
                    secret.secret().getName()).isNull();
        }
    }

    /** Every container has CPU and memory requests and limits, and no request above its limit. */
    static void resourcesAreBounded(Manifests manifests, SuiteService service) {
        for (Container container : manifests.deployment(service).getSpec().getTemplate().getSpec().getContainers()) {
            assertThat(container.getResources()).as("%s: resources of %s", service, container.getName()).isNotNull();
            Map<String, Quantity> requests = Optional.ofNullable(container.getResources().getRequests())
                    .orElse(Map.of());
            Map<String, Quantity> limits = Optional.ofNullable(container.getResources().getLimits())
                    .orElse(Map.of());
            for (String resource : List.of("cpu", "memory")) {
                assertThat(requests).as("%s: requests of %s", service, container.getName()).containsKey(resource);
                assertThat(limits).as("%s: limits of %s", service, container.getName()).containsKey(resource);
                assertThat(Quantity.getAmountInBytes(requests.get(resource)))
                        .as("%s: %s request against its limit", service, resource)
                        .isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get(resource)));
            }
        }
    }

    /** A service that stores runs at least two instances: it is stateless, its database deduplicates. */
    static void storingServicesAreReplicated(Manifests manifests, SuiteService service) {
        Integer replicas = manifests.deployment(service).getSpec().getReplicas();
        if (service.stores) {
            assertThat(replicas).as("%s: replicas", service).isNotNull().isGreaterThanOrEqualTo(2);
        } else {
            assertThat(Optional.ofNullable(replicas).orElse(1)).as("%s: replicas", service).isPositive();
        }
    }

    /** The pods refuse root and run as the image's user; the container runs the service's own image. */
    static void runsAsTheImageUser(Manifests manifests, SuiteService service, long imageUid) {
        PodSecurityContext security = manifests.deployment(service).getSpec().getTemplate().getSpec()
                .getSecurityContext();
        assertThat(security).as("%s: pod securityContext", service).isNotNull();
        assertThat(security.getRunAsNonRoot()).as("%s: runAsNonRoot", service).isTrue();
        assertThat(security.getRunAsUser()).as("%s: runAsUser against the Dockerfile's USER", service)
                .isEqualTo(imageUid);
        String image = manifests.container(service).getImage();
        String repository = image.replaceFirst("[:@][^/]*$", "");
        assertThat(repository.substring(repository.lastIndexOf('/') + 1)).as("%s: image %s", service, image)
                .isEqualTo(service.module);
    }

    /**
     * Every HTTP client of the service is pointed, through the variable its application.yml reads, at the Service
     * of the service it calls: by that Service's name (in the same namespace) and port. Left unset, the client
     * would call localhost.
     */
    static void clientsPointAtServices(Manifests manifests, ServiceConfiguration configuration) {
        SuiteService service = configuration.service();
        Map<String, Setting> environment = manifests.environment(service);
        String namespace = manifests.deployment(service).getMetadata().getNamespace();
        configuration.clientUrlVariables().forEach((clientId, variable) -> {
            SuiteService called = SuiteService.ofModule(clientId)
                    .orElseThrow(() -> new AssertionError(service + ": HTTP client " + clientId + " is no service"));
            Setting setting = environment.get(variable);
            assertThat(setting).as("%s: %s (the %s client's URL) must be set", service, variable, clientId).isNotNull();
            assertThat(setting.value()).as("%s: %s", service, variable).isNotNull();
            URI url = URI.create(setting.value());
            Service target = manifests.service(called);
            String name = target.getMetadata().getName();
            assertThat(url.getScheme()).as("%s: %s scheme", service, variable).isEqualTo("http");
            assertThat(url.getHost()).as("%s: %s host, the Service of %s", service, variable, called)
                    .isIn(name, name + "." + namespace, name + "." + namespace + ".svc",
                            name + "." + namespace + ".svc.cluster.local");
            assertThat(url.getPort()).as("%s: %s port, the port of Service %s", service, variable, name)
                    .isIn(target.getSpec().getPorts().stream().map(ServicePort::getPort).toList());
        });
    }

    /**
     * Every object is of a kind the model knows, has no field it does not know, and lives in the suite's one
     * namespace (declared in deploy/k8s), where the services' short DNS names resolve.
     */
    static void oneNamespaceOfKnownObjects(Manifests manifests) {
        List<String> namespaces = manifests.objects().stream().filter(Namespace.class::isInstance)
                .map(object -> object.getMetadata().getName()).toList();
        assertThat(namespaces).as("Namespaces declared in deploy/k8s").hasSize(1);
        List<HasMetadata> everything = new ArrayList<>(manifests.objects());
        everything.addAll(manifests.secretTemplates());
        for (HasMetadata object : everything) {
            String name = object.getKind() + "/" + object.getMetadata().getName();
            assertThat(object).as("%s: a kind the Kubernetes model knows", name)
                    .isNotInstanceOf(GenericKubernetesResource.class);
            assertThat(Manifests.unknownFields(object)).as("%s: fields the Kubernetes model does not know", name)
                    .isEmpty();
            if (!(object instanceof Namespace)) {
                assertThat(object.getMetadata().getNamespace()).as("%s: namespace", name).isEqualTo(namespaces.get(0));
            }
        }
        for (HasMetadata template : manifests.secretTemplates()) {
            assertThat(template).as("%s holds Secrets only", Manifests.SECRETS_TEMPLATE).isInstanceOf(Secret.class);
        }
    }

    private static Set<String> templateKeys(Manifests manifests, String secretName) {
        Set<String> keys = new TreeSet<>();
        manifests.secretTemplates().stream().filter(Secret.class::isInstance).map(Secret.class::cast)
                .filter(secret -> secret.getMetadata().getName().equals(secretName))
                .forEach(secret -> {
                    Optional.ofNullable(secret.getStringData()).map(Map::keySet).ifPresent(keys::addAll);
                    Optional.ofNullable(secret.getData()).map(Map::keySet).ifPresent(keys::addAll);
                });
        return keys;
    }

    /** The container's ports, by name (or by number where unnamed). */
    private static Map<String, Integer> containerPorts(Container container) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (ContainerPort port : Optional.ofNullable(container.getPorts()).orElse(List.of())) {
            ports.put(Optional.ofNullable(port.getName()).orElse(String.valueOf(port.getContainerPort())),
                    port.getContainerPort());
        }
        return ports;
    }

    /** A port given by number or by the name of one of the container's ports, as a number. */
    private static int resolve(IntOrString port, Container container) {
        if (port == null) {
            return fail("no port given");
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        Integer number = containerPorts(container).get(port.getStrVal());
        if (number == null) {
            return fail("port name " + port.getStrVal() + " is not a port of container " + container.getName());
        }
        return number;
    }
}
