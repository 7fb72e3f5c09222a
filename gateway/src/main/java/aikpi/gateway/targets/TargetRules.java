package aikpi.gateway.targets;

import aikpi.gateway.conversion.KpiDefinition;
import aikpi.gateway.conversion.KpiDefinition.Trait;
import aikpi.gateway.targets.InvalidTargetException.FieldError;
import aikpi.gateway.targets.Target.QualityFloor;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a target may be. The scope is {@code group} or one of the configured business units; the KPI is one the
 * executive view emits, and for a unit one its scorecard computes; the value fits the KPI's unit (a ratio lies in
 * 0..1, a rating in 1..5, a count is whole and not negative, money has at most two decimals and is negative only for
 * a KPI that can be); a weight is not negative; a quality floor names a quality KPI of the same scope, other than the
 * target's own, with at least one bound.
 */
@Singleton
public class TargetRules {

    public static final String GROUP = "group";
    static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1E24");
    static final BigDecimal MAX_WEIGHT = new BigDecimal("1000");
    static final int MAX_NOTE = 2000;

    private final List<String> businessUnits;

    public TargetRules(@Value("${gateway.business-units}") List<String> businessUnits) {
        this.businessUnits = businessUnits.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public List<String> businessUnits() {
        return businessUnits;
    }

    /** Every scope a target can be set for: the group, then each business unit. */
    public List<String> scopes() {
        List<String> scopes = new ArrayList<>();
        scopes.add(GROUP);
        scopes.addAll(businessUnits);
        return scopes;
    }

    /** The KPIs a scope can be given targets for. */
    public static List<KpiDefinition> kpisFor(String scope) {
        return Arrays.stream(KpiDefinition.values()).filter(k -> GROUP.equals(scope) || k.is(Trait.UNIT)).toList();
    }

    /** @throws InvalidTargetException unless {@code scope} is a known scope */
    public void checkScope(String scope) {
        if (!scopes().contains(scope)) {
            throw new InvalidTargetException(List.of(unknownScope(scope)), Map.of("validScopes", scopes()));
        }
    }

    /**
     * Checks a whole target; answers its KPI.
     *
     * @throws InvalidTargetException naming every rule broken
     */
    public KpiDefinition check(String scope, String kpiId, TargetRequest request) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, List<String>> valid = new LinkedHashMap<>();
        boolean scopeKnown = scopes().contains(scope);
        if (!scopeKnown) {
            errors.add(unknownScope(scope));
            valid.put("validScopes", scopes());
        }
        Optional<KpiDefinition> kpi = KpiDefinition.byId(kpiId);
        if (kpi.isEmpty() || (scopeKnown && !kpisFor(scope).contains(kpi.get()))) {
            errors.add(new FieldError("kpiId", kpi.isEmpty()
                    ? "'" + kpiId + "' is not a KPI of the executive view"
                    : "'" + kpiId + "' is not computed per business unit, so a unit cannot be given a target for it"));
            valid.put("validKpiIds", kpisFor(scopeKnown ? scope : GROUP).stream().map(KpiDefinition::id).toList());
        }
        if (request.target() == null) {
            errors.add(new FieldError("target", "is required"));
        } else {
            kpi.ifPresent(k -> fits("target", k, request.target()).ifPresent(errors::add));
        }
        if (request.direction() == null) {
            errors.add(new FieldError("direction", "is required: AT_LEAST or AT_MOST"));
        }
        if (request.period() == null) {
            errors.add(new FieldError("period", "is required: YEAR or QUARTER"));
        }
        checkWeight(request.weight()).ifPresent(errors::add);
        if (request.qualityFloor() != null) {
            checkFloor(scopeKnown ? scope : GROUP, kpi.orElse(null), request.qualityFloor(), errors);
        }
        if (request.note() != null && request.note().length() > MAX_NOTE) {
            errors.add(new FieldError("note", "is longer than " + MAX_NOTE + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidTargetException(errors, valid);
        }
        return kpi.orElseThrow();
    }

    private FieldError unknownScope(String scope) {
        return new FieldError("scope", "'" + scope + "' is neither 'group' nor a business unit");
    }

    private static Optional<FieldError> checkWeight(BigDecimal weight) {
        if (weight == null) {
            return Optional.of(new FieldError("weight", "is required (0 keeps the KPI out of the score)"));
        }
        if (weight.signum() < 0) {
            return Optional.of(new FieldError("weight", "must not be negative (was " + weight.toPlainString() + ")"));
        }
        if (weight.compareTo(MAX_WEIGHT) > 0 || weight.stripTrailingZeros().scale() > 4) {
            return Optional.of(new FieldError("weight", "must be at most " + MAX_WEIGHT + " with at most 4 decimals"));
        }
        return Optional.empty();
    }

    private static void checkFloor(String scope, KpiDefinition targetKpi, QualityFloor floor, List<FieldError> errors) {
        Optional<KpiDefinition> floorKpi = KpiDefinition.byId(floor.kpiId() == null ? "" : floor.kpiId());
        if (floorKpi.isEmpty() || !floorKpi.get().is(Trait.QUALITY)) {
            errors.add(new FieldError("qualityFloor.kpiId", "'" + floor.kpiId() + "' is not a quality figure; one of "
                    + String.join(", ", kpisFor(scope).stream().filter(k -> k.is(Trait.QUALITY))
                    .map(KpiDefinition::id).toList())));
            return;
        }
        KpiDefinition k = floorKpi.get();
        if (!kpisFor(scope).contains(k)) {
            errors.add(new FieldError("qualityFloor.kpiId", "'" + k.id() + "' is not computed per business unit"));
        }
        if (k == targetKpi) {
            errors.add(new FieldError("qualityFloor.kpiId", "names the target's own KPI; a floor guards another one"));
        }
        if (floor.min() == null && floor.max() == null) {
            errors.add(new FieldError("qualityFloor", "needs a min, a max or both"));
        }
        if (floor.min() != null) {
            fits("qualityFloor.min", k, floor.min()).ifPresent(errors::add);
        }
        if (floor.max() != null) {
            fits("qualityFloor.max", k, floor.max()).ifPresent(errors::add);
        }
        if (floor.min() != null && floor.max() != null && floor.min().compareTo(floor.max()) > 0) {
            errors.add(new FieldError("qualityFloor", "min is above max"));
        }
    }

    /** Whether a value is of the KPI's unit kind; the problem when it is not. */
    static Optional<FieldError> fits(String field, KpiDefinition kpi, BigDecimal value) {
        String was = " (was " + value.toPlainString() + ")";
        if (value.abs().compareTo(MAX_MAGNITUDE) >= 0 || value.stripTrailingZeros().scale() > 6) {
            return Optional.of(new FieldError(field, "must be below 10^24 with at most 6 decimals" + was));
        }
        if (value.signum() < 0 && !kpi.is(Trait.SIGNED)) {
            return Optional.of(new FieldError(field, "must not be negative for " + kpi.id() + was));
        }
        return switch (kpi.unit()) {
            case "ratio" -> value.compareTo(BigDecimal.ONE) > 0
                    ? Optional.of(new FieldError(field, kpi.id() + " is a ratio: between 0 and 1" + was))
                    : Optional.empty();
            case "pp" -> value.abs().compareTo(BigDecimal.valueOf(100)) > 0
                    ? Optional.of(new FieldError(field, kpi.id() + " is in percentage points: between -100 and 100" + was))
                    : Optional.empty();
            case "1-5" -> value.compareTo(BigDecimal.ONE) < 0 || value.compareTo(BigDecimal.valueOf(5)) > 0
                    ? Optional.of(new FieldError(field, kpi.id() + " is a rating: between 1 and 5" + was))
                    : Optional.empty();
            case "count", "users", "tokens" -> value.stripTrailingZeros().scale() > 0
                    ? Optional.of(new FieldError(field, kpi.id() + " is a count: a whole number" + was))
                    : Optional.empty();
            case "CNY" -> value.stripTrailingZeros().scale() > 2
                    ? Optional.of(new FieldError(field, kpi.id() + " is money: at most 2 decimals (fen)" + was))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }
}
