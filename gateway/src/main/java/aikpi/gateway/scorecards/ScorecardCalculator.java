package aikpi.gateway.scorecards;

import aikpi.gateway.scorecards.Scorecard.Figures;
import aikpi.gateway.sources.billing.Attribution;
import aikpi.gateway.sources.quark.QuarkKpis;
import aikpi.gateway.conversion.ConversionCalculator;
import aikpi.gateway.sources.tongyi.UnitCosts;
import aikpi.gateway.sources.tongyi.UsageSummary;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Joins the three sources on the business unit id and compares each unit with the previous period. Plain Java. */
public final class ScorecardCalculator {

    private ScorecardCalculator() {
    }

    /** One period's figures from the three sources, any of which may be missing (null). */
    public record Inputs(QuarkKpis quark, UsageSummary tokens, Attribution billing, UnitCosts unitCosts) {

        public Inputs(QuarkKpis quark, UsageSummary tokens, Attribution billing) {
            this(quark, tokens, billing, null);
        }
    }

    /** The scorecards of every unit a source knows, and of {@code alsoUnits} even where none does. */
    public static List<Scorecard> compute(Inputs current, Inputs previous, Collection<String> alsoUnits) {
        Set<String> units = new TreeSet<>(alsoUnits);
        units.addAll(unitsOf(current));
        units.addAll(unitsOf(previous));
        List<Scorecard> cards = new ArrayList<>();
        for (String unit : units) {
            Figures now = figures(unit, current);
            Figures before = figures(unit, previous);
            cards.add(new Scorecard(unit, now, before, change(now, before)));
        }
        return cards;
    }

    private static Set<String> unitsOf(Inputs in) {
        Set<String> units = new java.util.HashSet<>();
        if (in.quark() != null) {
            in.quark().businessUnits().forEach(g -> units.add(g.businessUnit()));
        }
        if (in.tokens() != null) {
            in.tokens().rows().forEach(r -> units.add(r.key()));
        }
        if (in.billing() != null) {
            in.billing().businessUnits().forEach(b -> units.add(b.businessUnit()));
        }
        units.remove(null);
        return units;
    }

    static Figures figures(String unit, Inputs in) {
        QuarkKpis.Group q = in.quark() == null ? null : in.quark().businessUnits().stream()
                .filter(g -> unit.equals(g.businessUnit())).findFirst().orElse(null);
        Long tokens = null;
        if (in.tokens() != null) {
            Map<String, Long> byUnit = in.tokens().rows().stream()
                    .collect(Collectors.toMap(UsageSummary.Row::key, UsageSummary.Row::totalTokens, Long::sum));
            tokens = byUnit.getOrDefault(unit, 0L);
        }
        BigDecimal spend = null;
        if (in.billing() != null) {
            spend = in.billing().businessUnits().stream().filter(b -> unit.equals(b.businessUnit()))
                    .map(Attribution.BusinessUnitSpend::cloudSpendCny).reduce(BigDecimal::add).orElse(BigDecimal.ZERO);
        }
        boolean quarkAnswered = in.quark() != null;
        BigDecimal aiCost = in.unitCosts() == null ? null : in.unitCosts().costOf(unit);
        Long resolved = quarkAnswered ? (q == null ? 0L : q.quality().resolvedSessions()) : null;
        return new Figures(
                quarkAnswered ? (q == null ? 0L : q.aiFeatures()) : null,
                quarkAnswered ? (q == null ? 0L : q.volume().aiSessions()) : null,
                q == null ? null : q.quality().resolutionRate(),
                quarkAnswered ? (q == null ? 0L : q.quality().conversions()) : null,
                tokens,
                spend,
                quarkAnswered ? (q == null ? 0L : q.aiUsers()) : null,
                quarkAnswered ? (q == null ? 0L : q.volume().turns()) : null,
                quarkAnswered ? (q == null ? 0L : q.quality().resolvedSessions()) : null,
                q == null ? null : q.quality().turnsPerResolved(),
                q == null ? null : q.quality().avgRating(),
                q == null ? null : q.quality().conversionRate(),
                q == null ? null : q.mau(),
                q == null ? null : q.stickiness(),
                q == null || q.retention() == null ? null : q.retention().week4(),
                q == null || q.retention() == null ? null : q.retention().aiLiftPp(),
                aiCost,
                ConversionCalculator.costPerResolvedSession(aiCost, resolved));
    }

    static Figures change(Figures now, Figures before) {
        return new Figures(
                minus(now.aiFeatures(), before.aiFeatures()),
                minus(now.aiSessions(), before.aiSessions()),
                minus(now.resolutionRate(), before.resolutionRate(), BigDecimal::subtract),
                minus(now.conversions(), before.conversions()),
                minus(now.tokens(), before.tokens()),
                minus(now.cloudSpendCny(), before.cloudSpendCny(), BigDecimal::subtract),
                minus(now.aiUsers(), before.aiUsers()),
                minus(now.turns(), before.turns()),
                minus(now.resolvedSessions(), before.resolvedSessions()),
                minus(now.turnsPerResolved(), before.turnsPerResolved(), BigDecimal::subtract),
                minus(now.avgRating(), before.avgRating(), BigDecimal::subtract),
                minus(now.conversionRate(), before.conversionRate(), BigDecimal::subtract),
                minus(now.mau(), before.mau(), BigDecimal::subtract),
                minus(now.stickiness(), before.stickiness(), BigDecimal::subtract),
                minus(now.week4Retention(), before.week4Retention(), BigDecimal::subtract),
                minus(now.aiLiftPp(), before.aiLiftPp(), BigDecimal::subtract),
                minus(now.aiCostCny(), before.aiCostCny(), BigDecimal::subtract),
                minus(now.costPerResolvedSession(), before.costPerResolvedSession(), BigDecimal::subtract));
    }

    private static Long minus(Long a, Long b) {
        return a == null || b == null ? null : a - b;
    }

    private static <T> T minus(T a, T b, java.util.function.BinaryOperator<T> op) {
        return a == null || b == null ? null : op.apply(a, b);
    }
}
