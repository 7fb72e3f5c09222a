package aikpi.gateway.warmup;

import aikpi.gateway.conversion.AiConversionService;
import aikpi.gateway.reviews.ReviewService;
import aikpi.gateway.scorecards.BusinessUnitScorecards;
import aikpi.platform.warmup.WarmUpStep;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;

/**
 * The gateway's part of the start-up warm-up (kpi-platform's StartupWarmUp): the executive views of the running
 * fiscal quarter and the running fiscal year's review, computed as a request computes them (the clients' connections
 * and their answers' decoding, the targets' query, the calculators) and written as JSON. The executives' own views
 * need an executive's token, which the gateway does not hold, so these run in process; StartupWarmUp runs them once the
 * three services answer their health checks, and the answers they leave in the sources' cache are real ones.
 */
@Singleton
public class ExecutiveViewsWarmUp implements WarmUpStep {

    private final AiConversionService conversion;
    private final BusinessUnitScorecards scorecards;
    private final ReviewService reviews;
    private final JsonMapper json;
    private final ReportingZone zone;
    private final Clock clock;

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
        Period quarter = Period.calendarQuarter(today.getYear(), (today.getMonthValue() - 1) / 3 + 1).asFiscalQuarter();
        Period year = Period.fiscalYear(quarter.fiscalYear());
        json.writeValueAsBytes(conversion.view(quarter).join());
        json.writeValueAsBytes(scorecards.scorecards(quarter).join());
        json.writeValueAsBytes(reviews.review(quarter.label(), null).join());
        json.writeValueAsBytes(reviews.review(year.label(), null).join());
    }
}
