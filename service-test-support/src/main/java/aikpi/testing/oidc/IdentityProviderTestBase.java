package aikpi.testing.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import aikpi.testing.ServiceApi;
import aikpi.testing.TestCallerFilter;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A service with the group's identity provider configured ({@code KPI_OIDC_*}, here the {@link TestIdentityProvider}
 * with Keycloak's claims: roles in {@code realm_access.roles}, the unit in {@code business_unit}): the subclass (a
 * {@code @MicronautTest}) names one endpoint and a role that reads it; this checks which tokens the service takes.
 * Every refusal is 401 problem+json with {@code WWW-Authenticate: Bearer}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IdentityProviderTestBase implements TestPropertyProvider {

    /** How long after a key-set read an unknown key id may cause the next one (short, so rotation is seen quickly). */
    protected static final Duration REFETCH_INTERVAL = Duration.ofSeconds(2);

    protected TestIdentityProvider provider;

    @Inject
    @Client("/")
    protected HttpClient client;

    /** A request that succeeds (2xx) for a caller holding {@link #readerRole()}. */
    protected abstract String readUri();

    protected abstract String readerRole();

    @Override
    public Map<String, String> getProperties() {
        provider = TestIdentityProvider.start().rolesClaim("realm_access.roles").businessUnitClaim("business_unit");
        Map<String, String> properties = new HashMap<>();
        properties.put("kpi.oidc.issuer", provider.issuer());
        properties.put("kpi.oidc.audience", provider.audience());
        properties.put("kpi.oidc.roles-claim", "realm_access.roles");
        properties.put("kpi.oidc.business-unit-claim", "business_unit");
        properties.put("kpi.oidc.jwks-refetch-interval", REFETCH_INTERVAL.toMillis() + "ms");
        properties.putAll(moreProperties(provider));
        return properties;
    }

    /** More configuration of the service under test (its own account, URLs of what it calls). */
    protected Map<String, String> moreProperties(TestIdentityProvider provider) {
        return Map.of();
    }

    @AfterAll
    void stopProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    protected BlockingHttpClient http() {
        return client.toBlocking();
    }

    protected HttpResponse<String> read(String token) {
        return http().exchange(HttpRequest.GET(readUri()).header(HttpHeaders.AUTHORIZATION, "Bearer " + token), String.class);
    }

    protected void refused(String token) {
        MutableHttpRequest<?> request = HttpRequest.GET(readUri());
        if (token == null) {
            request.setAttribute(TestCallerFilter.ANONYMOUS, true);
        } else {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        Map<String, Object> problem = new ServiceApi(http()).problem(request, 401);
        assertThat(problem).containsEntry("title", "Unauthorized");
    }

    protected TestIdentityProvider.Token reader() {
        return provider.token("reader@" + readerRole().toLowerCase()).roles(readerRole());
    }

    @Test
    void aValidRs256TokenOfTheProviderIsTaken() {
        assertThat(read(reader().sign()).getStatus().getCode()).isBetween(200, 299);
    }

    @Test
    void aValidEs256TokenOfTheProviderIsTaken() {
        assertThat(read(reader().es256().sign()).getStatus().getCode()).isBetween(200, 299);
    }

    @Test
    void noTokenIsRefused() {
        refused(null);
    }

    @Test
    void anExpiredTokenIsRefusedButASmallClockSkewIsAllowed() {
        refused(reader().expiresAt(Instant.now().minusSeconds(120)).sign());
        // 30 s of skew by default: a token that expired 5 s ago by this clock may not have by the provider's.
        assertThat(read(reader().expiresAt(Instant.now().minusSeconds(5)).sign()).getStatus().getCode()).isEqualTo(200);
    }

    @Test
    void aTokenBeforeItsNotBeforeTimeOrWithoutExpiryIsRefused() {
        refused(reader().notBefore(Instant.now().plusSeconds(600)).sign());
        refused(reader().withoutExpiry().sign());
        assertThat(read(reader().notBefore(Instant.now().plusSeconds(5)).sign()).getStatus().getCode()).isEqualTo(200);
    }

    @Test
    void aTokenOfAnotherIssuerIsRefusedEvenOneTheConfiguredIssuerEndsWith() {
        refused(reader().issuer(provider.issuer().replace("/realms/group", "/realms/other")).sign());
        // micronaut-security-jwt's own check would take this one: the configured issuer ends with it.
        refused(reader().issuer("realms/group").sign());
        refused(reader().issuer(provider.issuer() + "-evil").sign());
    }

    @Test
    void aTokenForAnotherAudienceOrNoneIsRefused() {
        refused(reader().audience("account").sign());
        refused(reader().audience().sign());
        assertThat(read(reader().audience("account", provider.audience()).sign()).getStatus().getCode()).isEqualTo(200);
    }

    @Test
    void aTokenSignedWithAKeyNotInTheSetIsRefused() {
        refused(reader().keyNotInSet().sign());
    }

    @Test
    void anUnsignedTokenIsRefused() {
        refused(reader().unsigned());
    }

    @Test
    void anHs256TokenIsRefusedWhereTheProviderSignsWithRs256() {
        // The key-confusion attack: the provider's own public key as an HMAC secret.
        refused(reader().hs256WithThePublicKey());
        // Nor does the suite's development secret sign anything this service takes any more.
        refused(reader().hs256("development-only-signing-secret-of-the-ai-kpi-suite-never-in-production"));
    }

    @Test
    void theRolesComeFromTheConfiguredClaimOnly() {
        // The role at the top-level "roles" claim, where the configured claim (realm_access.roles) does not hold it.
        HttpRequest<?> request = HttpRequest.GET(readUri()).header(HttpHeaders.AUTHORIZATION, "Bearer "
                + provider.token("misplaced").claim("roles", java.util.List.of(readerRole())).sign());
        new ServiceApi(http()).problem(request, 403);
    }

    @Test
    void noOneSignsInWithTheDevelopmentCredentials() {
        MutableHttpRequest<?> login = HttpRequest.POST("/login", Map.of("username", "executive", "password", "kpi-dev"));
        login.setAttribute(TestCallerFilter.ANONYMOUS, true);
        new ServiceApi(http()).problem(login, 401);
    }

    @Test
    void aRotatedKeyIsTakenOnceTheSetIsReadAgainAndUnknownKeyIdsDoNotFloodTheProvider() throws Exception {
        assertThat(read(reader().sign()).getStatus().getCode()).isEqualTo(200);
        provider.rotate();
        String rotated = reader().sign();
        // The first token naming the new key makes the set be read again, at most once per interval.
        await("a token of the rotated key is taken within a few intervals").atMost(REFETCH_INTERVAL.multipliedBy(5))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
                    try {
                        return read(rotated).getStatus().getCode() == 200;
                    } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
                        assertThat(e.getStatus().getCode()).isEqualTo(401);
                        return false;
                    }
                });
        int reads = provider.jwksReads();
        for (int i = 0; i < 10; i++) {
            refused(reader().keyNotInSet().sign());
        }
        assertThat(provider.jwksReads()).as("ten unknown key ids at once, one read at most").isLessThanOrEqualTo(reads + 1);
    }
}
