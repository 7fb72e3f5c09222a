package aikpi.gateway.conversion;

import aikpi.gateway.conversion.AiConversionView.FamilyMargin;
import aikpi.gateway.sources.billing.ModelRevenue;
import aikpi.gateway.sources.tongyi.UnitCosts;
import aikpi.vocabulary.Money;
import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * margin-per-million-tokens per model family: what MaaS earns per million tokens it bills − what inference costs per
 * million tokens it serves. Revenue is divided by the tokens billing billed (what the customers paid for); cost by the
 * tokens tongyi metered (every token the models served, the internal customers' and the free ones' too, since every
 * one of them burned GPU). Plain Java, exact decimals; each figure is rounded to the fen once, at the end.
 */
public final class ModelMargins {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** The group's margin per million tokens (all families together) and each family's. */
    public record Result(@Nullable BigDecimal groupMarginPerMillionTokensCny, List<FamilyMargin> families) {
        static final Result NONE = new Result(null, List.of());
    }

    private ModelMargins() {
    }

    /**
     * A model billed but unknown to tongyi is a family of its own (no cost, so no margin). A model metered without an
     * inference cost recorded adds neither cost nor tokens: its tokens would make the others look cheaper.
     */
    public static Result compute(@Nullable UnitCosts costs, @Nullable ModelRevenue revenue) {
        if (costs == null || costs.models() == null || revenue == null) {
            return Result.NONE;
        }
        Map<String, String> familyOf = new HashMap<>();
        costs.models().forEach(m -> familyOf.put(m.modelId(), m.family()));
        Map<String, Sums> families = new TreeMap<>();
        Sums all = new Sums();
        for (ModelRevenue.Row r : revenue.rows()) {
            Sums f = families.computeIfAbsent(familyOf.getOrDefault(r.key(), r.key()), k -> new Sums());
            for (Sums s : List.of(f, all)) {
                s.models.add(r.key());
                s.revenue = s.revenue.add(r.amountCny());
                s.billed = s.billed.add(r.tokens());
            }
        }
        for (UnitCosts.ModelCost m : costs.models()) {
            Sums f = families.computeIfAbsent(m.family(), k -> new Sums());
            for (Sums s : List.of(f, all)) {
                s.models.add(m.modelId());
                s.cost = s.cost.add(m.inferenceCostCny());
                if (m.costPerMillionTokensCny() != null) {
                    s.metered = s.metered.add(BigInteger.valueOf(m.tokens()));
                }
            }
        }
        List<FamilyMargin> list = new ArrayList<>();
        families.forEach((family, s) -> list.add(s.margin(family)));
        return new Result(all.margin(null).marginPerMillionTokensCny(), list);
    }

    private static final class Sums {
        final TreeSet<String> models = new TreeSet<>();
        BigDecimal revenue = BigDecimal.ZERO;
        BigInteger billed = BigInteger.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        BigInteger metered = BigInteger.ZERO;

        FamilyMargin margin(String family) {
            BigDecimal revenuePerMillion = perMillion(revenue, billed);
            BigDecimal costPerMillion = perMillion(cost, metered);
            BigDecimal margin = revenuePerMillion == null || costPerMillion == null ? null
                    : fen(revenuePerMillion.subtract(costPerMillion));
            return new FamilyMargin(family, List.copyOf(models), fen(revenue), billed, fen(revenuePerMillion),
                    fen(cost), metered, fen(costPerMillion), margin);
        }
    }

    /** An amount per million tokens, exact to 34 digits; null over no tokens. */
    private static BigDecimal perMillion(BigDecimal amount, BigInteger tokens) {
        return tokens.signum() == 0 ? null
                : amount.multiply(MILLION).divide(new BigDecimal(tokens), MathContext.DECIMAL128);
    }

    private static BigDecimal fen(BigDecimal amount) {
        return amount == null ? null : amount.setScale(Money.SCALE, RoundingMode.HALF_UP);
    }
}
