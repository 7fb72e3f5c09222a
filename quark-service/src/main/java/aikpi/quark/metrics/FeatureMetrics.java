package aikpi.quark.metrics;

import aikpi.quark.features.FeatureKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;

/** One AI feature's figures in a period. */
@Serdeable
public record FeatureMetrics(
        String featureId,
        String name,
        FeatureKind kind,
        LocalDate launchedOn,
        @Schema(description = "launched on or before the period's last day") boolean live,
        @Schema(description = "distinct users with a session of this feature in the period; HLL sketch estimate "
                + "(relative standard error 0.41%, ~95% within 0.81%); null for an app fed by daily aggregates, whose "
                + "days are not split by feature", nullable = true) @Nullable Long aiUsers,
        @Schema(nullable = true) @Nullable Volume volume,
        @Schema(nullable = true) @Nullable Quality quality) {
}
