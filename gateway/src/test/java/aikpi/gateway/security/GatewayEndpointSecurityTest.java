package aikpi.gateway.security;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static aikpi.testing.EndpointSecurity.read;
import static aikpi.testing.EndpointSecurity.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import aikpi.gateway.SourceDoubles;
import aikpi.gateway.reviews.seals.ReviewSeals;
import aikpi.gateway.sources.billing.Attribution.BusinessUnitSpend;
import aikpi.gateway.sources.quark.QuarkBreakdown;
import aikpi.gateway.sources.quark.RetentionTable;
import aikpi.gateway.targets.Target.Direction;
import aikpi.gateway.targets.Target.TargetPeriod;
import aikpi.gateway.targets.TargetRequest;
import aikpi.gateway.targets.TargetService;
import aikpi.platform.store.Transactions;
import aikpi.security.Roles;
import aikpi.security.ServiceCredential;
import aikpi.testing.EndpointSecurity.Endpoint;
import aikpi.testing.EndpointSecurity;
import aikpi.testing.ServiceApi;
import aikpi.testing.TestCallerFilter;
import aikpi.testing.TestTokens;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Who may call each endpoint of the gateway: the executive view, the trend, the all-units scorecards, setting a
 * target and the reviews of every scope only {@link Roles#EXECUTIVE}; one unit's scorecard, targets and review an
 * executive, or the lead of that unit; the dashboard's page and
 * settings and names everyone, without a token. The three sources are Mockito doubles answering canned figures for two units
 * (quark and tmall), so every allowed call really succeeds. The gateway's tests have JUnit's API but not its
 * parameterized tests, so the per-endpoint checks are dynamic tests, one per endpoint.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayEndpointSecurityTest extends SourceDoubles {

    private static final String PERIOD = "2025-Q1";
    private static final String SCORECARD = "/api/v1/executive/business-units/";
    /** A period sealed before each test, whose changes can be read. */
    private static final String SEALED = "2024-Q2";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    EmbeddedServer server;

    @Inject
    TestTokens testTokens;

    @Inject
    Router router;

    @Inject
    ServiceCredential credential;

    /** The endpoints that need a token, with the roles that may call them. */
    static List<Endpoint> secured() {
        return List.of(
                read("/api/v1/executive/ai-conversion", "/api/v1/executive/ai-conversion?period=FY2025-Q3", Roles.EXECUTIVE),
                read("/api/v1/executive/ai-conversion/trend", "/api/v1/executive/ai-conversion/trend?from=2024-Q1&to=2024-Q4",
                        Roles.EXECUTIVE),
                read("/api/v1/executive/business-units", "/api/v1/executive/business-units?period=" + PERIOD, Roles.EXECUTIVE),
                read("/api/v1/executive/apps/{appId}/retention", "/api/v1/executive/apps/quark/retention", Roles.EXECUTIVE),
                // Another unit than the BU lead's (the helpers' lead leads quark): only an executive reads it. A lead
                // reading its own unit is checked below.
                read("/api/v1/executive/business-units/{businessUnit}", SCORECARD + "tmall?period=" + PERIOD, Roles.EXECUTIVE),
                // Targets and reviews: executives set and read them all; a lead reads its own unit's (TargetApiTest,
                // ReviewApiTest), here tmall's, which only an executive may.
                write(HttpMethod.PUT, "/api/v1/targets/{fiscalYear}/{scope}/{kpiId}", TARGET, TARGET_BODY, Roles.EXECUTIVE),
                read("/api/v1/targets/{fiscalYear}/{scope}/{kpiId}", TARGET, Roles.EXECUTIVE),
                read("/api/v1/targets/{fiscalYear}/{scope}/{kpiId}/history", TARGET + "/history", Roles.EXECUTIVE),
                read("/api/v1/targets/{fiscalYear}/{scope}", "/api/v1/targets/FY2025/tmall", Roles.EXECUTIVE),
                read("/api/v1/targets/{fiscalYear}", "/api/v1/targets/FY2025", Roles.EXECUTIVE),
                read("/api/v1/executive/reviews", "/api/v1/executive/reviews?period=" + PERIOD, Roles.EXECUTIVE),
                read("/api/v1/executive/reviews/{scope}", "/api/v1/executive/reviews/tmall?period=" + PERIOD,
                        Roles.EXECUTIVE),
                // Sealing and the seals' versions and changes: executives only (a lead reads its unit's sealed
                // review through the review itself, ReviewSealApiTest).
                write(HttpMethod.POST, "/api/v1/executive/reviews/{period}/seal", "/api/v1/executive/reviews/2024-Q3/seal",
                        Map.of("reason", "synthetic: endpoint security test"), Roles.EXECUTIVE),
                read("/api/v1/executive/reviews/{period}/seals", "/api/v1/executive/reviews/" + SEALED + "/seals",
                        Roles.EXECUTIVE),
                read("/api/v1/executive/reviews/{period}/changes", "/api/v1/executive/reviews/" + SEALED + "/changes",
                        Roles.EXECUTIVE),
                // Subscriptions: executives any, a unit's lead its own unit's (SubscriptionApiTest); here tmall's, which
                // only an executive may. The list answers each caller what it may see, so a lead reads it too.
                write(HttpMethod.PUT, "/api/v1/subscriptions/{id}", SUBSCRIPTION, SUBSCRIPTION_BODY, Roles.EXECUTIVE),
                read("/api/v1/subscriptions/{id}", SUBSCRIPTION, Roles.EXECUTIVE),
                write(HttpMethod.DELETE, "/api/v1/subscriptions/{id}", SUBSCRIPTION, null, Roles.EXECUTIVE),
                read("/api/v1/subscriptions", "/api/v1/subscriptions", Roles.EXECUTIVE, Roles.BU_LEAD),
                // The outbox and sending a dead notification again: executives only.
                read("/api/v1/notifications", "/api/v1/notifications?status=DEAD", Roles.EXECUTIVE),
                write(HttpMethod.POST, "/api/v1/notifications/{id}/retry", "/api/v1/notifications/" + DEAD_ROW + "/retry",
                        Map.of(), Roles.EXECUTIVE),
                // Drivers and breakdowns: executives any scope, a unit's lead its own unit's (DriversApiTest); here
                // tmall's and the group's, which only an executive may. The table of dimensions is for both.
                read("/api/v1/executive/kpis/{kpiId}/drivers",
                        "/api/v1/executive/kpis/toc-ai-sessions/drivers?period=" + PERIOD + "&by=app&scope=tmall",
                        Roles.EXECUTIVE),
                read("/api/v1/executive/breakdown",
                        "/api/v1/executive/breakdown?kpi=toc-ai-sessions&period=" + PERIOD + "&by=unit", Roles.EXECUTIVE),
                read("/api/v1/executive/drivers/dimensions", "/api/v1/executive/drivers/dimensions", Roles.EXECUTIVE,
                        Roles.BU_LEAD),
                // The gateway's audit trail (its writes are the targets): executives only.
                read("/api/v1/audit", "/api/v1/audit", Roles.EXECUTIVE),
                // Who the token names, for the dashboard: any valid token.
                read("/api/v1/dashboard/caller", "/api/v1/dashboard/caller", Roles.ALL.toArray(String[]::new)));
    }

    private static final String TARGET = "/api/v1/targets/FY2025/tmall/toc-ai-sessions";
    private static final String SUBSCRIPTION = "/api/v1/subscriptions/security-tmall";
    private static final Map<String, Object> SUBSCRIPTION_BODY = Map.of("scopes", List.of("tmall"),
            "types", List.of("aikpi.review.floor-broken"), "channel", "webhook", "target", "https://hooks.example.com/x");
    /** An outbox row that is DEAD before each test, to be sent again. */
    private static final String DEAD_ROW = "00000000-0000-0000-0000-00000000dead";
    private static final Map<String, Object> TARGET_BODY = Map.of("target", 1000, "direction", "AT_LEAST",
            "weight", 1, "period", "QUARTER", "note", "synthetic: endpoint security test");

    /**
     * The endpoints open to everyone. {@code GET /} (a redirect to the page) is one too, but
     * {@link EndpointSecurity#routes} leaves {@code /} out of its list; it is checked on its own below.
     */
    static List<Endpoint> open() {
        return List.of(read("/api/v1/dashboard/settings", "/api/v1/dashboard/settings"),
                read("/api/v1/dashboard/names", "/api/v1/dashboard/names"));
    }

    @Inject
    TargetService targets;

    @Inject
    ReviewSeals seals;

    @Inject
    Transactions transactions;

    @BeforeEach
    void sourcesAnswer() {
        // The target the target and review endpoints read (a PUT of the same is a no-op).
        targets.put(2025, "tmall", "toc-ai-sessions", new TargetRequest(new BigDecimal("1000"), Direction.AT_LEAST,
                BigDecimal.ONE, TargetPeriod.QUARTER, null, "synthetic: endpoint security test"), "security-test");
        when(tongyiClient.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(
                tongyi(100, 10, 100, 40, 20, 1_000_000, "5.00")));
        when(tongyiClient.usageByBusinessUnit(anyString())).thenReturn(CompletableFuture.completedFuture(
                tokens("quark", 700L, "tmall", 300L)));
        when(quarkClient.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(
                quark(group(null, 4, 200, 600, "0.500000", 100, 10, "0.050000"),
                        group("quark", 2, 100, 300, "0.500000", 50, 5, "0.050000"),
                        group("tmall", 2, 100, 300, "0.500000", 50, 5, "0.050000"))));
        QuarkBreakdown.Group counts = new QuarkBreakdown.Group("tmall", BigDecimal.ONE, BigDecimal.TEN,
                new BigDecimal("0.100000"), 5, new QuarkBreakdown.Volume(100), new QuarkBreakdown.Quality(
                        new BigDecimal("0.500000"), 50, 100, 5, new BigDecimal("0.050000")));
        when(quarkClient.breakdown(anyString())).thenReturn(CompletableFuture.completedFuture(new QuarkBreakdown(
                PERIOD, List.of(new QuarkBreakdown.App("tmall-app", "tmall", BigDecimal.ONE, BigDecimal.TEN, 5,
                        counts.volume(), counts.quality(), List.of())), List.of(counts), counts)));
        when(quarkClient.retention("quark", null, null, null, null)).thenReturn(CompletableFuture.completedFuture(
                new RetentionTable("quark", "week", "open", "all", LocalDate.parse("2025-01-06"),
                        LocalDate.parse("2025-03-30"), LocalDate.parse("2025-04-01"), false, null, List.of())));
        when(billingClient.attribution(anyString())).thenReturn(CompletableFuture.completedFuture(
                billing("280154000000.00", "31742000000.00", "0.113302", "10.00", "8.00", "2.00", "5.00", "5.00", 2,
                        List.of(new BusinessUnitSpend("quark", new BigDecimal("12.34")),
                                new BusinessUnitSpend("tmall", new BigDecimal("5.00"))))));
        transactions.write(c -> {
            try (var st = c.createStatement()) {
                st.executeUpdate("DELETE FROM notification_subscription WHERE id = 'security-tmall'");
                st.executeUpdate("DELETE FROM notification_outbox WHERE id = '" + DEAD_ROW + "'");
                st.executeUpdate("INSERT INTO notification_subscription (id, scopes, types, channel, target, language,"
                        + " digest, created_by, created_at, updated_by, updated_at) VALUES ('security-tmall', 'tmall',"
                        + " 'aikpi.review.floor-broken', 'webhook', 'https://hooks.example.com/x', 'en', 'none',"
                        + " 'security-test', CURRENT_TIMESTAMP, 'security-test', CURRENT_TIMESTAMP)");
                // Due only in a year: no dispatch round of another test sends it.
                st.executeUpdate("INSERT INTO notification_outbox (id, notice_id, subscription_id, type, scope, payload,"
                        + " status, attempts, next_attempt_at, created_at) VALUES ('" + DEAD_ROW + "', 'security-notice',"
                        + " 'security-tmall', 'aikpi.review.floor-broken', 'tmall', '{}', 'DEAD', 8,"
                        + " CURRENT_TIMESTAMP + INTERVAL '365' DAY, CURRENT_TIMESTAMP)");
            }
            return null;
        });
        if (seals.versions(SEALED).isEmpty()) {
            seals.seal(SEALED, null, "security-test");
        }
    }

    @Test
    void everyEndpointOfTheServiceIsChecked() {
        List<Endpoint> all = Stream.concat(secured().stream(), open().stream()).toList();
        assertThat(EndpointSecurity.covered(all)).isEqualTo(EndpointSecurity.routes(router));
    }

    /** One dynamic test per endpoint, named by its route. */
    private static <T> Stream<DynamicTest> each(List<T> items, Consumer<T> check) {
        return items.stream().map(item -> DynamicTest.dynamicTest(item.toString(), () -> check.accept(item)));
    }

    @TestFactory
    Stream<DynamicTest> withoutATokenOrWithAnExpiredOneIs401() {
        return each(secured(), e -> {
            EndpointSecurity.anonymousIsRefused(client.toBlocking(), e);
            EndpointSecurity.expiredIsRefused(client.toBlocking(), testTokens, e);
        });
    }

    @TestFactory
    Stream<DynamicTest> everyOtherRoleIs403() {
        return each(secured(), e -> EndpointSecurity.otherRolesAreForbidden(client.toBlocking(), testTokens, e));
    }

    @TestFactory
    Stream<DynamicTest> theAllowedRolesSucceed() {
        return each(secured(), e -> EndpointSecurity.allowedRolesSucceed(client.toBlocking(), testTokens, e));
    }

    @TestFactory
    Stream<DynamicTest> everyAcceptedWriteIsInTheAuditTrail() {
        return each(secured(), e -> EndpointSecurity.acceptedWritesAreAudited(client.toBlocking(), testTokens, e));
    }

    @TestFactory
    Stream<DynamicTest> theOpenEndpointsAnswerWithoutAToken() {
        return each(open(), e -> {
            MutableHttpRequest<?> request = HttpRequest.GET(e.uri());
            request.setAttribute(TestCallerFilter.ANONYMOUS, true);
            HttpResponse<String> answer = client.toBlocking().exchange(request, String.class);
            assertThat(answer.getStatus().getCode()).isEqualTo(200);
            String expected = e.uri().endsWith("/names") ? "toc-ai-sessions" : "demoNotice";
            assertThat(answer.getBody()).hasValueSatisfying(body -> assertThat(body).contains(expected));
        });
    }

    @TestFactory
    Stream<DynamicTest> theOpenEndpointsAnswerEveryRole() {
        return each(open(), e -> {
            for (String role : Roles.ALL) {
                HttpResponse<String> answer = client.toBlocking().exchange(
                        HttpRequest.GET(e.uri()).header(HttpHeaders.AUTHORIZATION, testTokens.bearer(role)), String.class);
                assertThat(answer.getStatus().getCode()).as("%s as %s", e, role).isEqualTo(200);
            }
        });
    }

    @Test
    void theRootRedirectsToTheDashboardWithoutAToken() {
        DefaultHttpClientConfiguration noRedirects = new DefaultHttpClientConfiguration();
        noRedirects.setFollowRedirects(false);
        // A client of its own, outside the test's filters: it sends no credentials at all.
        try (HttpClient plain = HttpClient.create(server.getURL(), noRedirects)) {
            HttpResponse<String> root = plain.toBlocking().exchange(HttpRequest.GET("/"), String.class);
            assertThat(root.getStatus().getCode()).isEqualTo(303);
            assertThat(root.getHeaders().get(HttpHeaders.LOCATION)).isEqualTo("/dashboard/index.html");
            HttpResponse<String> page = plain.toBlocking().exchange(HttpRequest.GET("/dashboard/index.html"), String.class);
            assertThat(page.getStatus().getCode()).isEqualTo(200);
        }
    }

    // One unit's scorecard: executives read every unit, a BU lead only the unit its token names.

    @Test
    @SuppressWarnings("unchecked")
    void aBusinessUnitLeadReadsItsOwnUnit() {
        Map<String, Object> view = get(SCORECARD + "quark?period=" + PERIOD, testTokens.businessUnitLead("quark"));
        assertThat((List<Map<String, Object>>) view.get("businessUnits"))
                .singleElement().satisfies(card -> assertThat(card).containsEntry("businessUnit", "quark"));
    }

    @TestFactory
    Stream<DynamicTest> aBusinessUnitLeadIsRefusedAnotherUnit() {
        // tmall is known to the sources; taobao is not (an executive would get 404): the lead learns neither.
        return each(List.of("tmall", "taobao"), unit -> {
            Map<String, Object> problem = refused(SCORECARD + unit + "?period=" + PERIOD, testTokens.businessUnitLead("quark"));
            assertThat(problem.toString()).doesNotContain("quark").doesNotContain(Roles.BU_LEAD)
                    .doesNotContainIgnoringCase("exception");
        });
    }

    @TestFactory
    Stream<DynamicTest> aLeadWhoseTokenNamesTheGroupReadsNothingOfTheGroup() {
        // "group" is the scope of the group's own targets, not a business unit: a token naming it (lead-group) leads
        // no unit, and every route a lead may call refuses it the group's figures, targets and their history.
        targets.put(2025, "group", "toc-ai-sessions", new TargetRequest(new BigDecimal("1000"), Direction.AT_LEAST,
                BigDecimal.ONE, TargetPeriod.QUARTER, null, "synthetic: endpoint security test"), "security-test");
        return each(List.of(
                "/api/v1/executive/reviews/group?period=" + PERIOD,
                "/api/v1/targets/FY2025/group",
                "/api/v1/targets/FY2025/group/toc-ai-sessions",
                "/api/v1/targets/FY2025/group/toc-ai-sessions/history",
                SCORECARD + "group?period=" + PERIOD),
                uri -> refused(uri, testTokens.businessUnitLead("group")));
    }

    @Test
    void aBusinessUnitLeadWithoutAUnitReadsNoUnit() {
        refused(SCORECARD + "quark?period=" + PERIOD, testTokens.bearer(Roles.BU_LEAD));
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> anExecutiveReadsAnyUnit() {
        return each(List.of("quark", "tmall"), unit -> {
            Map<String, Object> view = get(SCORECARD + unit + "?period=" + PERIOD, testTokens.bearer(Roles.EXECUTIVE));
            assertThat((List<Map<String, Object>>) view.get("businessUnits"))
                    .singleElement().satisfies(card -> assertThat(card).containsEntry("businessUnit", unit));
        });
    }

    @TestFactory
    Stream<DynamicTest> aBusinessUnitLeadReadsNeitherTheAllUnitsListNorTheExecutiveView() {
        return each(List.of(
                "/api/v1/executive/business-units?period=" + PERIOD,
                "/api/v1/executive/ai-conversion?period=" + PERIOD,
                "/api/v1/executive/ai-conversion/trend?from=2024-Q1&to=2024-Q4"),
                uri -> refused(uri, testTokens.businessUnitLead("quark")));
    }

    // The sources are called with the gateway's own credential (ServiceCredentialFilter), never the caller's token.

    @Test
    void theGatewayCallsItsSourcesAsAServiceThatOnlyReads() throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(credential.token()).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("gateway");
        assertThat(claims.getStringListClaim("roles")).containsExactly(Roles.SERVICE);
        assertThat(claims.getClaim(Roles.BUSINESS_UNIT_CLAIM)).isNull();
        assertThat(claims.getExpirationTime()).isNotNull();
    }

    private Map<String, Object> get(String uri, String bearer) {
        return client.toBlocking().retrieve(HttpRequest.GET(uri).header(HttpHeaders.AUTHORIZATION, bearer),
                Argument.mapOf(String.class, Object.class));
    }

    private Map<String, Object> refused(String uri, String bearer) {
        return new ServiceApi(client.toBlocking()).problem(HttpRequest.GET(uri).header(HttpHeaders.AUTHORIZATION, bearer), 403);
    }
}
