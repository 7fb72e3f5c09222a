package aikpi.gateway.projection;

import aikpi.gateway.conversion.KpiDefinition;
import aikpi.gateway.conversion.KpiDefinition.Nature;
import aikpi.gateway.projection.PeriodProjection.Projection;
import aikpi.gateway.sources.SourceCalls;
import aikpi.gateway.sources.SourceFanOut;
import aikpi.gateway.sources.Sourced;
import aikpi.gateway.sources.billing.DailyRevenue;
import aikpi.gateway.sources.quark.DailySessions;
import aikpi.gateway.sources.tongyi.DailyResourceCost;
import aikpi.gateway.sources.tongyi.UsageSummary;
import aikpi.gateway.targets.TargetRules;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.PeriodKind;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The projected ends of a running period's flow KPIs, from the daily series the sources serve: quark's AI session
 * counts per day and unit (sessions, turns, resolved sessions, conversions, for the group and each unit), tongyi's
 * tokens and GPU resource cost per day (the group's), and billing's ledger revenue per booking day and unit (the
 * group's AI revenue, its cash and voucher parts and MaaS revenue; the units' cloud spend, for the group and each
 * unit). Each series is read for the period and for the same period a year earlier; the days observed are the
 * period's complete days, up to the day before the review's day. The model hubs' counters have no daily series: the
 * hubs report all-time totals on the days they are read, not a day's gain.
 */
@Singleton
public class FlowProjections {

    private final SourceFanOut sources;

    public FlowProjections(SourceFanOut sources) {
        this.sources = sources;
    }

    /** A scope's KPI to project. */
    public record Wanted(String scope, KpiDefinition kpi) {
    }

    /** The projections found, by scope and KPI. */
    public record Found(Map<Wanted, Projection> projections) {

        public static final Found NONE = new Found(Map.of());

        public @Nullable Projection of(String scope, KpiDefinition kpi) {
            return projections.get(new Wanted(scope, kpi));
        }
    }

    /** Whether the gateway reads a daily series of {@code kpi} in {@code scope}. */
    public static boolean projectable(String scope, KpiDefinition kpi) {
        if (kpi.nature() != Nature.FLOW) {
            return false;
        }
        return switch (kpi) {
            case AI_SESSIONS, TURNS, RESOLVED_SESSIONS, CONVERSIONS, BU_CLOUD_SPEND -> true;
            case TOKENS, AI_RESOURCE_COST, AI_ATTRIBUTED_REVENUE, AI_CASH_REVENUE, AI_VOUCHER_REVENUE, MAAS_REVENUE ->
                    scope.equals(TargetRules.GROUP);
            default -> false;
        };
    }

    /**
     * Whether the observed days make a daily flow: a value on at least half of them. A ledger that books each month's
     * bill on one day has one or two days with a value in a quarter's first weeks; neither a line through them nor last
     * year's same days scaled by them says anything reliable of the period's end, so such a series is not projected.
     */
    public static boolean daily(List<BigDecimal> observed) {
        long withValue = observed.stream().filter(v -> v.signum() != 0).count();
        return withValue * 2 >= observed.size();
    }

    /** The same period a year earlier: the fiscal year before, or the same quarter of it. */
    public static Period yearEarlier(Period period) {
        if (period.kind() == PeriodKind.FISCAL_YEAR) {
            return Period.fiscalYear(period.fiscalYear() - 1);
        }
        Period quarter = period.asFiscalQuarter();
        int index = Period.fiscalYear(quarter.fiscalYear()).fiscalQuarters().indexOf(quarter);
        return Period.fiscalYear(quarter.fiscalYear() - 1).fiscalQuarters().get(index);
    }

    /**
     * Projects each wanted KPI that has a daily series, when {@code period} is running on {@code today}; a KPI whose
     * source does not answer has no projection (its review keeps its pace).
     */
    public CompletableFuture<Found> project(Period period, LocalDate today, Collection<Wanted> wanted) {
        List<Wanted> projectable = wanted.stream().filter(w -> projectable(w.scope(), w.kpi())).distinct().toList();
        LocalDate lastObserved = today.minusDays(1);
        if (projectable.isEmpty() || today.isBefore(period.firstDay()) || today.isAfter(period.lastDay())
                || lastObserved.isBefore(period.firstDay())) {
            return CompletableFuture.completedFuture(Found.NONE);
        }
        Period before = yearEarlier(period);
        Answers now = ask(period, projectable);
        Answers then = ask(before, projectable);
        int observed = (int) ChronoUnit.DAYS.between(period.firstDay(), lastObserved) + 1;
        return SourceCalls.allOf(now.all(), then.all()).thenApply(ignored -> {
            Map<Wanted, Projection> found = new HashMap<>();
            for (Wanted w : projectable) {
                Optional<Map<LocalDate, BigDecimal>> thisYear = series(w, now);
                if (thisYear.isEmpty()) {
                    continue;
                }
                Map<LocalDate, BigDecimal> lastYear = series(w, then).orElse(null);
                List<BigDecimal> days = values(thisYear.get(), period.firstDay(), observed);
                if (!daily(days)) {
                    continue;
                }
                List<BigDecimal> history = lastYear == null || before.lengthInDays() != period.lengthInDays() ? null
                        : values(lastYear, before.firstDay(), (int) before.lengthInDays());
                // Last year's days booked in lumps are no shape to scale: the line alone, then.
                if (history != null && !daily(history)) {
                    history = null;
                }
                int scale = w.kpi().unit().equals("CNY") ? Money.SCALE : 0;
                PeriodProjection.project(days, (int) period.lengthInDays(), history, scale)
                        .ifPresent(p -> found.put(w, p));
            }
            return new Found(found);
        });
    }

    /** The daily series of one period, in flight: only those a wanted KPI reads are asked for. */
    private record Answers(CompletableFuture<Sourced<DailySessions>> sessions,
                           CompletableFuture<Sourced<UsageSummary>> tokens,
                           CompletableFuture<Sourced<DailyRevenue>> revenue,
                           CompletableFuture<Sourced<DailyResourceCost>> resourceCost) {

        CompletableFuture<Void> all() {
            return SourceCalls.allOf(sessions, tokens, revenue, resourceCost);
        }
    }

    private Answers ask(Period period, List<Wanted> wanted) {
        Set<Series> needed = EnumSet.noneOf(Series.class);
        wanted.forEach(w -> needed.add(Series.of(w.kpi())));
        return new Answers(
                needed.contains(Series.SESSIONS) ? sources.dailySessions(period) : none(),
                needed.contains(Series.TOKENS) ? sources.tokensByDay(period) : none(),
                needed.contains(Series.REVENUE) ? sources.revenueByDay(period) : none(),
                needed.contains(Series.RESOURCE_COST) ? sources.resourceCostByDay(period) : none());
    }

    /** The source series a projectable KPI is read from. */
    private enum Series {
        SESSIONS, TOKENS, REVENUE, RESOURCE_COST;

        static Series of(KpiDefinition kpi) {
            return switch (kpi) {
                case AI_SESSIONS, TURNS, RESOLVED_SESSIONS, CONVERSIONS -> SESSIONS;
                case TOKENS -> TOKENS;
                case AI_ATTRIBUTED_REVENUE, AI_CASH_REVENUE, AI_VOUCHER_REVENUE, MAAS_REVENUE, BU_CLOUD_SPEND -> REVENUE;
                case AI_RESOURCE_COST -> RESOURCE_COST;
                default -> throw new IllegalArgumentException(kpi.id() + " has no daily series");
            };
        }
    }

    private static <T> CompletableFuture<Sourced<T>> none() {
        return CompletableFuture.completedFuture(Sourced.notApplicable("not asked"));
    }

    private static List<BigDecimal> values(Map<LocalDate, BigDecimal> byDay, LocalDate first, int days) {
        List<BigDecimal> values = new ArrayList<>(days);
        for (int i = 0; i < days; i++) {
            values.add(byDay.getOrDefault(first.plusDays(i), BigDecimal.ZERO));
        }
        return values;
    }

    /** The KPI's value per day in the scope; empty when its source gave no answer or no day. */
    private static Optional<Map<LocalDate, BigDecimal>> series(Wanted w, Answers answers) {
        Map<LocalDate, BigDecimal> byDay = new HashMap<>();
        boolean group = w.scope().equals(TargetRules.GROUP);
        switch (Series.of(w.kpi())) {
            case TOKENS -> {
                Sourced<UsageSummary> tokens = answers.tokens().join();
                if (!tokens.hasData()) {
                    return Optional.empty();
                }
                tokens.value().rows().forEach(r -> byDay.merge(LocalDate.parse(r.key()),
                        BigDecimal.valueOf(r.totalTokens()), BigDecimal::add));
            }
            case RESOURCE_COST -> {
                Sourced<DailyResourceCost> cost = answers.resourceCost().join();
                if (!cost.hasData()) {
                    return Optional.empty();
                }
                cost.value().rows().forEach(r -> byDay.merge(r.day(), r.costCny(), BigDecimal::add));
            }
            case REVENUE -> {
                Sourced<DailyRevenue> revenue = answers.revenue().join();
                if (!revenue.hasData()) {
                    return Optional.empty();
                }
                Function<DailyRevenue.Row, BigDecimal> figure = switch (w.kpi()) {
                    case AI_ATTRIBUTED_REVENUE -> DailyRevenue.Row::aiCny;
                    case AI_CASH_REVENUE -> DailyRevenue.Row::aiCashCny;
                    // ai-voucher-revenue: the AI revenue not paid in cash.
                    case AI_VOUCHER_REVENUE -> r -> r.aiCny().subtract(r.aiCashCny());
                    case MAAS_REVENUE -> DailyRevenue.Row::maasCny;
                    case BU_CLOUD_SPEND -> DailyRevenue.Row::amountCny;
                    default -> throw new IllegalArgumentException(w.kpi().id() + " has no daily series from billing");
                };
                // The cloud spend is the units' own lines only: the group's is every unit's, a unit's its own.
                Predicate<DailyRevenue.Row> inScope = w.kpi() != KpiDefinition.BU_CLOUD_SPEND ? r -> true
                        : group ? r -> r.businessUnit() != null : r -> w.scope().equals(r.businessUnit());
                revenue.value().rows().stream().filter(inScope)
                        .forEach(r -> byDay.merge(r.day(), figure.apply(r), BigDecimal::add));
            }
            case SESSIONS -> {
                Sourced<DailySessions> sessions = answers.sessions().join();
                if (!sessions.hasData()) {
                    return Optional.empty();
                }
                ToLongFunction<DailySessions.Row> figure = switch (w.kpi()) {
                    case AI_SESSIONS -> DailySessions.Row::aiSessions;
                    case TURNS -> DailySessions.Row::turns;
                    case RESOLVED_SESSIONS -> DailySessions.Row::resolvedSessions;
                    case CONVERSIONS -> DailySessions.Row::conversions;
                    default -> throw new IllegalArgumentException(w.kpi().id() + " has no daily series from quark");
                };
                sessions.value().rows().stream().filter(r -> group || r.businessUnit().equals(w.scope()))
                        .forEach(r -> byDay.merge(r.day(), BigDecimal.valueOf(figure.applyAsLong(r)), BigDecimal::add));
            }
        }
        // A series without a single day has nothing to fit: no projection rather than one of zeros.
        return byDay.isEmpty() ? Optional.empty() : Optional.of(byDay);
    }
}
