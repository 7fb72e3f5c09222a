package aikpi.gateway.reviews;

import aikpi.gateway.conversion.AiConversionService;
import aikpi.gateway.conversion.AiConversionView;
import aikpi.gateway.conversion.KpiDefinition;
import aikpi.gateway.projection.FlowProjections;
import aikpi.gateway.projection.FlowProjections.Found;
import aikpi.gateway.projection.FlowProjections.Wanted;
import aikpi.gateway.reviews.Review.KpiReview;
import aikpi.gateway.reviews.Review.ScopeReview;
import aikpi.gateway.reviews.ReviewCalculator.Actual;
import aikpi.gateway.reviews.ReviewCalculator.Timing;
import aikpi.gateway.scorecards.BusinessUnitScorecards;
import aikpi.gateway.scorecards.BusinessUnitScorecards.ScorecardView;
import aikpi.gateway.scorecards.Scorecard;
import aikpi.gateway.sources.Source;
import aikpi.gateway.sources.SourceCalls;
import aikpi.gateway.sources.SourceFanOut;
import aikpi.gateway.sources.SourceFanOut.PendingCompleteness;
import aikpi.gateway.sources.SourceReport;
import aikpi.gateway.targets.FiscalYears;
import aikpi.gateway.targets.Target;
import aikpi.gateway.targets.TargetRules;
import aikpi.gateway.targets.TargetService;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.PeriodKind;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Reviews a period against the targets of its fiscal year. Every figure is read from the three services through the
 * executive view (the group's targets) and the business-unit scorecards (a unit's), so a review says what those
 * views say; only the targets come from the gateway's own store.
 */
@Singleton
public class ReviewService {

    private final TargetService targets;
    private final TargetRules targetRules;
    private final AiConversionService conversion;
    private final BusinessUnitScorecards scorecards;
    private final ReviewRules rules;
    private final SourceFanOut sources;
    private final FlowProjections projections;
    private final ReportingZone zone;
    private final Clock clock;

    public ReviewService(TargetService targets, TargetRules targetRules, AiConversionService conversion,
                         BusinessUnitScorecards scorecards, ReviewRules rules, SourceFanOut sources,
                         FlowProjections projections, ReportingZone zone, Clock clock) {
        this.targets = targets;
        this.targetRules = targetRules;
        this.conversion = conversion;
        this.scorecards = scorecards;
        this.rules = rules;
        this.sources = sources;
        this.projections = projections;
        this.zone = zone;
        this.clock = clock;
    }

    /** A review is of a quarter (calendar or fiscal, the same days) or of a fiscal year. */
    public static Period reviewPeriod(String text) {
        Period period = Period.parse(text);
        if (!period.isQuarter() && period.kind() != PeriodKind.FISCAL_YEAR) {
            throw new InvalidRequestException("A review is of a quarter (calendar 2025-Q3 or fiscal FY2026-Q2) or of a "
                    + "fiscal year (FY2026), not of '" + text + "'.");
        }
        return period.isQuarter() ? period.asFiscalQuarter() : period;
    }

    /** @param onlyScope one scope's review, or null for every scope with targets */
    public CompletableFuture<Review> review(String periodText, @Nullable String onlyScope) {
        Period period = reviewPeriod(periodText);
        if (onlyScope != null) {
            targetRules.checkScope(onlyScope);
        }
        int fiscalYear = period.fiscalYear();
        // One unit's review is the whole review cut to that unit, so its rank is its rank among all units. The
        // group's figures are only read when the group itself is asked for.
        List<Target> inForce = targets.of(fiscalYear).stream()
                .filter(t -> KpiDefinition.byId(t.kpiId()).isPresent())
                .filter(t -> onlyScope == null || t.scope().equals(onlyScope)
                        || (!onlyScope.equals(TargetRules.GROUP) && !t.scope().equals(TargetRules.GROUP)))
                .toList();
        LocalDate today = zone.today(clock);
        Timing timing = ReviewCalculator.timing(period, today);
        boolean yearReview = period.kind() == PeriodKind.FISCAL_YEAR;

        Set<String> units = new TreeSet<>();
        boolean groupTargets = false;
        for (Target t : inForce) {
            if (t.scope().equals(TargetRules.GROUP)) {
                groupTargets = true;
            } else {
                units.add(t.scope());
            }
        }
        // Each figure the targets need, from each view only when some target needs it.
        CompletableFuture<AiConversionView> view = groupTargets ? conversion.view(period) : done(null);
        CompletableFuture<ScorecardView> cards = units.isEmpty() ? done(null) : scorecards.scorecards(period, units);
        List<Period> quartersBegun = yearReview
                ? period.fiscalQuarters().stream().filter(q -> !q.firstDay().isAfter(today)).toList() : List.of();
        boolean yearLedger = yearReview && inForce.stream().anyMatch(ReviewService::needsLedger);
        List<CompletableFuture<AiConversionView>> quarterViews = yearLedger && groupTargets
                ? quartersBegun.stream().map(conversion::view).toList() : List.of();
        List<CompletableFuture<ScorecardView>> quarterCards = yearLedger && !units.isEmpty()
                ? quartersBegun.stream().map(q -> scorecards.scorecards(q, units)).toList() : List.of();

        // How complete each source is for the review's own period (a year's, not its quarters').
        PendingCompleteness completeness = sources.completeness(period);
        // A running period's flows are projected to its end from their daily series.
        CompletableFuture<Found> projected = projections.project(period, today,
                inForce.stream().map(t -> new Wanted(t.scope(), KpiDefinition.byId(t.kpiId()).orElseThrow())).toList());
        List<CompletableFuture<?>> all = new ArrayList<>(List.of(view, cards, completeness.all(), projected));
        all.addAll(quarterViews);
        all.addAll(quarterCards);
        return SourceCalls.allOf(all.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Figures figures = new Figures(view.join(), cards.join(), quarterViews.stream().map(CompletableFuture::join)
                    .toList(), quarterCards.stream().map(CompletableFuture::join).toList(), yearReview);
            Map<String, List<KpiReview>> byScope = new LinkedHashMap<>();
            for (Target t : inForce) {
                KpiDefinition kpi = KpiDefinition.byId(t.kpiId()).orElseThrow();
                Actual floor = t.qualityFloor() == null ? null
                        : figures.actual(t.scope(), KpiDefinition.byId(t.qualityFloor().kpiId()).orElseThrow());
                KpiReview reviewed = ReviewCalculator.review(t, kpi, period, figures.actual(t.scope(), kpi), floor,
                        timing, rules);
                byScope.computeIfAbsent(t.scope(), s -> new ArrayList<>()).add(ReviewCalculator.projected(reviewed,
                        projected.join().of(t.scope(), kpi), rules));
            }
            List<ScopeReview> scopes = ReviewCalculator.rank(byScope.entrySet().stream()
                    .map(e -> ReviewCalculator.score(e.getKey(), e.getValue(), rules)).toList()).stream()
                    .filter(s -> onlyScope == null || s.scope().equals(onlyScope)).toList();
            Map<String, SourceReport> reports = completeness.applyTo(figures.sources());
            return new Review(period.label(), period.firstDay(), period.lastDay(), FiscalYears.label(fiscalYear),
                    today, timing.progress(), timing.share(), scopes.stream().allMatch(ScopeReview::complete),
                    PendingCompleteness.provisional(reports), reports, rules, scopes, null);
        });
    }

    private static boolean needsLedger(Target t) {
        KpiDefinition kpi = KpiDefinition.byId(t.kpiId()).orElseThrow();
        boolean floorNeeds = t.qualityFloor() != null
                && KpiDefinition.byId(t.qualityFloor().kpiId()).orElseThrow().sources().contains(Source.BILLING);
        return kpi.sources().contains(Source.BILLING) || floorNeeds;
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    /** The first of a KPI's sources that gave no figures, described; empty when all did. */
    static Optional<String> missingSource(KpiDefinition kpi, Map<String, SourceReport> reports) {
        for (Source s : kpi.sources()) {
            SourceReport r = reports.get(s.serviceId());
            if (r == null || !r.status().hasData()) {
                return Optional.of(s.serviceId() + " is " + (r == null ? "not asked" : r.status())
                        + (r == null || r.detail() == null ? "" : " (" + r.detail() + ")"));
            }
        }
        return Optional.empty();
    }

    /** A KPI's value in the executive view. */
    static BigDecimal value(AiConversionView view, KpiDefinition kpi) {
        return view.kpis().stream().filter(k -> k.id().equals(kpi.id())).findFirst()
                .map(AiConversionView.Kpi::value).orElse(null);
    }

    /** The views a review read, and each scope's figures from them. */
    private record Figures(@Nullable AiConversionView view, @Nullable ScorecardView cards,
                           List<AiConversionView> quarterViews, List<ScorecardView> quarterCards, boolean yearReview) {

        Actual actual(String scope, KpiDefinition kpi) {
            boolean ledgerByQuarter = yearReview && kpi.sources().contains(Source.BILLING);
            if (scope.equals(TargetRules.GROUP)) {
                if (ledgerByQuarter) {
                    return FiscalYearBilling.actual(kpi, quarterViews);
                }
                return missingSource(kpi, view.sources()).map(Actual::unknown)
                        .orElseGet(() -> Actual.of(value(view, kpi)));
            }
            if (ledgerByQuarter) {
                // A unit's only ledger figure is its cloud spend, a flow: the sum of its quarters.
                return FiscalYearBilling.sumOfQuarters(kpi, quarterCards, ScorecardView::sources, ScorecardView::period,
                        q -> unitFigures(q, scope).value(kpi));
            }
            return missingSource(kpi, cards.sources()).map(Actual::unknown)
                    .orElseGet(() -> Actual.of(unitFigures(cards, scope).value(kpi)));
        }

        private static Scorecard.Figures unitFigures(ScorecardView cards, String unit) {
            return cards.businessUnits().stream().filter(s -> s.businessUnit().equals(unit)).findFirst()
                    .orElseThrow().current();
        }

        /**
         * Per service, the first failure of any call the review made, else the last answer. In a year's review the
         * ledger is read by quarter: its NOT_APPLICABLE for the year itself is no failure and is left out.
         */
        Map<String, SourceReport> sources() {
            List<Map<String, SourceReport>> yearLevel = new ArrayList<>();
            if (view != null) {
                yearLevel.add(view.sources());
            }
            if (cards != null) {
                yearLevel.add(cards.sources());
            }
            List<Map<String, SourceReport>> byQuarter = new ArrayList<>();
            quarterViews.forEach(q -> byQuarter.add(q.sources()));
            quarterCards.forEach(q -> byQuarter.add(q.sources()));
            Map<String, SourceReport> reports = new LinkedHashMap<>();
            for (Source s : Source.values()) {
                List<Map<String, SourceReport>> read = new ArrayList<>(byQuarter);
                if (!(yearReview && s == Source.BILLING)) {
                    read.addAll(0, yearLevel);
                }
                SourceReport chosen = null;
                for (Map<String, SourceReport> m : read) {
                    SourceReport r = m.get(s.serviceId());
                    if (r != null && (chosen == null || (chosen.status().hasData() && !r.status().hasData()))) {
                        chosen = r;
                    }
                }
                if (chosen != null) {
                    reports.put(s.serviceId(), chosen);
                }
            }
            return reports;
        }
    }
}
