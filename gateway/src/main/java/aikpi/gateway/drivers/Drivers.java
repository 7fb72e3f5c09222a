package aikpi.gateway.drivers;

import aikpi.gateway.sources.SourceReport;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The change of a KPI between two periods split over the members of a dimension. {@code change} = Σ
 * {@code members[].contribution} + {@code others.contribution} + {@code residual.contribution} + {@code rounding},
 * exactly. For a ratio each member's contribution is its {@code rateEffect} + {@code mixEffect}; docs/DRIVERS.md.
 */
@Serdeable
public record Drivers(
        String kpi,
        String unit,
        String kind,
        String scope,
        String by,
        String period,
        String compareTo,
        @Nullable BigDecimal before,
        @Nullable BigDecimal after,
        BigDecimal change,
        int top,
        List<Driver> members,
        @Nullable Driver others,
        @Nullable Driver residual,
        BigDecimal rounding,
        List<String> dimensions,
        Map<String, SourceReport> sources) {

    /**
     * One member's (or the others', or the residual's) part of the change. For a sum, before/after are its values;
     * for a ratio, its own ratio and its weight in the denominator in each period (null where it had no denominator).
     * The fields a sum has no use for (weights, effects) are left out rather than null, so a sum's member reads
     * {member, before, after, contribution}; {@code members} counts the others, {@code note} says why a residual is one.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Driver(String member, @Nullable BigDecimal before, @Nullable BigDecimal after,
                         BigDecimal contribution, @Nullable BigDecimal weightBefore, @Nullable BigDecimal weightAfter,
                         @Nullable BigDecimal rateEffect, @Nullable BigDecimal mixEffect, @Nullable Integer members,
                         @Nullable String note) {
    }
}
