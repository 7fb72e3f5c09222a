package aikpi.gateway.conversion;

import aikpi.gateway.sources.ServerTiming;
import aikpi.gateway.sources.SourceCalls;
import aikpi.gateway.sources.SourceFanOut.Pending;
import aikpi.gateway.sources.SourceFanOut.PendingCompleteness;
import aikpi.gateway.sources.SourceFanOut;
import aikpi.gateway.sources.SourceFigures;
import aikpi.gateway.sources.SourcesUnavailableException;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.PeriodKind;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Builds the executive view: the period and the one before it, from all three sources at once. */
@Singleton
public class AiConversionService {

    private final SourceFanOut sources;
    private final SourceCalls calls;
    private final int maxTrendQuarters;

    public AiConversionService(SourceFanOut sources, SourceCalls calls,
                               @Value("${gateway.trend.max-quarters:16}") int maxTrendQuarters) {
        this.sources = sources;
        this.calls = calls;
        this.maxTrendQuarters = maxTrendQuarters;
    }

    public CompletableFuture<AiConversionView> view(Period period) {
        return timedView(period).thenApply(TimedView::view);
    }

    /** The view, and how long each source call behind it took. */
    public record TimedView(AiConversionView view, List<ServerTiming> timings) {
    }

    public CompletableFuture<TimedView> timedView(Period period) {
        if (period.kind() == PeriodKind.DAY) {
            throw new InvalidRequestException("The executive view is by quarter (calendar or fiscal) or by month, not by day.");
        }
        // Identical views asked at once are computed once.
        return calls.shared("ai-conversion?period=" + period.label(), () -> compute(period));
    }

    private CompletableFuture<TimedView> compute(Period period) {
        Pending current = sources.kpis(period);
        Pending previous = sources.kpis(period.previous());
        PendingCompleteness completeness = sources.completeness(period);
        return SourceCalls.allOf(current.all(), previous.all(), completeness.all()).thenApply(done -> {
            if (!current.anyData()) {
                throw SourcesUnavailableException.forPeriod(period.label());
            }
            List<ServerTiming> timings = new ArrayList<>(current.timings("current"));
            timings.addAll(previous.timings("previous"));
            return new TimedView(ConversionCalculator.compute(period, current.figures(), previous.figures(),
                    completeness.applyTo(current.reports())), timings);
        });
    }

    public CompletableFuture<List<TrendPoint>> trend(Period from, Period to) {
        if (!from.isQuarter() || !to.isQuarter()) {
            throw new InvalidRequestException("The trend runs from a quarter to a quarter (calendar 2024-Q1 or fiscal FY2025-Q1).");
        }
        List<Period> quarters = new ArrayList<>();
        for (Period q = to.asCalendarQuarter(); !q.lastDay().isBefore(from.firstDay()); q = q.previous()) {
            quarters.add(0, q);
            if (quarters.size() > maxTrendQuarters) {
                throw new InvalidRequestException("The trend covers at most " + maxTrendQuarters + " quarters.");
            }
        }
        if (quarters.isEmpty()) {
            throw new InvalidRequestException("'from' (" + from.label() + ") is after 'to' (" + to.label() + ").");
        }
        List<Pending> pending = quarters.stream().map(sources::kpis).toList();
        return SourceCalls.allOf(pending.stream().map(Pending::all).toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    if (pending.stream().noneMatch(Pending::anyData)) {
                        throw SourcesUnavailableException.forPeriod(from.label() + ".." + to.label());
                    }
                    List<TrendPoint> points = new ArrayList<>();
                    for (int i = 0; i < quarters.size(); i++) {
                        Pending p = pending.get(i);
                        AiConversionView v = ConversionCalculator.compute(quarters.get(i), p.figures(),
                                SourceFigures.NONE, p.reports());
                        points.add(TrendPoint.of(v, quarters.get(i).asFiscalQuarter().label()));
                    }
                    return points;
                });
    }
}
