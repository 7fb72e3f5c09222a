package aikpi.deploy;

import static aikpi.deploy.SuiteService.BILLING;
import static aikpi.deploy.SuiteService.GATEWAY;
import static aikpi.deploy.SuiteService.QUARK;
import static aikpi.deploy.SuiteService.TONGYI;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules catch drift: each case alters a copy of deploy/k8s (or of the Dockerfile's text or an image's build arguments) in one way a careless edit
 * could, and expects the rule that guards it to fail, naming the service.
 */
class DriftTest {

    private static Manifests manifests;

    @BeforeAll
    static void load() throws IOException {
        manifests = Manifests.load();
    }

    @Test
    void theManifestsAsTheyAreNeedNoChange() {
        // Guards the cases below: each fails because of its one change, not because the copy was already wrong.
        assertThatCode(() -> {
            for (SuiteService service : SuiteService.values()) {
                ServiceConfiguration configuration = ServiceConfiguration.of(service);
                Manifests copy = manifests.copy();
                DeploymentRules.portsAgree(copy, configuration);
                DeploymentRules.productionSettingsComeFromSecrets(copy, configuration);
                DeploymentRules.clientsPointAtServices(copy, configuration);
            }
            DeploymentRules.serviceAccountsAreSeparate(manifests.copy());
        }).doesNotThrowAnyException();
    }

    @Test
    void aContainerPortOtherThanTheServicesIsCaught() {
        Manifests drifted = drift(copy -> copy.container(TONGYI).getPorts().get(0).setContainerPort(9081));
        fails(() -> DeploymentRules.portsAgree(drifted, ServiceConfiguration.of(TONGYI)), "tongyi-service");
    }

    @Test
    void aServiceTargetingAnotherPortIsCaught() {
        Manifests drifted = drift(copy -> copy.service(QUARK).getSpec().getPorts().get(0)
                .setTargetPort(new IntOrString(8083)));
        fails(() -> DeploymentRules.portsAgree(drifted, ServiceConfiguration.of(QUARK)), "quark-service");
    }

    @Test
    void aPortVariableDisagreeingWithTheContainerPortIsCaught() {
        Manifests drifted = drift(copy -> configMap(copy, BILLING).getData().put("BILLING_PORT", "9083"));
        fails(() -> DeploymentRules.portsAgree(drifted, ServiceConfiguration.of(BILLING)), "BILLING_PORT");
    }

    @Test
    void aProbeOffTheHealthEndpointIsCaught() {
        Manifests drifted = drift(copy -> copy.container(GATEWAY).getReadinessProbe().getHttpGet().setPath("/ready"));
        fails(() -> DeploymentRules.probesAskHealth(drifted, ServiceConfiguration.of(GATEWAY)), "readinessProbe");
    }

    @Test
    void aMisspeltVariableIsCaught() {
        Manifests drifted = drift(copy -> configMap(copy, TONGYI).getData().put("TONGYI_DB_POOLSIZE", "20"));
        fails(() -> DeploymentRules.setsOnlyWhatTheServiceReads(drifted, ServiceConfiguration.of(TONGYI)),
                "TONGYI_DB_POOLSIZE");
    }

    @Test
    void aPasswordWrittenIntoTheManifestIsCaught() {
        Manifests drifted = drift(copy -> {
            EnvVar password = envVar(copy.container(QUARK), "QUARK_DB_PASSWORD");
            password.setValueFrom(null);
            password.setValue("s3cret");
        });
        fails(() -> DeploymentRules.productionSettingsComeFromSecrets(drifted, ServiceConfiguration.of(QUARK)),
                "QUARK_DB_PASSWORD");
    }

    @Test
    void aServiceWithoutTheIdentityProviderIsCaught() {
        Manifests drifted = drift(copy -> copy.container(QUARK).getEnv()
                .removeIf(variable -> variable.getName().equals("KPI_OIDC_ISSUER")));
        fails(() -> DeploymentRules.productionSettingsComeFromSecrets(drifted, ServiceConfiguration.of(QUARK)),
                "KPI_OIDC_ISSUER");
    }

    @Test
    void aGatewayWithoutItsOwnAccountIsCaught() {
        Manifests drifted = drift(copy -> copy.container(GATEWAY).getEnv()
                .removeIf(variable -> variable.getName().startsWith("KPI_OIDC_CLIENT_")));
        fails(() -> DeploymentRules.productionSettingsComeFromSecrets(drifted, ServiceConfiguration.of(GATEWAY)),
                "KPI_OIDC_CLIENT_ID");
        fails(() -> DeploymentRules.serviceAccountsAreSeparate(drifted), "KPI_OIDC_CLIENT_SECRET");
    }

    @Test
    void aClientSecretWrittenIntoTheManifestIsCaught() {
        Manifests drifted = drift(copy -> {
            EnvVar secret = envVar(copy.container(BILLING), "KPI_OIDC_CLIENT_SECRET");
            secret.setValueFrom(null);
            secret.setValue("s3cret");
        });
        fails(() -> DeploymentRules.productionSettingsComeFromSecrets(drifted, ServiceConfiguration.of(BILLING)),
                "KPI_OIDC_CLIENT_SECRET");
    }

    @Test
    void twoServicesSharingOneAccountAreCaught() {
        Manifests drifted = drift(copy -> envVar(copy.container(BILLING), "KPI_OIDC_CLIENT_SECRET").getValueFrom()
                .getSecretKeyRef().setName("gateway-oidc-client"));
        fails(() -> DeploymentRules.serviceAccountsAreSeparate(drifted), "the same Secret gateway-oidc-client");
    }

    @Test
    void aSecretKeyTheTemplateDoesNotDeclareIsCaught() {
        Manifests drifted = drift(copy -> envVar(copy.container(BILLING), "BILLING_DB_USER").getValueFrom()
                .getSecretKeyRef().setKey("username"));
        fails(() -> DeploymentRules.productionSettingsComeFromSecrets(drifted, ServiceConfiguration.of(BILLING)),
                "cloud-billing-service-db");
    }

    @Test
    void aGatewayUrlOnAnotherServicesPortIsCaught() {
        Manifests drifted = drift(copy -> configMap(copy, GATEWAY).getData()
                .put("QUARK_URL", "http://quark-service:8083"));
        fails(() -> DeploymentRules.clientsPointAtServices(drifted, ServiceConfiguration.of(GATEWAY)), "QUARK_URL");
    }

    @Test
    void aGatewayUrlNamingNoServiceIsCaught() {
        Manifests drifted = drift(copy -> configMap(copy, GATEWAY).getData().put("BILLING_URL", "http://billing:8083"));
        fails(() -> DeploymentRules.clientsPointAtServices(drifted, ServiceConfiguration.of(GATEWAY)), "BILLING_URL");
    }

    @Test
    void aRenamedServiceTheGatewayStillCallsByItsOldNameIsCaught() {
        Manifests drifted = drift(copy -> copy.service(TONGYI).getMetadata().setName("tongyi"));
        fails(() -> DeploymentRules.clientsPointAtServices(drifted, ServiceConfiguration.of(GATEWAY)),
                "tongyi-service");
    }

    @Test
    void billingWithoutItsTongyiUrlIsCaught() {
        Manifests drifted = drift(copy -> configMap(copy, BILLING).getData().remove("TONGYI_URL"));
        fails(() -> DeploymentRules.clientsPointAtServices(drifted, ServiceConfiguration.of(BILLING)), "TONGYI_URL");
    }

    @Test
    void aContainerWithoutLimitsIsCaught() {
        Manifests drifted = drift(copy -> copy.container(QUARK).getResources().setLimits(Map.of()));
        fails(() -> DeploymentRules.resourcesAreBounded(drifted, QUARK), "limits");
    }

    @Test
    void aSingleInstanceOfAStoringServiceIsCaught() {
        Manifests drifted = drift(copy -> copy.deployment(BILLING).getSpec().setReplicas(1));
        fails(() -> DeploymentRules.storingServicesAreReplicated(drifted, BILLING), "replicas");
    }

    @Test
    void aPodRunningAsAnotherUserIsCaught() {
        Manifests drifted = drift(copy -> copy.deployment(TONGYI).getSpec().getTemplate().getSpec().getSecurityContext()
                .setRunAsUser(0L));
        fails(() -> DeploymentRules.runsAsTheImageUser(drifted, TONGYI, 10001), "runAsUser");
    }

    @Test
    void aMisspeltFieldIsCaught() {
        Manifests drifted = drift(copy -> copy.container(QUARK).setAdditionalProperty("readinesProbe", Map.of()));
        fails(() -> DeploymentRules.oneNamespaceOfKnownObjects(drifted), "readinesProbe");
    }

    @Test
    void anObjectOutsideTheSuitesNamespaceIsCaught() {
        Manifests drifted = drift(copy -> configMap(copy, GATEWAY).getMetadata().setNamespace("default"));
        fails(() -> DeploymentRules.oneNamespaceOfKnownObjects(drifted), "namespace");
    }

    @Test
    void anImageBuiltWithAnotherPortIsCaught() throws IOException {
        Dockerfile drifted = Dockerfile.of(ImageBuild.of(TONGYI).withArg("PORT", "8080"));
        fails(() -> ImageRules.exposesTheServicePort(drifted, ServiceConfiguration.of(TONGYI)), "EXPOSE");
    }

    @Test
    void aDockerfileWithoutItsUserRunsAsRootAndIsCaught() throws IOException {
        Dockerfile drifted = alteredDockerfile(GATEWAY, "USER 10001:10001", "");
        fails(() -> ImageRules.runsAsNonRoot(drifted), "USER");
    }

    @Test
    void aHealthcheckOnAnotherServicesPortVariableIsCaught() throws IOException {
        Dockerfile drifted = Dockerfile.of(ImageBuild.of(QUARK).withArg("PORT_VARIABLE", "GATEWAY_PORT"));
        fails(() -> ImageRules.healthcheckAsksHealth(drifted, ServiceConfiguration.of(QUARK)), "HEALTHCHECK");
    }

    @Test
    void aHealthcheckOnAFixedPortIsCaught() throws IOException {
        Dockerfile drifted = alteredDockerfile(QUARK, "${!KPI_PORT_VARIABLE:-$KPI_DEFAULT_PORT}", "8082");
        fails(() -> ImageRules.healthcheckAsksHealth(drifted, ServiceConfiguration.of(QUARK)), "HEALTHCHECK");
    }

    @Test
    void anImageOfAnotherModuleOrWithAMisspeltArgumentIsCaught() throws IOException {
        for (ImageBuild drifted : new ImageBuild[] {ImageBuild.of(BILLING).withArg("MODULE", "gateway"),
                ImageBuild.of(GATEWAY).withArg("JVM_FLAG", "-XX:+UseSerialGC")}) {
            fails(() -> ImageRules.isBuiltWithItsOwnArguments(drifted, Dockerfile.of(drifted), Suite.version()),
                    drifted.args().containsKey("JVM_FLAG") ? "build arguments" : "MODULE");
        }
    }

    @Test
    void anImageCopyingAnotherVersionsJarOrWithoutTheContainerHeapBoundIsCaught() throws IOException {
        Dockerfile otherVersion = Dockerfile.of(ImageBuild.of(BILLING).withArg("VERSION", "0.0.9"));
        fails(() -> ImageRules.runsThePackagedJar(otherVersion, Suite.version()), "COPY");
        Dockerfile unbounded = Dockerfile.of(ImageBuild.of(TONGYI).withArg("JVM_FLAGS", "-XX:+UseG1GC"));
        fails(() -> ImageRules.runsThePackagedJar(unbounded, Suite.version()), "ENTRYPOINT flags");
    }

    @Test
    void anImageOnAnotherCollectorThanTheLaunchersIsCaught() throws Exception {
        assumeTrue(ImagesTest.onPath("bash"), "no bash on this machine to ask bin/start-service.sh for its flags");
        ImageBuild billing = ImageBuild.of(BILLING);
        Dockerfile drifted = Dockerfile.of(billing.withArg("JVM_FLAGS",
                billing.args().get("JVM_FLAGS").replace("-XX:+UseSerialGC", "-XX:+UseG1GC")));
        fails(() -> ImageRules.runsTheLaunchersFlags(drifted, ImagesTest.launcherFlags(BILLING)), "JVM_FLAGS");
    }

    private static Manifests drift(Consumer<Manifests> change) {
        Manifests copy = manifests.copy();
        change.accept(copy);
        return copy;
    }

    private static ConfigMap configMap(Manifests copy, SuiteService service) {
        return copy.find(ConfigMap.class, service.module + "-config").orElseThrow();
    }

    private static EnvVar envVar(Container container, String name) {
        return container.getEnv().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Dockerfile alteredDockerfile(SuiteService service, String from, String to) throws IOException {
        ImageBuild build = ImageBuild.of(service);
        String text = Files.readString(Suite.root().resolve(build.dockerfile()));
        if (!text.contains(from)) {
            throw new IllegalStateException("The Dockerfile no longer contains " + from);
        }
        return Dockerfile.parse(build, text.replace(from, to));
    }

    private static void fails(ThrowingCallable rule, String mentioning) {
        assertThatThrownBy(rule).isInstanceOf(AssertionError.class).hasMessageContaining(mentioning);
    }
}
