package aikpi.gateway.warmup;

import aikpi.gateway.conversion.AiConversionService;
import aikpi.gateway.conversion.TrendPoint;
import aikpi.gateway.reviews.ReviewService;
import aikpi.gateway.scorecards.BusinessUnitScorecards;
import aikpi.platform.warmup.WarmUpStep;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's part of the start-up warm-up (kpi-platform's StartupWarmUp): the executive views of the running
 * fiscal quarter and the running fiscal year's review, computed as a request computes them (the clients' connections
 * and their answers' decoding, the targets' query, the calculators) and written as JSON; then the same for the latest
 * quarter with figures, when that is not the running one (a quarter just begun, a source that sends late, a demo of
 * past quarters): the views an executive opens first. That quarter is found once, from the trend of the
 * {@value #TREND_QUARTERS} quarters up to the running one (which warms the trend too): the last with metered tokens,
 * AI sessions or AI revenue. The executives' own views need an executive's token, which the gateway does not hold, so
 * these run in process; StartupWarmUp runs them once the three services answer their health checks, and the answers
 * they leave in the sources' cache are real ones.
 */
@Singleton
public class ExecutiveViewsWarmUp implements WarmUpStep {

    /** How many quarters back the latest quarter with figures is looked for. */
    static final int TREND_QUARTERS = 8;

    private final AiConversionService conversion;
    private final BusinessUnitScorecards scorecards;
    private final ReviewService reviews;
    private final JsonMapper json;
    private final ReportingZone zone;
    private final Clock clock;
    /** The latest quarter with figures, once found; empty when none of the quarters looked at has any. */
    private volatile Optional<Period> latest;

    public ExecutiveViewsWarmUp(AiConversionService conversion, BusinessUnitScorecards scorecards,
                                ReviewService reviews, JsonMapper json, ReportingZone zone, Clock clock) {
        this.conversion = conversion;
        this.scorecards = scorecards;
        this.reviews = reviews;
        this.json = json;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public void run() throws Exception {
        LocalDate today = zone.today(clock);
        Period running = Period.calendarQuarter(today.getYear(), (today.getMonthValue() - 1) / 3 + 1).asFiscalQuarter();
        views(running);
        if (latest == null) {
            Period from = running;
            for (int i = 1; i < TREND_QUARTERS; i++) {
                from = from.previous();
            }
            List<TrendPoint> trend = conversion.trend(from, running).join();
            json.writeValueAsBytes(trend);
            latest = latestWithFigures(trend);
        }
        Optional<Period> quarter = latest.filter(q -> !q.equals(running));
        if (quarter.isPresent()) {
            views(quarter.get());
        }
    }

    private void views(Period quarter) throws Exception {
        Period year = Period.fiscalYear(quarter.fiscalYear());
        json.writeValueAsBytes(conversion.view(quarter).join());
        json.writeValueAsBytes(scorecards.scorecards(quarter).join());
        json.writeValueAsBytes(reviews.review(quarter.label(), null).join());
        json.writeValueAsBytes(reviews.review(year.label(), null).join());
    }

    /** The fiscal quarter of the last trend point with metered tokens, AI sessions or AI revenue. */
    static Optional<Period> latestWithFigures(List<TrendPoint> trend) {
        for (int i = trend.size() - 1; i >= 0; i--) {
            TrendPoint p = trend.get(i);
            boolean figures = positive(p.tokens()) || positive(p.aiSessions())
                    || (p.aiRevenueCny() != null && p.aiRevenueCny().signum() != 0);
            if (figures) {
                return Optional.of(Period.parse(p.fiscalPeriod()));
            }
        }
        return Optional.empty();
    }

    private static boolean positive(Long n) {
        return n != null && n > 0;
    }
}
