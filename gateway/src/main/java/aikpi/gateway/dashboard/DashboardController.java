package aikpi.gateway.dashboard;

import aikpi.security.SecurityMode;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;

/**
 * The executives' dashboard: a static page served by the gateway itself, with ECharts from the gateway too. The page
 * and its settings are open; every figure it shows is read with the signed-in user's token.
 */
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller
public class DashboardController {

    private final boolean demoNotice;
    private final SecurityMode mode;

    public DashboardController(@Value("${gateway.dashboard.demo-notice:false}") boolean demoNotice, SecurityMode mode) {
        this.demoNotice = demoNotice;
        this.mode = mode;
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

    /** What the page needs to know about this deployment. */
    @Serdeable
    public record DashboardSettings(boolean demoNotice, @Nullable DevelopmentLogin developmentLogin) {
    }

    /** In a development run, the executive's development credentials, so the sign-in form can offer them. */
    @Serdeable
    public record DevelopmentLogin(String username, String password) {
    }

    @Tag(name = "dashboard")
    @Operation(summary = "Settings of the dashboard page (whether the data shown is the generated demo set; development sign-in)")
    @Get("/api/v1/dashboard/settings")
    public DashboardSettings settings() {
        return new DashboardSettings(demoNotice, mode.development() ? new DevelopmentLogin("executive", mode.developmentPassword()) : null);
    }
}
