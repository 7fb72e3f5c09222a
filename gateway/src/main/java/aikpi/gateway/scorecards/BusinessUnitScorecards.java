package aikpi.gateway.scorecards;

import aikpi.gateway.scorecards.ScorecardCalculator.Inputs;
import aikpi.gateway.sources.Source;
import aikpi.gateway.sources.SourceCalls;
import aikpi.gateway.sources.SourceFanOut;
import aikpi.gateway.sources.SourceFanOut.PendingCompleteness;
import aikpi.gateway.sources.SourceReport;
import aikpi.gateway.sources.Sourced;
import aikpi.gateway.sources.SourcesUnavailableException;
import aikpi.gateway.sources.billing.Attribution;
import aikpi.gateway.sources.quark.QuarkKpis;
import aikpi.gateway.sources.tongyi.UnitCosts;
import aikpi.gateway.sources.tongyi.UsageSummary;
import aikpi.platform.problem.NotFoundException;
import aikpi.vocabulary.Period;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/** One scorecard per business unit, from the three sources at once, for a period and the one before it. */
@Singleton
public class BusinessUnitScorecards {

    private final SourceFanOut sources;
    private final SourceCalls calls;

    public BusinessUnitScorecards(SourceFanOut sources, SourceCalls calls) {
        this.sources = sources;
        this.calls = calls;
    }

    @Serdeable
    public record ScorecardView(String period, String previousPeriod, boolean complete, boolean provisional,
                                Map<String, SourceReport> sources, List<Scorecard> businessUnits) {
    }

    private record PendingInputs(CompletableFuture<Sourced<QuarkKpis>> quark,
                                 CompletableFuture<Sourced<UsageSummary>> tokens,
                                 CompletableFuture<Sourced<Attribution>> billing,
                                 CompletableFuture<Sourced<UnitCosts>> unitCosts) {
        CompletableFuture<Void> all() {
            return SourceCalls.allOf(quark, tokens, billing, unitCosts);
        }

        Inputs inputs() {
            return new Inputs(quark.join().value(), tokens.join().value(), billing.join().value(),
                    unitCosts.join().value());
        }
    }

    private PendingInputs fetch(Period period) {
        return new PendingInputs(sources.quarkKpis(period), sources.tokensByBusinessUnit(period),
                sources.attribution(period), sources.unitCosts(period));
    }

    public CompletableFuture<ScorecardView> scorecards(Period period) {
        return scorecards(period, List.of());
    }

    /** The scorecards of every unit a source knows, and of {@code alsoUnits} even where none does (all zero then). */
    public CompletableFuture<ScorecardView> scorecards(Period period, Collection<String> alsoUnits) {
        // Identical scorecards asked at once are computed once.
        return calls.shared("scorecards?period=" + period.label() + "&also=" + new TreeSet<>(alsoUnits),
                () -> compute(period, alsoUnits));
    }

    private CompletableFuture<ScorecardView> compute(Period period, Collection<String> alsoUnits) {
        PendingInputs current = fetch(period);
        PendingInputs previous = fetch(period.previous());
        PendingCompleteness completeness = sources.completeness(period);
        return SourceCalls.allOf(current.all(), previous.all(), completeness.all()).thenApply(done -> {
            Map<String, SourceReport> reports = new LinkedHashMap<>();
            reports.put(Source.TONGYI.serviceId(), SourceReport.of(current.tokens().join()));
            reports.put(Source.QUARK.serviceId(), SourceReport.of(current.quark().join()));
            reports.put(Source.BILLING.serviceId(), SourceReport.of(current.billing().join()));
            if (reports.values().stream().noneMatch(r -> r.status().hasData())) {
                throw SourcesUnavailableException.forPeriod(period.label());
            }
            boolean complete = reports.values().stream().allMatch(r -> r.status().hasData()
                    || r.status() == aikpi.gateway.sources.SourceStatus.NOT_APPLICABLE);
            Map<String, SourceReport> withCompleteness = completeness.applyTo(reports);
            return new ScorecardView(period.label(), period.previous().label(), complete,
                    PendingCompleteness.provisional(withCompleteness), withCompleteness,
                    ScorecardCalculator.compute(current.inputs(), previous.inputs(), alsoUnits));
        });
    }

    /**
     * One unit's scorecard, in the same shape with at most one scorecard. A unit no source knows is 404 when every
     * source answered; with a source missing it may just be unknown yet, so the answer is empty and incomplete.
     */
    public CompletableFuture<ScorecardView> scorecard(Period period, String businessUnit) {
        return scorecards(period).thenApply(all -> {
            List<Scorecard> mine = all.businessUnits().stream().filter(s -> s.businessUnit().equals(businessUnit)).toList();
            if (mine.isEmpty() && all.complete()) {
                throw new NotFoundException("business unit", businessUnit);
            }
            return new ScorecardView(all.period(), all.previousPeriod(), all.complete(), all.provisional(),
                    all.sources(), mine);
        });
    }
}
