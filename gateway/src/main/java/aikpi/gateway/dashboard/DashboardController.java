package aikpi.gateway.dashboard;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;

/** The executives' dashboard: a static page served by the gateway itself, with ECharts from the gateway too. */
@Controller
public class DashboardController {

    private final boolean demoNotice;

    public DashboardController(@Value("${gateway.dashboard.demo-notice:false}") boolean demoNotice) {
        this.demoNotice = demoNotice;
    }

    @Hidden
    @Get
    public HttpResponse<?> root() {
        return HttpResponse.seeOther(URI.create("/dashboard/index.html"));
    }

    /** What the page needs to know about this deployment. */
    @Serdeable
    public record DashboardSettings(boolean demoNotice) {
    }

    @Tag(name = "dashboard")
    @Operation(summary = "Settings of the dashboard page (whether the data shown is the generated demo set)")
    @Get("/api/v1/dashboard/settings")
    public DashboardSettings settings() {
        return new DashboardSettings(demoNotice);
    }
}
