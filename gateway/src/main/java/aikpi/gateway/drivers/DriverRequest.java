package aikpi.gateway.drivers;

import aikpi.gateway.conversion.KpiDefinition;
import aikpi.gateway.drivers.DriverKpis.Entry;
import aikpi.gateway.targets.TargetRules;
import aikpi.vocabulary.Period;
import io.micronaut.core.annotation.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked drivers or breakdown request: the KPI's row of {@link DriverKpis}, the dimension, the scope (null unit:
 * the group), the period and the one compared to. Every check names the valid values.
 *
 * @param unit the business unit the request stays within, or null for the group
 */
public record DriverRequest(Entry entry, Dimension by, String scope, @Nullable String unit, Period period,
                            Period compareTo, int top) {

    public static final int DEFAULT_TOP = 10;
    public static final int MAX_TOP = 100;

    /**
     * @param compareTo the period compared to; null: the one before {@code period}
     * @param top       how many members to list before "others"; null: {@link #DEFAULT_TOP}
     */
    public static DriverRequest check(String kpiId, @Nullable String by, @Nullable String scope, String period,
                                      @Nullable String compareTo, @Nullable Integer top, List<String> scopes) {
        Entry entry = KpiDefinition.byId(kpiId).flatMap(DriverKpis::of).orElseThrow(() -> invalid(
                "No drivers for KPI '" + kpiId + "'" + (KpiDefinition.byId(kpiId).isPresent()
                        ? ": it is not split over any dimension." : ": there is no such KPI."),
                "validKpis", DriverKpis.kpiIds()));
        String s = scope == null || scope.isBlank() ? TargetRules.GROUP : scope;
        if (!scopes.contains(s)) {
            throw invalid("Unknown scope '" + s + "'.", "validScopes", scopes);
        }
        String unit = TargetRules.GROUP.equals(s) ? null : s;
        List<String> dims = DriverKpis.labels(entry.dimensions(unit != null));
        if (by == null || by.isBlank()) {
            throw invalid("by is required: the dimension to split " + kpiId + " over" + within(unit) + ".",
                    "validDimensions", dims);
        }
        Dimension dimension = Dimension.byLabel(by).orElseThrow(() -> invalid("Unknown dimension '" + by + "'.",
                "validDimensions", dims));
        if (!entry.dimensions(unit != null).contains(dimension)) {
            throw invalid(kpiId + " cannot be split by " + by + within(unit) + "."
                    + (dims.isEmpty() ? " It is not split within a business unit." : ""), "validDimensions", dims);
        }
        Period p = Period.parse(period);
        Period before = compareTo == null || compareTo.isBlank() ? p.previous() : Period.parse(compareTo);
        if (before.kind() != p.kind()) {
            throw invalid("compareTo (" + before.label() + ") must be the same kind of period as period ("
                    + p.label() + "): both " + p.kind().name().toLowerCase().replace('_', ' ') + "s.",
                    "validCompareTo", List.of(p.previous().label()));
        }
        if (!before.lastDay().isBefore(p.firstDay())) {
            throw invalid("compareTo (" + before.label() + ") must end before period (" + p.label() + ") begins.",
                    "validCompareTo", List.of(p.previous().label()));
        }
        boolean quarterly = entry.kpi() == KpiDefinition.AI_SHARE_OF_CLOUD
                || entry.kpi() == KpiDefinition.REVENUE_PER_MILLION_TOKENS || entry.kpi() == KpiDefinition.CLOUD_SHARE;
        if (quarterly && !p.isQuarter()) {
            throw invalid(kpiId + " is reported by quarter (cloud revenue is): ask for a quarter.",
                    "validPeriodKinds", List.of("calendar quarter (2025-Q1)", "fiscal quarter (FY2025-Q4)"));
        }
        int n = top == null ? DEFAULT_TOP : top;
        if (n < 1 || n > MAX_TOP) {
            throw invalid("top must be between 1 and " + MAX_TOP + "; it was " + n + ".", "validTop",
                    List.of("1.." + MAX_TOP));
        }
        return new DriverRequest(entry, dimension, s, unit, p, before, n);
    }

    private static String within(String unit) {
        return unit == null ? "" : " within a business unit";
    }

    private static InvalidDriversRequestException invalid(String detail, String name, List<String> values) {
        Map<String, List<String>> valid = new LinkedHashMap<>();
        valid.put(name, values);
        return new InvalidDriversRequestException(detail, valid);
    }
}
