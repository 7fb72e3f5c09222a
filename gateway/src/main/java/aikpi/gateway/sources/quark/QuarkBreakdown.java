package aikpi.gateway.sources.quark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

/**
 * The part of quark-service's {@code GET /api/v1/kpis?retention=false} the drivers read: the counts behind each
 * app's, feature's, unit's and the group's AI volume, quality and stickiness, and their MAU and AI users. A feature
 * of an app fed by daily aggregates has no volume or quality (its days are not split by feature).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record QuarkBreakdown(String period, List<App> apps, List<Group> businessUnits, Group overall) {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Group(@Nullable String businessUnit, @Nullable BigDecimal dau, @Nullable BigDecimal mau,
                        @Nullable BigDecimal stickiness, long aiUsers, Volume volume, Quality quality) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record App(String appId, String businessUnit, @Nullable BigDecimal dau, @Nullable BigDecimal mau,
                      long aiUsers, Volume volume, Quality quality, @Nullable List<Feature> features) {

        public App {
            features = features == null ? List.of() : features;
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Feature(String featureId, @Nullable Volume volume, @Nullable Quality quality) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Volume(long aiSessions) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Quality(@Nullable BigDecimal resolutionRate, long resolvedSessions, long knownOutcomeSessions,
                          long conversions, @Nullable BigDecimal conversionRate) {
    }
}
