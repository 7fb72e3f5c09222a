package aikpi.quark.metrics;

import aikpi.quark.apps.Feed;
import aikpi.quark.retention.RetentionSummary;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** One app's figures in a period: users, actives, AI adoption, AI volume and quality, and the same per feature. */
@Serdeable
@Schema(description = "Exact: totalUsers, newUsers, installs, aiFeatures, volume, quality. Estimated with HLL sketches "
        + "(Apache DataSketches, lgK 16: relative standard error 0.41%, ~95% within 0.81%, ~99% within 1.05%): dau, "
        + "mau, activeUsers, aiUsers and the ratios built on them (stickiness, aiUserShare). For an app fed by daily "
        + "aggregates totalUsers and newUsers are estimates too, at its sketches' precision; estimates says which.")
public record AppMetrics(
        String appId,
        String name,
        String businessUnit,
        String period,
        LocalDate from,
        LocalDate to,
        String zone,
        @Schema(description = "distinct users ever seen (install or app open) up to the period's end (exact)") long totalUsers,
        @Schema(description = "distinct users first seen (install or app open) in the period (exact)") long newUsers,
        @Schema(description = "installs in the period (exact)") long installs,
        @Schema(description = "mean over the period's days (those begun) of distinct users active that day; estimate",
                nullable = true) @Nullable BigDecimal dau,
        @Schema(description = "distinct users active in each calendar month of the period (those begun), averaged "
                + "over those months; estimate", nullable = true) @Nullable BigDecimal mau,
        @Schema(description = "dau ÷ mau", nullable = true) @Nullable BigDecimal stickiness,
        @Schema(description = "distinct users active in the whole period; estimate") long activeUsers,
        @Schema(description = "days averaged into dau: the period's days up to today in the reporting zone (for an app "
                + "fed by daily aggregates, those of them its pipeline sent)") int daysCounted,
        @Schema(description = "months averaged into mau: the period's months begun by today") int monthsCounted,
        @Schema(description = "AI features live at the period's end (launched on or before it)") long aiFeatures,
        @Schema(description = "distinct users with an AI session in the period; estimate") long aiUsers,
        @Schema(description = "aiUsers ÷ activeUsers: how much of the audience AI reaches", nullable = true)
        @Nullable BigDecimal aiUserShare,
        Volume volume,
        Quality quality,
        @Schema(description = "whether the period's new users stay, and whether AI users stay more; null when not asked "
                + "for", nullable = true) @Nullable RetentionSummary retention,
        List<FeatureMetrics> features,
        @Schema(description = "EVENTS or AGGREGATES: how the app's figures reach quark") Feed feed,
        Estimates estimates) {
}
