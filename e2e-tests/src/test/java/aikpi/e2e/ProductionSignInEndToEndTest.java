package aikpi.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import aikpi.testing.oidc.TestIdentityProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The suite in production mode ({@code MICRONAUT_ENVIRONMENTS=prod}, no signing secret of its own) against an OpenID
 * Connect provider (service-test-support's {@link TestIdentityProvider}, with Keycloak's claims): the gateway and
 * cloud-billing call the services with their own accounts' tokens (client-credentials grant), the demo loader writes
 * with its account's, an executive signs in to the dashboard at the provider (authorization code with PKCE) and sees
 * the API's figures, a unit's lead sees only its unit, every write the loader made is in the services' audit trails,
 * and neither the built-in secret nor the development users get in.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionSignInEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "e2e-" + Long.toHexString(System.nanoTime());
    private static final String LOADER = "kpi-demo-loader";
    /** The roles each service's writes need, as the loader's account holds them. */
    private static final Map<String, String> WRITER = Map.of("tongyi-service", "TONGYI_WRITER",
            "quark-service", "QUARK_WRITER", "cloud-billing-service", "BILLING_WRITER", "gateway", "EXECUTIVE");

    private static TestIdentityProvider provider;
    private static RunningSuite suite;
    private static WebDriver browser;
    private static Path target;
    private static String loaderOutput;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startSuite() throws Exception {
        HeadlessChromium.assumeInstalled();
        Path root = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
        for (String module : List.of("tongyi-service", "quark-service", "cloud-billing-service", "gateway", "demo-data")) {
            assumeTrue(Files.exists(RunningSuite.jar(root, module)), module + " is not packaged; run mvn verify from the root");
        }
        target = root.resolve("e2e-tests").resolve("target");
        Path work = Files.createTempDirectory(target, "suite-production-");

        provider = TestIdentityProvider.start().rolesClaim("realm_access.roles").businessUnitClaim("business_unit");
        Map<String, String> everyService = new HashMap<>();
        everyService.put("MICRONAUT_ENVIRONMENTS", "prod");
        everyService.put("KPI_OIDC_ISSUER", provider.issuer());
        everyService.put("KPI_OIDC_AUDIENCE", provider.audience());
        everyService.put("KPI_OIDC_ROLES_CLAIM", "realm_access.roles");
        everyService.put("KPI_OIDC_BU_CLAIM", "business_unit");
        suite = new RunningSuite(root, work, everyService);
        String gatewaySecret = secret();
        String billingSecret = secret();
        String loaderSecret = secret();
        provider.client("gateway", gatewaySecret, "SERVICE")
                .client("cloud-billing-service", billingSecret, "SERVICE")
                .client(LOADER, loaderSecret, "TONGYI_WRITER", "QUARK_WRITER", "BILLING_WRITER", "EXECUTIVE")
                .publicClient("kpi-dashboard", suite.url("gateway") + "/dashboard/index.html")
                .user("executive", PASSWORD, List.of("EXECUTIVE"), null)
                .user("lead-tongyi-app", PASSWORD, List.of("BU_LEAD"), "tongyi-app");
        suite.environment("gateway", Map.of("KPI_OIDC_CLIENT_ID", "gateway", "KPI_OIDC_CLIENT_SECRET", gatewaySecret,
                        "KPI_OIDC_DASHBOARD_CLIENT_ID", "kpi-dashboard"))
                .environment("cloud-billing-service", Map.of("KPI_OIDC_CLIENT_ID", "cloud-billing-service",
                        "KPI_OIDC_CLIENT_SECRET", billingSecret))
                // The test's own reads: an executive's token from the provider (executives read every audit trail).
                .tokens(module -> "Bearer " + provider.tokenWithRoles("e2e-executive", "EXECUTIVE"));
        suite.start();
        loaderOutput = suite.loadDemoData(Map.of("KPI_OIDC_ISSUER", provider.issuer(), "KPI_OIDC_CLIENT_ID", LOADER,
                "KPI_OIDC_CLIENT_SECRET", loaderSecret));
        assertThat(loaderOutput).contains("Demo data loaded");
        suite.awaitCompleteView(List.of("2024-Q4"), Duration.ofSeconds(120));
        browser = HeadlessChromium.start(target);
    }

    private static String secret() {
        return Long.toHexString(Double.doubleToLongBits(Math.random())) + Long.toHexString(System.nanoTime());
    }

    @AfterAll
    static void stopSuite() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (suite != null) {
            suite.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(60));
    }

    private static boolean loaded(WebDriver d) {
        return "true".equals(d.findElement(By.tagName("body")).getAttribute("data-loaded"));
    }

    /** Signs in at the provider's page as a user, from the dashboard's sign-in panel. */
    private static void signInAtTheProvider(String username) {
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).isTrue();
        // No password is typed into the dashboard in production.
        assertThat(browser.findElement(By.id("password-sign-in")).isDisplayed()).isFalse();
        browser.findElement(By.id("sign-in-idp")).click();
        waiting().until(d -> d.getCurrentUrl().startsWith(provider.authorizationEndpoint()));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("kc-login")).click();
        waiting().until(d -> d.getCurrentUrl().startsWith(suite.url("gateway")) && loaded(d));
        // The one-time code left the page's address at once.
        assertThat(browser.getCurrentUrl()).doesNotContain("code=").doesNotContain("state=");
    }

    @Test
    @Order(1)
    void anExecutiveSignsInAtTheProviderAndSeesTheApisFigures() throws Exception {
        browser.get(suite.url("gateway") + "/dashboard/index.html?period=2024-Q4");
        waiting().until(ProductionSignInEndToEndTest::loaded);
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
        assertThat(HeadlessChromium.consoleErrors(browser)).as("console errors").isEmpty();
        Files.write(target.resolve("dashboard-production.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
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
        for (Map.Entry<String, Integer> service : writes.entrySet()) {
            JsonNode trail = JSON.readTree(suite.get(service.getKey(),
                    "/api/v1/audit?subject=" + LOADER + "&from=2020-01-01&limit=10000"));
            assertThat(trail.path("truncated").asBoolean()).isFalse();
            assertThat(trail.path("entries").size()).as("audit rows of %s", service.getKey()).isEqualTo(service.getValue());
            for (JsonNode entry : trail.path("entries")) {
                assertThat(entry.path("subject").asText()).isEqualTo(LOADER);
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
        String forged = provider.token("intruder").roles("EXECUTIVE")
                .hs256("development-only-signing-secret-of-the-ai-kpi-suite-never-in-production");
        HttpResponse<String> view = http.send(HttpRequest.newBuilder(URI.create(suite.url("gateway")
                        + "/api/v1/executive/ai-conversion?period=2024-Q4")).header("Authorization", "Bearer " + forged).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(view.statusCode()).isEqualTo(401);
        assertThat(view.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}
