package aikpi.gateway.sources.quark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

/**
 * The part of quark-service's {@code GET /api/v1/kpis} the gateway reads: group totals, each business unit's, and
 * each app's users and retention.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record QuarkKpis(String period, @Nullable List<App> apps, List<Group> businessUnits, Group overall) {

    public QuarkKpis {
        apps = apps == null ? List.of() : apps;
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Group(@Nullable String businessUnit, @Nullable BigDecimal mau, @Nullable BigDecimal stickiness,
                        long aiUsers, long aiFeatures, Volume volume, Quality quality, @Nullable Retention retention) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record App(String appId, String name, String businessUnit, long aiUsers, @Nullable Retention retention) {
    }

    /**
     * Whether a period's new users stay: week-1 and week-4 retention of the weekly cohorts that completed week 4 in
     * the period, and week 4 of their AI users against the others (the AI lift, in percentage points). The counts
     * behind the shares (users back in week 4, and the AI and other segments' cohort and returned users) are what the
     * drivers add up over apps and units; null where quark has none (a scope without users' AI sessions).
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Retention(int cohorts, long cohortUsers, @Nullable BigDecimal week1, @Nullable BigDecimal week4,
                            @Nullable BigDecimal aiWeek4, @Nullable BigDecimal nonAiWeek4,
                            @Nullable BigDecimal aiLiftPp, boolean estimate, @Nullable Long week4Users,
                            @Nullable Long aiCohortUsers, @Nullable Long aiWeek4Users,
                            @Nullable Long nonAiCohortUsers, @Nullable Long nonAiWeek4Users) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Volume(long aiSessions, long turns, long agentCalls) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Quality(@Nullable BigDecimal resolutionRate, long resolvedSessions,
                          @Nullable BigDecimal turnsPerResolved, @Nullable BigDecimal avgRating, long conversions,
                          @Nullable BigDecimal conversionRate) {
    }
}
