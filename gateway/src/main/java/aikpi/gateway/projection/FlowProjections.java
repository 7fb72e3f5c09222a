package aikpi.gateway.projection;

import aikpi.gateway.conversion.KpiDefinition;
import aikpi.gateway.conversion.KpiDefinition.Nature;
import aikpi.gateway.projection.PeriodProjection.Projection;
import aikpi.gateway.sources.SourceCalls;
import aikpi.gateway.sources.SourceFanOut;
import aikpi.gateway.sources.Sourced;
import aikpi.gateway.sources.quark.DailySessions;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.ToLongFunction;

/**
 * The projected ends of a running period's flow KPIs, from the daily series the sources serve: quark's AI session
 * counts per day and unit (sessions, turns, resolved sessions, conversions, for the group and each unit) and tongyi's
 * tokens per day (the group's). Each series is read for the period and for the same period a year earlier; the days
 * observed are the period's complete days, up to the day before the review's day.
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
            case AI_SESSIONS, TURNS, RESOLVED_SESSIONS, CONVERSIONS -> true;
            case TOKENS -> scope.equals(TargetRules.GROUP);
            default -> false;
        };
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
        boolean sessions = projectable.stream().anyMatch(w -> w.kpi() != KpiDefinition.TOKENS);
        boolean tokens = projectable.stream().anyMatch(w -> w.kpi() == KpiDefinition.TOKENS);
        CompletableFuture<Sourced<DailySessions>> sessionsNow = sessions ? sources.dailySessions(period) : none();
        CompletableFuture<Sourced<DailySessions>> sessionsBefore = sessions ? sources.dailySessions(before) : none();
        CompletableFuture<Sourced<UsageSummary>> tokensNow = tokens ? sources.tokensByDay(period) : none();
        CompletableFuture<Sourced<UsageSummary>> tokensBefore = tokens ? sources.tokensByDay(before) : none();
        int observed = (int) ChronoUnit.DAYS.between(period.firstDay(), lastObserved) + 1;
        return SourceCalls.allOf(sessionsNow, sessionsBefore, tokensNow, tokensBefore).thenApply(ignored -> {
            Map<Wanted, Projection> found = new HashMap<>();
            for (Wanted w : projectable) {
                Optional<Map<LocalDate, BigDecimal>> now = series(w, sessionsNow.join(), tokensNow.join());
                if (now.isEmpty()) {
                    continue;
                }
                Map<LocalDate, BigDecimal> then = series(w, sessionsBefore.join(), tokensBefore.join()).orElse(null);
                List<BigDecimal> days = values(now.get(), period.firstDay(), observed);
                List<BigDecimal> lastYear = then == null || before.lengthInDays() != period.lengthInDays() ? null
                        : values(then, before.firstDay(), (int) before.lengthInDays());
                int scale = w.kpi().unit().equals("CNY") ? Money.SCALE : 0;
                PeriodProjection.project(days, (int) period.lengthInDays(), lastYear, scale)
                        .ifPresent(p -> found.put(w, p));
            }
            return new Found(found);
        });
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
    private static Optional<Map<LocalDate, BigDecimal>> series(Wanted w, Sourced<DailySessions> sessions,
                                                               Sourced<UsageSummary> tokens) {
        Map<LocalDate, BigDecimal> byDay = new HashMap<>();
        if (w.kpi() == KpiDefinition.TOKENS) {
            if (!tokens.hasData()) {
                return Optional.empty();
            }
            tokens.value().rows().forEach(r -> byDay.merge(LocalDate.parse(r.key()), BigDecimal.valueOf(r.totalTokens()),
                    BigDecimal::add));
            return byDay.isEmpty() ? Optional.empty() : Optional.of(byDay);
        }
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
        boolean group = w.scope().equals(TargetRules.GROUP);
        sessions.value().rows().stream().filter(r -> group || r.businessUnit().equals(w.scope()))
                .forEach(r -> byDay.merge(r.day(), BigDecimal.valueOf(figure.applyAsLong(r)), BigDecimal::add));
        // A series without a single day has nothing to fit: no projection rather than one of zeros.
        return byDay.isEmpty() ? Optional.empty() : Optional.of(byDay);
    }
}
