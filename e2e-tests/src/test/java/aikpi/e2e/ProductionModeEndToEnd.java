package aikpi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The suite in production mode ({@code MICRONAUT_ENVIRONMENTS=prod}, no signing secret of its own) against an OpenID
 * Connect provider with Keycloak's claims (roles in {@code realm_access.roles}, a lead's unit in {@code business_unit}):
 * the gateway and cloud-billing call the services with their own accounts' tokens (client-credentials grant), the demo
 * loader writes with its account's, an executive signs in to the dashboard at the provider (authorization code with
 * PKCE) and sees the API's figures, a unit's lead sees only its unit, every write the loader made is in the services'
 * audit trails, and neither the built-in secret nor the development users get in. The subclass starts the provider:
 * service-test-support's test provider, or a real Keycloak.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ProductionModeEndToEnd {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The roles each service's writes need, as the loader's account holds them. */
    private static final Map<String, String> WRITER = Map.of("tongyi-service", "TONGYI_WRITER",
            "quark-service", "QUARK_WRITER", "cloud-billing-service", "BILLING_WRITER", "gateway", "EXECUTIVE");

    /** A confidential client: its id and secret. */
    record Account(String clientId, String secret) {
    }

    /**
     * The provider as the suite is configured against it: its issuer and sign-in page, the gateway's, billing's and
     * the loader's accounts, the dashboard's public client, and the password of its users {@code executive} and
     * {@code lead-tongyi-app}.
     */
    record Provider(String issuer, String authorizationEndpoint, Account gateway, Account billing, Account loader,
                    String dashboardClientId, String password) {
    }

    private Provider provider;
    private RunningSuite suite;
    private WebDriver browser;
    private Path target;
    private String loaderOutput;
    private final HttpClient http = HttpClient.newHttpClient();

    /** Starts the provider with those accounts and users; the dashboard's address is the gateway's. */
    protected abstract Provider startProvider(String gatewayUrl, Path work) throws Exception;

    protected abstract void stopProvider();

    /** Skips the test where the provider cannot run here. */
    protected void assumeProviderRuns() {
    }

    /** The name a screenshot of the executive's view is saved under, in e2e-tests/target. */
    protected abstract String screenshot();

    @BeforeAll
    void startSuite() throws Exception {
        HeadlessChromium.assumeInstalled();
        assumeProviderRuns();
        Path root = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
        for (String module : List.of("tongyi-service", "quark-service", "cloud-billing-service", "gateway", "demo-data")) {
            assumeTrue(Files.exists(RunningSuite.jar(root, module)), module + " is not packaged; run mvn verify from the root");
        }
        target = root.resolve("e2e-tests").resolve("target");
        Path work = Files.createTempDirectory(target, "suite-production-");

        Map<String, String> everyService = new HashMap<>();
        everyService.put("MICRONAUT_ENVIRONMENTS", "prod");
        everyService.put("KPI_OIDC_AUDIENCE", "kpi-suite");
        everyService.put("KPI_OIDC_ROLES_CLAIM", "realm_access.roles");
        everyService.put("KPI_OIDC_BU_CLAIM", "business_unit");
        suite = new RunningSuite(root, work, everyService);
        provider = startProvider(suite.url("gateway"), work);
        suite.environment("tongyi-service", Map.of("KPI_OIDC_ISSUER", provider.issuer()))
                .environment("quark-service", Map.of("KPI_OIDC_ISSUER", provider.issuer()))
                .environment("gateway", Map.of("KPI_OIDC_ISSUER", provider.issuer(),
                        "KPI_OIDC_CLIENT_ID", provider.gateway().clientId(),
                        "KPI_OIDC_CLIENT_SECRET", provider.gateway().secret(),
                        "KPI_OIDC_DASHBOARD_CLIENT_ID", provider.dashboardClientId()))
                .environment("cloud-billing-service", Map.of("KPI_OIDC_ISSUER", provider.issuer(),
                        "KPI_OIDC_CLIENT_ID", provider.billing().clientId(),
                        "KPI_OIDC_CLIENT_SECRET", provider.billing().secret()))
                // The test's own reads: with the loader's account, which holds EXECUTIVE (every audit trail).
                .tokens(module -> "Bearer " + loaderToken());
        suite.start();
        loaderOutput = suite.loadDemoData(Map.of("KPI_OIDC_ISSUER", provider.issuer(),
                "KPI_OIDC_CLIENT_ID", provider.loader().clientId(), "KPI_OIDC_CLIENT_SECRET", provider.loader().secret()));
        assertThat(loaderOutput).contains("Demo data loaded");
        suite.awaitCompleteView(List.of("2024-Q4"), Duration.ofSeconds(120));
        browser = HeadlessChromium.start(target);
    }

    @AfterAll
    void stopSuite() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (suite != null) {
            suite.close();
        }
        stopProvider();
    }

    private String cachedLoaderToken;

    /** An access token of the loader's account, from the provider's token endpoint (client-credentials grant). */
    private synchronized String loaderToken() throws Exception {
        if (cachedLoaderToken == null) {
            String discovery = http.send(HttpRequest.newBuilder(URI.create(provider.issuer()
                    + "/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString()).body();
            String tokenEndpoint = JSON.readTree(discovery).path("token_endpoint").asText();
            String basic = Base64.getEncoder().encodeToString((provider.loader().clientId() + ":"
                    + provider.loader().secret()).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                    .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("the loader's token: %s", answer.body()).isEqualTo(200);
            cachedLoaderToken = JSON.readTree(answer.body()).path("access_token").asText();
        }
        return cachedLoaderToken;
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    private static boolean loaded(WebDriver d) {
        return "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded"));
    }

    /** Signs in at the provider's page as a user, from the dashboard's sign-in panel. */
    private void signInAtTheProvider(String username) {
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isTrue();
        // No password is typed into the dashboard in production.
        assertThat(browser.findElement(By.id("password-sign-in")).isDisplayed()).isFalse();
        browser.findElement(By.id("sign-in-idp")).click();
        waiting().until(d -> d.getCurrentUrl().startsWith(provider.authorizationEndpoint()));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(provider.password());
        browser.findElement(By.id("kc-login")).click();
        waiting().until(d -> d.getCurrentUrl().startsWith(suite.url("gateway")) && loaded(d));
        // The one-time code left the page's address at once.
        assertThat(browser.getCurrentUrl()).doesNotContain("code=").doesNotContain("state=");
    }

    /** The console's errors of the dashboard's own page (the provider's pages are its own business). */
    private List<String> dashboardErrors() {
        return HeadlessChromium.consoleErrors(browser).stream()
                .filter(m -> m.startsWith(suite.url("gateway")) || m.contains("Content Security Policy")).toList();
    }

    @Test
    @Order(1)
    void anExecutiveSignsInAtTheProviderAndSeesTheApisFigures() throws Exception {
        browser.get(suite.url("gateway") + "/dashboard/index.html?period=2024-Q4");
        waiting().until(ProductionModeEndToEnd::loaded);
        assertThat(browser.findElement(By.id("kpi-cloud-share")).getText()).isEmpty();
        signInAtTheProvider("executive");
        waiting().until(d -> loaded(d) && !d.findElement(By.id("kpi-cloud-share")).getText().isEmpty());

        JsonNode view = JSON.readTree(suite.get("gateway", "/api/v1/executive/ai-conversion?period=2024-Q4"));
        assertThat(view.path("complete").asBoolean()).isTrue();
        assertThat(view.path("cloud").path("share").decimalValue()).isEqualByComparingTo("0.113302");
        assertThat(new BigDecimal(browser.findElement(By.id("kpi-cloud-share")).getAttribute("data-value")))
                .isEqualByComparingTo(view.path("cloud").path("share").decimalValue());
        assertThat(new BigDecimal(browser.findElement(By.id("kpi-ai-cash")).getAttribute("data-value")))
                .isEqualByComparingTo(view.path("ai").path("cashRevenueCny").decimalValue());
        assertThat(browser.findElement(By.id("period")).getAttribute("value")).isEqualTo("2024-Q4");
        // The services answered the gateway's own account: every source of the view is there.
        assertThat(browser.findElements(By.cssSelector(".source[data-status='OK']"))).hasSize(3);
        // Nothing refused by the page's Content Security Policy, nothing missing.
        assertThat(dashboardErrors()).as("console errors").isEmpty();
        Files.write(target.resolve(screenshot()), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(2)
    void aUnitsLeadSignedInAtTheProviderSeesOnlyItsUnit() {
        browser.findElement(By.id("sign-out")).click();
        // Signing out ends the provider's session and comes back to the page.
        waiting().until(d -> d.getCurrentUrl().startsWith(suite.url("gateway")) && loaded(d)
                && d.findElement(By.id("sign-in")).isDisplayed());
        signInAtTheProvider("lead-tongyi-app");
        waiting().until(d -> "tongyi-app".equals(d.findElement(By.tagName("body")).getAttribute("data-unit"))
                && loaded(d) && !d.findElements(By.cssSelector("#reviews .review")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#reviews .review"))).extracting(b -> b.getAttribute("data-scope"))
                .containsExactly("tongyi-app");
        assertThat(browser.findElement(By.id("executive-only")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    @Test
    @Order(3)
    void everyWriteOfTheDemoLoaderIsInTheAuditTrailOfItsService() throws Exception {
        Matcher m = Pattern.compile("Writes accepted, by service: \\{([^}]*)}").matcher(loaderOutput);
        assertThat(m.find()).as("the loader says how many writes each service accepted").isTrue();
        Map<String, Integer> writes = new LinkedHashMap<>();
        for (String pair : m.group(1).split(",\\s*")) {
            writes.put(pair.substring(0, pair.indexOf('=')), Integer.parseInt(pair.substring(pair.indexOf('=') + 1)));
        }
        assertThat(writes.keySet()).containsExactlyInAnyOrderElementsOf(RunningSuite.MODULES);
        // The subject the provider gives the loader's account (Keycloak: the service account's user id).
        String subject = SignedJWT.parse(loaderToken()).getJWTClaimsSet().getSubject();
        for (Map.Entry<String, Integer> service : writes.entrySet()) {
            JsonNode trail = JSON.readTree(suite.get(service.getKey(),
                    "/api/v1/audit?subject=" + subject + "&from=2020-01-01&limit=10000"));
            assertThat(trail.path("truncated").asBoolean()).isFalse();
            assertThat(trail.path("entries").size()).as("audit rows of %s", service.getKey()).isEqualTo(service.getValue());
            for (JsonNode entry : trail.path("entries")) {
                assertThat(entry.path("subject").asText()).isEqualTo(subject);
                assertThat(entry.path("method").asText()).isIn("POST", "PUT");
                assertThat(entry.path("path").asText()).startsWith("/api/v1/");
                assertThat(entry.path("requestId").asText()).isNotBlank();
                assertThat(JSON.convertValue(entry.path("roles"), List.class)).contains(WRITER.get(service.getKey()));
            }
        }
    }

    @Test
    @Order(4)
    void neitherTheBuiltInSecretNorTheDevelopmentUsersGetIn() throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(suite.url("gateway") + "/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"executive\",\"password\":\"kpi-dev\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(401);
        // A token the suite's development secret signed, naming the provider as issuer and an executive's role.
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer(provider.issuer()).subject("intruder").audience("kpi-suite")
                .claim("realm_access", Map.of("roles", List.of("EXECUTIVE")))
                .expirationTime(new Date(System.currentTimeMillis() + 600_000)).build());
        forged.sign(new MACSigner("development-only-signing-secret-of-the-ai-kpi-suite-never-in-production"
                .getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> view = http.send(HttpRequest.newBuilder(URI.create(suite.url("gateway")
                        + "/api/v1/executive/ai-conversion?period=2024-Q4"))
                        .header("Authorization", "Bearer " + forged.serialize()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(view.statusCode()).isEqualTo(401);
        assertThat(view.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
