package aikpi.quark.apps;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/** An app as the API shows it. */
@Serdeable
public record AppView(
        String appId,
        String name,
        String businessUnit,
        LocalDate launchedOn,
        @Schema(description = "EVENTS: installs, app opens and AI sessions one by one (the JSON batches or Segment "
                + "calls); AGGREGATES: one set of figures per day (PUT /api/v1/apps/{appId}/days/{date})") Feed feed,
        @Schema(description = "the bundle ids (iOS bundle identifiers, Android package names) that name this app as "
                + "the context.app.namespace of Segment calls") List<String> bundleIds) {

    static AppView of(App app, List<String> bundleIds) {
        return new AppView(app.appId(), app.name(), app.businessUnit(), app.launchedOn(), app.feed(), bundleIds);
    }
}
