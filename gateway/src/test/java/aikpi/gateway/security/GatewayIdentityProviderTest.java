package aikpi.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import aikpi.gateway.sources.billing.BillingClient;
import aikpi.gateway.sources.quark.QuarkClient;
import aikpi.gateway.sources.tongyi.TongyiClient;
import aikpi.security.Roles;
import aikpi.testing.oidc.IdentityProviderTestBase;
import aikpi.testing.oidc.TestIdentityProvider;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway with the identity provider: it takes only the provider's valid tokens (the cases:
 * {@link IdentityProviderTestBase}), and calls the three services with its own account's access token from the
 * provider's token endpoint (client-credentials grant), kept until shortly before it expires, never the caller's.
 * The three services are a stand-in here that records what each call carried.
 */
@MicronautTest(transactional = false)
class GatewayIdentityProviderTest extends IdentityProviderTestBase {

    /** The gateway's account's token is renewed this long before it expires: here 1 s after it was issued. */
    private static final String RENEW_BEFORE = "299s";

    private HttpServer services;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @Inject
    TongyiClient tongyi;

    @Inject
    QuarkClient quark;

    @Inject
    BillingClient billing;

    @Override
    protected Map<String, String> moreProperties(TestIdentityProvider provider) {
        provider.client("gateway", "gateway-secret", Roles.SERVICE);
        try {
            services = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        services.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            // 404, not a transient failure: the gateway's circuits stay closed between the calls of these tests.
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        services.start();
        String url = "http://127.0.0.1:" + services.getAddress().getPort();
        return Map.of("kpi.oidc.client-id", "gateway", "kpi.oidc.client-secret", "gateway-secret",
                "kpi.oidc.dashboard-client-id", "kpi-dashboard",
                "kpi.oidc.token-renew-before", RENEW_BEFORE,
                "micronaut.http.services.tongyi-service.url", url,
                "micronaut.http.services.quark-service.url", url,
                "micronaut.http.services.cloud-billing-service.url", url);
    }

    @AfterAll
    void stopServices() {
        services.stop(0);
    }

    @Override
    protected String readUri() {
        return "/api/v1/targets/FY2025";
    }

    @Override
    protected String readerRole() {
        return Roles.EXECUTIVE;
    }

    private static void call(Supplier<java.util.concurrent.CompletableFuture<?>> call) {
        try {
            call.get().get(10, TimeUnit.SECONDS);
        } catch (Exception expected) {
            // The stand-in answers 404: only what the call carried matters here.
        }
    }

    @Test
    void theGatewayCallsTheServicesWithItsOwnAccountsTokenFromTheProvider() throws Exception {
        authorizations.clear();
        call(() -> tongyi.kpis("2024-Q4"));
        call(() -> quark.kpis("2024-Q4"));
        call(() -> billing.attribution("2024-Q4"));
        assertThat(authorizations).hasSize(3).allSatisfy(header -> assertThat(header).startsWith("Bearer "));
        SignedJWT token = SignedJWT.parse(authorizations.get(0).substring("Bearer ".length()));
        RSAKey key = (RSAKey) provider.publicKeys().getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(token.verify(new RSASSAVerifier(key))).as("signed by the provider").isTrue();
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(provider.issuer());
        assertThat(claims.getSubject()).isEqualTo("gateway");
        assertThat(claims.getAudience()).contains(provider.audience());
        assertThat(claims.getStringListClaim("roles")).isNull();
        assertThat(((Map<?, ?>) claims.getClaim("realm_access")).get("roles")).isEqualTo(List.of(Roles.SERVICE));
    }

    @Test
    void theAccountsTokenIsKeptUntilShortlyBeforeItExpiresThenRenewed() throws Exception {
        authorizations.clear();
        int issued = provider.tokensIssuedTo("gateway");
        call(() -> tongyi.kpis("2024-Q4"));
        call(() -> tongyi.kpis("2024-Q3"));
        int afterTwoCalls = provider.tokensIssuedTo("gateway");
        assertThat(afterTwoCalls - issued).as("one token for calls close together").isLessThanOrEqualTo(1);
        assertThat(authorizations).hasSize(2);
        assertThat(authorizations.get(1)).isEqualTo(authorizations.get(0));
        // Renewed once it is within KPI_OIDC_TOKEN_RENEW_BEFORE of its expiry (here: a second after it was issued).
        await("a new token is asked for").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    call(() -> tongyi.kpis("2024-Q4"));
                    return provider.tokensIssuedTo("gateway") != afterTwoCalls;
                });
        assertThat(authorizations.get(authorizations.size() - 1)).isNotEqualTo(authorizations.get(0));
    }

    @Test
    void theCallersOwnTokenIsNeverPassedOn() {
        authorizations.clear();
        String executive = provider.tokenWithRoles("an-executive", Roles.EXECUTIVE);
        // The executive view fans out to the three services.
        try {
            http().exchange(io.micronaut.http.HttpRequest.GET("/api/v1/executive/ai-conversion?period=2024-Q4")
                    .header("Authorization", "Bearer " + executive), String.class);
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
            // No source answers figures: whatever the view answers, only what its calls carried matters here.
        }
        assertThat(authorizations).isNotEmpty().noneMatch(header -> header.contains(executive));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardSignsInAtTheProviderAndNeverWithAPassword() {
        io.micronaut.http.MutableHttpRequest<?> request = io.micronaut.http.HttpRequest.GET("/api/v1/dashboard/settings");
        request.setAttribute(aikpi.testing.TestCallerFilter.ANONYMOUS, true);
        Map<String, Object> settings = http().retrieve(request, Map.class);
        assertThat(settings).containsEntry("identityProvider", true).containsEntry("developmentLogin", null);
        assertThat((Map<String, Object>) settings.get("signIn"))
                .containsEntry("issuer", provider.issuer())
                .containsEntry("authorizationEndpoint", provider.authorizationEndpoint())
                .containsEntry("tokenEndpoint", provider.tokenEndpoint())
                .containsEntry("clientId", "kpi-dashboard").containsEntry("scope", "openid");
    }

    @Test
    void theDashboardsPageRunsOnlyItsOwnScriptsAndTalksOnlyToTheGatewayAndTheProvider() {
        io.micronaut.http.MutableHttpRequest<?> request = io.micronaut.http.HttpRequest.GET("/dashboard/index.html");
        request.setAttribute(aikpi.testing.TestCallerFilter.ANONYMOUS, true);
        io.micronaut.http.HttpResponse<String> page = http().exchange(request, String.class);
        String policy = page.getHeaders().get("Content-Security-Policy");
        assertThat(policy).contains("script-src 'self';").contains("frame-ancestors 'none'")
                .contains("connect-src 'self' " + provider.issuer().replace(TestIdentityProvider.REALM, "") + ";")
                .doesNotContain("unsafe-eval");
        assertThat(page.getHeaders().get("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDashboardLearnsWhoIsSignedInFromTheGatewayWhateverClaimsTheProviderUses() {
        String lead = provider.token("lead-of-amap").roles(Roles.BU_LEAD, "offline_access").businessUnit("amap").sign();
        Map<String, Object> caller = http().retrieve(io.micronaut.http.HttpRequest.GET("/api/v1/dashboard/caller")
                .header("Authorization", "Bearer " + lead), Map.class);
        assertThat(caller).containsEntry("subject", "lead-of-amap").containsEntry("roles", List.of(Roles.BU_LEAD))
                .containsEntry("businessUnit", "amap");
    }
}
