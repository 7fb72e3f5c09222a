package aikpi.tongyi.resources;

import aikpi.tongyi.models.ModelRepository;
import aikpi.tongyi.resources.ResourceUsageRepository.ModelCost;
import aikpi.tongyi.usage.RollupRanges;
import aikpi.tongyi.usage.UsageRollupRepository;
import aikpi.tongyi.usage.UsageRollupRepository.RollupSum;
import aikpi.tongyi.usage.UsageRollupRepository.UnitModelSum;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prices each business unit's tokens at each model's inference cost per token in the period: Σ over models of the
 * unit's tokens × the model's inference cost ÷ all its tokens. Exact decimals; each unit's cost is rounded to the fen
 * once, at the end.
 */
@Singleton
public class UnitCostService {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final ResourceUsageRepository resources;
    private final UsageRollupRepository rollups;
    private final ModelRepository models;

    public UnitCostService(ResourceUsageRepository resources, UsageRollupRepository rollups, ModelRepository models) {
        this.resources = resources;
        this.rollups = rollups;
        this.models = models;
    }

    public UnitCosts unitCosts(Period period) {
        RollupRanges r = RollupRanges.of(period);
        Map<String, BigDecimal> costs = new HashMap<>();
        for (ModelCost c : resources.inferenceCostByModel(period.firstDay(), period.lastDay())) {
            costs.put(c.modelId(), c.costCny());
        }
        Map<String, Long> tokens = new TreeMap<>();
        for (RollupSum s : rollups.byModel(r.leadingFrom(), r.leadingTo(), r.trailingFrom(), r.trailingTo(),
                r.monthsFrom(), r.monthsTo())) {
            tokens.put(s.groupKey(), s.inputTokens() + s.outputTokens());
        }
        Map<String, String> families = new HashMap<>();
        models.findAll().forEach(m -> families.put(m.modelId(), m.family()));

        List<UnitCosts.ModelCost> byModel = new ArrayList<>();
        Map<String, Long> all = new TreeMap<>(tokens);
        costs.keySet().forEach(m -> all.putIfAbsent(m, 0L));
        all.forEach((model, n) -> {
            BigDecimal cost = costs.getOrDefault(model, BigDecimal.ZERO).setScale(Money.SCALE, RoundingMode.HALF_UP);
            byModel.add(new UnitCosts.ModelCost(model, families.getOrDefault(model, model), n, cost,
                    n == 0 || !costs.containsKey(model) ? null : cost.multiply(MILLION).divide(BigDecimal.valueOf(n), Money.SCALE,
                            RoundingMode.HALF_UP)));
        });

        Map<String, long[]> unitTokens = new TreeMap<>(); // {tokens, uncosted}
        Map<String, BigDecimal> unitCost = new HashMap<>();
        for (UnitModelSum u : rollups.byBusinessUnitAndModel(r.leadingFrom(), r.leadingTo(), r.trailingFrom(),
                r.trailingTo(), r.monthsFrom(), r.monthsTo())) {
            long n = u.inputTokens() + u.outputTokens();
            long[] t = unitTokens.computeIfAbsent(u.businessUnit(), k -> new long[2]);
            t[0] += n;
            BigDecimal cost = costs.get(u.modelId());
            long modelTokens = tokens.getOrDefault(u.modelId(), 0L);
            if (cost == null || modelTokens == 0) {
                t[1] += n;
                continue;
            }
            unitCost.merge(u.businessUnit(), cost.multiply(BigDecimal.valueOf(n))
                    .divide(BigDecimal.valueOf(modelTokens), MathContext.DECIMAL128), BigDecimal::add);
        }
        List<UnitCosts.UnitCost> byUnit = new ArrayList<>();
        unitTokens.forEach((unit, t) -> byUnit.add(new UnitCosts.UnitCost(unit, t[0], t[1],
                unitCost.getOrDefault(unit, BigDecimal.ZERO).setScale(Money.SCALE, RoundingMode.HALF_UP))));
        return new UnitCosts(period.label(), period.firstDay(), period.lastDay(), byModel, byUnit);
    }
}
