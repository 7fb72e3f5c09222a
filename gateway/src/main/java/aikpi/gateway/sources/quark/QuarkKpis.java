package aikpi.gateway.sources.quark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

/** The part of quark-service's {@code GET /api/v1/kpis} the gateway reads: group totals and each business unit's. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record QuarkKpis(String period, List<Group> businessUnits, Group overall) {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Group(@Nullable String businessUnit, @Nullable BigDecimal mau, @Nullable BigDecimal stickiness,
                        long aiUsers, long aiFeatures, Volume volume, Quality quality) {
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
