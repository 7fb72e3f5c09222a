package aikpi.tongyi.resources;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What AI answers cost: each model's inference cost and tokens in a period (its cost per million tokens), and each
 * business unit's tokens as an internal customer priced at those costs. {@code uncostedTokens} are a unit's tokens of
 * models with no inference cost recorded in the period: they add nothing to its cost, and such a model has no cost
 * per million tokens (null).
 */
@Serdeable
public record UnitCosts(String period, LocalDate from, LocalDate to, List<ModelCost> models,
                        List<UnitCost> businessUnits) {

    @Serdeable
    public record ModelCost(String modelId, String family, long tokens, BigDecimal inferenceCostCny,
                            @Nullable BigDecimal costPerMillionTokensCny) {
    }

    @Serdeable
    public record UnitCost(String businessUnit, long tokens, long uncostedTokens, BigDecimal inferenceCostCny) {
    }
}
