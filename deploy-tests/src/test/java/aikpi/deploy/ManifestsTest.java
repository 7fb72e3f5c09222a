package aikpi.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * deploy/k8s as it is, against what each service reads (its application.yml) and how its image runs (the
 * Dockerfile with its build arguments).
 */
class ManifestsTest {

    private static Manifests manifests;

    @BeforeAll
    static void load() throws IOException {
        manifests = Manifests.load();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuiteService.class)
    void containerAndServiceUseThePortTheServiceListensOn(SuiteService service) {
        DeploymentRules.portsAgree(manifests, ServiceConfiguration.of(service));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuiteService.class)
    void probesAskTheHealthEndpoint(SuiteService service) {
        DeploymentRules.probesAskHealth(manifests, ServiceConfiguration.of(service));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuiteService.class)
    void everyVariableSetIsOneTheServiceReads(SuiteService service) {
        DeploymentRules.setsOnlyWhatTheServiceReads(manifests, ServiceConfiguration.of(service));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuiteService.class)
    void productionSettingsAreSetAndCredentialsComeFromSecrets(SuiteService service) {
        DeploymentRules.productionSettingsComeFromSecrets(manifests, ServiceConfiguration.of(service));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuiteService.class)
    void resourcesAreRequestedAndLimited(SuiteService service) {
        DeploymentRules.resourcesAreBounded(manifests, service);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuiteService.class)
    void storingServicesRunTwoInstances(SuiteService service) {
        DeploymentRules.storingServicesAreReplicated(manifests, service);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuiteService.class)
    void podsRunAsTheImageUser(SuiteService service) throws IOException {
        DeploymentRules.runsAsTheImageUser(manifests, service, ImageRules.runsAsNonRoot(Dockerfile.of(service)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SuiteService.class)
    void httpClientsCallTheServicesByTheirServiceNameAndPort(SuiteService service) {
        DeploymentRules.clientsPointAtServices(manifests, ServiceConfiguration.of(service));
    }

    @Test
    void theGatewayAndBillingCallTheServicesTheyNeed() {
        // The rule above follows each application.yml; this pins the calls the suite is built around.
        assertThat(ServiceConfiguration.of(SuiteService.GATEWAY).clientUrlVariables())
                .containsExactlyInAnyOrderEntriesOf(Map.of("tongyi-service", "TONGYI_URL", "quark-service", "QUARK_URL",
                        "cloud-billing-service", "BILLING_URL"));
        assertThat(ServiceConfiguration.of(SuiteService.BILLING).clientUrlVariables())
                .containsExactlyEntriesOf(Map.of("tongyi-service", "TONGYI_URL"));
    }

    @Test
    void theServicesThatCallOthersHaveAccountsOfTheirOwn() {
        DeploymentRules.serviceAccountsAreSeparate(manifests);
    }

    @Test
    void everyObjectIsOfAKnownKindWithKnownFieldsInOneNamespace() {
        DeploymentRules.oneNamespaceOfKnownObjects(manifests);
    }

    @Test
    void theKustomizationAppliesEveryManifestButTheSecretTemplate() throws IOException {
        Path directory = Suite.manifestDirectory();
        String text = Files.readString(directory.resolve(Manifests.KUSTOMIZATION));
        JsonNode kustomization = new YAMLMapper().readTree(text);
        List<String> listed = kustomization.path("resources").valueStream().map(JsonNode::asString).sorted().toList();
        List<String> manifestFiles;
        try (Stream<Path> files = Files.list(directory)) {
            manifestFiles = files.filter(Manifests::isYaml).map(file -> file.getFileName().toString())
                    .filter(name -> !name.equals(Manifests.KUSTOMIZATION) && !name.equals(Manifests.SECRETS_TEMPLATE))
                    .sorted().toList();
        }
        assertThat(listed).as("resources of %s", Manifests.KUSTOMIZATION).isEqualTo(manifestFiles);
    }
}
