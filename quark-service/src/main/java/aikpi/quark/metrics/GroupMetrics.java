package aikpi.quark.metrics;

import aikpi.quark.retention.RetentionSummary;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/**
 * A business unit's, or the whole group's, figures: distinct users are counted across its apps, so a user of two
 * of them counts once (by a union of their sketches when an app fed by daily aggregates is among them, never by a
 * sum of distinct counts); counts are sums.
 */
@Serdeable
@Schema(description = "Totals over several apps; a user of two of them counts once. Exact: totalUsers, newUsers, "
        + "installs, aiFeatures, volume, quality. HLL sketch estimates (relative standard error 0.41%): dau, mau, "
        + "activeUsers, aiUsers, stickiness, aiUserShare.")
public record GroupMetrics(
        @Schema(description = "the business unit id; null for the whole group", nullable = true)
        @Nullable String businessUnit,
        List<String> appIds,
        long totalUsers,
        long newUsers,
        long installs,
        @Nullable BigDecimal dau,
        @Nullable BigDecimal mau,
        @Nullable BigDecimal stickiness,
        long activeUsers,
        long aiFeatures,
        long aiUsers,
        @Nullable BigDecimal aiUserShare,
        Volume volume,
        Quality quality,
        @Schema(description = "whether the period's new users stay (a user's first day in the unit or the group), and "
                + "whether AI users stay more; null when not asked for", nullable = true)
        @Nullable RetentionSummary retention,
        Estimates estimates) {
}
