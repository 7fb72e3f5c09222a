package aikpi.quark.apps;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** The body of {@code PUT /api/v1/apps/{appId}}; the app is replaced whole, so what is left out takes its default. */
@Serdeable
public record AppRequest(
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "Business unit id, a lower-case slug shared by every service: taobao, tmall, quark, "
                + "tongyi-app, amap, fliggy, eleme, alibaba-cloud")
        @NotNull @Pattern(regexp = AppController.BUSINESS_UNIT, message = "must be a business unit id (lower-case slug)")
        String businessUnit,
        @NotNull LocalDate launchedOn,
        @Schema(description = "EVENTS (default) or AGGREGATES; it changes only while the app holds no figures of its "
                + "present feed (409 otherwise)", nullable = true)
        @Nullable Feed feed,
        @Schema(description = "bundle ids naming the app in Segment calls (context.app.namespace), each listed by one "
                + "app at most (409 otherwise); default none", nullable = true)
        @Nullable @Size(max = AppController.MAX_BUNDLE_IDS)
        List<@NotNull @Pattern(regexp = AppController.BUNDLE_ID,
                message = "must be a bundle id or package name: letters, digits, '.', '_', '-', at most 255") String> bundleIds) {

    Feed feedOrDefault() {
        return feed == null ? Feed.EVENTS : feed;
    }

    List<String> bundleIdsOrNone() {
        return bundleIds == null ? List.of() : bundleIds.stream().distinct().sorted().toList();
    }
}
