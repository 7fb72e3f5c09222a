package aikpi.gateway.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.gateway.sources.billing.ModelRevenue;
import aikpi.gateway.sources.tongyi.UnitCosts;
import aikpi.gateway.sources.tongyi.UnitCosts.ModelCost;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** margin-per-million-tokens in plain Java; each expectation worked by hand beside it. */
class ModelMarginsTest {

    private static ModelRevenue revenue(String model, String amount, long tokens) {
        return new ModelRevenue("2025-Q1", List.of(new ModelRevenue.Row(model, new BigDecimal(amount),
                BigInteger.valueOf(tokens))));
    }

    private static UnitCosts costs(ModelCost... models) {
        return new UnitCosts("2025-Q1", List.of(), List.of(models));
    }

    @Test
    void aFamilyThatSellsBelowItsCostBurns() {
        // 3.00 ÷ 3,000,000 × 10⁶ = 1.00 per million billed; 7.00 ÷ 2,000,000 × 10⁶ = 3.50 per million metered.
        ModelMargins.Result r = ModelMargins.compute(
                costs(new ModelCost("qwen-turbo", "qwen", 2_000_000, new BigDecimal("7.00"), new BigDecimal("3.50"))),
                revenue("qwen-turbo", "3.00", 3_000_000));
        assertThat(r.groupMarginPerMillionTokensCny()).isEqualByComparingTo("-2.50");
        assertThat(r.families()).singleElement().satisfies(f -> {
            assertThat(f.family()).isEqualTo("qwen");
            assertThat(f.revenuePerMillionTokensCny()).isEqualByComparingTo("1.00");
            assertThat(f.costPerMillionTokensCny()).isEqualByComparingTo("3.50");
            assertThat(f.marginPerMillionTokensCny()).isEqualByComparingTo("-2.50");
        });
    }

    @Test
    void theMarginIsRoundedOnceFromExactSides() {
        // 1.00 ÷ 3,000,000 × 10⁶ = 0.333… ; 1.00 ÷ 6,000,000 × 10⁶ = 0.1666… ; 0.1666… → 0.17 (the rounded sides,
        // 0.33 − 0.17, would say 0.16).
        ModelMargins.Result r = ModelMargins.compute(
                costs(new ModelCost("m", "f", 6_000_000, new BigDecimal("1.00"), new BigDecimal("0.17"))),
                revenue("m", "1.00", 3_000_000));
        assertThat(r.families().get(0).revenuePerMillionTokensCny()).isEqualByComparingTo("0.33");
        assertThat(r.families().get(0).costPerMillionTokensCny()).isEqualByComparingTo("0.17");
        assertThat(r.groupMarginPerMillionTokensCny()).isEqualByComparingTo("0.17");
    }

    @Test
    void withoutEitherSourceThereIsNoMargin() {
        assertThat(ModelMargins.compute(null, revenue("m", "1.00", 1)).groupMarginPerMillionTokensCny()).isNull();
        assertThat(ModelMargins.compute(costs(), null).families()).isEmpty();
        // tongyi answered without models (an older answer): nothing to subtract.
        assertThat(ModelMargins.compute(new UnitCosts("2025-Q1", List.of()), revenue("m", "1.00", 1))
                .groupMarginPerMillionTokensCny()).isNull();
    }
}
