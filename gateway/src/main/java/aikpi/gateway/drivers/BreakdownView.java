package aikpi.gateway.drivers;

import aikpi.gateway.sources.SourceReport;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A KPI in one period split over the members of a dimension: each member's value (a sum) or its own ratio, numerator,
 * denominator and weight (a ratio), largest first, with where a click goes next ({@code drillDown}: the scope and the
 * dimensions offered there, for a member that is a business unit). The residual is what no member accounts for.
 */
@Serdeable
public record BreakdownView(String kpi, String unit, String kind, String scope, String by, String period,
                            @Nullable BigDecimal value, List<Member> members, @Nullable Member residual,
                            List<String> dimensions, Map<String, SourceReport> sources) {

    @Serdeable
    public record Member(String member, @Nullable BigDecimal value, @Nullable BigDecimal numerator,
                         @Nullable BigDecimal denominator, @Nullable BigDecimal weight, @Nullable DrillDown drillDown,
                         @Nullable String note) {
    }

    /** The next level: the same KPI with {@code scope}, by one of {@code by}. */
    @Serdeable
    public record DrillDown(String scope, List<String> by) {
    }
}
