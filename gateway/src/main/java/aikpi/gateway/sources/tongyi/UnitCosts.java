package aikpi.gateway.sources.tongyi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.List;

/**
 * The part of tongyi-service's {@code GET /api/v1/resources/unit-costs} the gateway reads: each business unit's tokens
 * priced at each model's inference cost per token in the period, and each model's family, inference cost and tokens.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record UnitCosts(String period, List<UnitCost> businessUnits, @Nullable List<ModelCost> models) {

    public UnitCosts(String period, List<UnitCost> businessUnits) {
        this(period, businessUnits, null);
    }

    /**
     * A model's inference cost and the tokens tongyi metered of it (every customer's) in the period; no cost per
     * million tokens when no inference cost was recorded for it.
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ModelCost(String modelId, String family, long tokens, BigDecimal inferenceCostCny,
                            @Nullable BigDecimal costPerMillionTokensCny) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UnitCost(String businessUnit, long tokens, @Nullable BigDecimal inferenceCostCny) {
    }

    /** A unit's priced cost; zero for a unit with no tokens in the period. */
    public BigDecimal costOf(String unit) {
        return businessUnits.stream().filter(u -> u.businessUnit().equals(unit) && u.inferenceCostCny() != null)
                .map(UnitCost::inferenceCostCny).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Every unit's priced cost together. */
    public BigDecimal total() {
        return businessUnits.stream().map(UnitCost::inferenceCostCny).filter(c -> c != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
