package aikpi.gateway.dashboard;

import aikpi.gateway.conversion.Bilingual;
import aikpi.gateway.conversion.KpiDefinition;
import aikpi.gateway.reviews.Review;
import aikpi.security.Roles;
import aikpi.security.SecurityMode;
import aikpi.security.oidc.IdentityProvider;
import aikpi.security.oidc.IdentityProviderUnavailableException;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.oauth2.client.DefaultOpenIdProviderMetadata;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The executives' dashboard: a static page served by the gateway itself, with ECharts from the gateway too. The page
 * and its settings are open; every figure it shows is read with the signed-in user's token. With the group's identity
 * provider, the page signs in there (authorization code with PKCE, as the public client
 * {@code KPI_OIDC_DASHBOARD_CLIENT_ID}); in development, with the development users.
 */
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller
public class DashboardController {

    private final boolean demoNotice;
    private final SecurityMode mode;
    private final BeanProvider<IdentityProvider> provider;

    public DashboardController(@Value("${gateway.dashboard.demo-notice:false}") boolean demoNotice, SecurityMode mode,
                               BeanProvider<IdentityProvider> provider) {
        this.demoNotice = demoNotice;
        this.mode = mode;
        this.provider = provider;
    }

    /**
     * Sends a browser to the page. The redirect has no body, so it produces any type: the route must not refuse (406)
     * a browser that accepts only {@code text/html}, as it would with the controller's default of JSON.
     */
    @Hidden
    @Get(produces = MediaType.ALL)
    public HttpResponse<?> root() {
        return HttpResponse.seeOther(URI.create("/dashboard/index.html"));
    }

    /**
     * What the page needs to know about this deployment: whether the data is the demo set, how users sign in (with
     * the identity provider: where; in development: the executive's development credentials).
     */
    @Serdeable
    public record DashboardSettings(boolean demoNotice, @Nullable DevelopmentLogin developmentLogin,
                                    boolean identityProvider, @Nullable SignIn signIn) {
    }

    /** In a development run, the executive's development credentials, so the sign-in form can offer them. */
    @Serdeable
    public record DevelopmentLogin(String username, String password) {
    }

    /** Where the page signs in: the provider's endpoints and the public client it signs in as. */
    @Serdeable
    public record SignIn(String issuer, String authorizationEndpoint, String tokenEndpoint,
                         @Nullable String endSessionEndpoint, String clientId, String scope) {
    }

    /** Who is signed in, as the page shows it: the suite's roles and a lead's unit, read from the checked token. */
    @Serdeable
    public record Caller(String subject, List<String> roles, @Nullable String businessUnit) {
    }

    @Tag(name = "dashboard")
    @Operation(summary = "Settings of the dashboard page (whether the data shown is the generated demo set; how to sign in)")
    @Get("/api/v1/dashboard/settings")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public DashboardSettings settings() {
        return new DashboardSettings(demoNotice,
                mode.development() ? new DevelopmentLogin("executive", mode.developmentPassword()) : null,
                mode.identityProvider(), signIn());
    }

    /** The provider's sign-in for the page, or none (no provider, no dashboard client, or the provider not answering). */
    @Nullable
    private SignIn signIn() {
        IdentityProvider idp = provider.find(null).orElse(null);
        if (idp == null || idp.dashboardClientId().isEmpty()) {
            return null;
        }
        try {
            DefaultOpenIdProviderMetadata metadata = idp.metadata();
            return new SignIn(idp.issuer(), metadata.getAuthorizationEndpoint(), metadata.getTokenEndpoint(),
                    metadata.getEndSessionEndpoint(), idp.dashboardClientId().get(), idp.dashboardScope());
        } catch (IdentityProviderUnavailableException e) {
            return null;
        }
    }

    /**
     * What the page shows in its reader's language in place of the API's codes: each KPI's name (with its unit, its
     * sources and its English definition, for the tooltip beside the id), each review status and each target direction.
     */
    @Serdeable
    public record DashboardNames(Map<String, KpiName> kpis, Map<String, Bilingual> statuses,
                                 Map<String, Bilingual> directions) {
    }

    @Serdeable
    public record KpiName(String zh, String en, String unit, String definition, List<String> sources) {
    }

    private static final DashboardNames NAMES = names();

    private static DashboardNames names() {
        Map<String, Bilingual> review = Bilingual.table(Review.class, "ReviewNames.properties");
        Function<String, Map<String, Bilingual>> part = prefix -> new TreeMap<>(review.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .collect(Collectors.toMap(e -> e.getKey().substring(prefix.length()), Map.Entry::getValue)));
        return new DashboardNames(Arrays.stream(KpiDefinition.values()).collect(Collectors.toMap(KpiDefinition::id,
                d -> new KpiName(d.displayName().zh(), d.displayName().en(), d.unit(), d.definition(),
                        d.sources().stream().map(s -> s.serviceId()).toList()), (a, b) -> a, TreeMap::new)),
                part.apply("status."), part.apply("direction."));
    }

    @Tag(name = "dashboard")
    @Operation(summary = "The names the page shows in Chinese or English: KPIs (by id), review statuses, target directions")
    @Get("/api/v1/dashboard/names")
    public DashboardNames dashboardNames() {
        return NAMES;
    }

    @Tag(name = "dashboard")
    @Operation(summary = "Who the bearer token names: its subject, the suite's roles and a lead's business unit")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Get("/api/v1/dashboard/caller")
    public Caller caller(Authentication caller) {
        Object unit = caller.getAttributes().get(Roles.BUSINESS_UNIT_CLAIM);
        return new Caller(caller.getName(), caller.getRoles().stream().sorted().toList(),
                unit instanceof String u ? u : null);
    }
}
