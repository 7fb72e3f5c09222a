package aikpi.billing.attribution;

import aikpi.billing.attribution.AttributionCalculator.ReportedRevenue;
import aikpi.billing.grouprevenue.GroupRevenueService;
import aikpi.billing.ledger.LedgerSummaryService;
import aikpi.billing.metering.MeteringService;
import aikpi.vocabulary.Period;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.math.BigDecimal;

/** Gathers a quarter's reported revenue, ledger amounts and metered tokens, and hands them to the calculator. */
@Singleton
public class AttributionService {

    private final GroupRevenueService groupRevenue;
    private final LedgerSummaryService ledger;
    private final MeteringService metering;
    private final BigDecimal baselineShare;

    public AttributionService(GroupRevenueService groupRevenue, LedgerSummaryService ledger, MeteringService metering,
                              @Value("${kpi.attribution.baseline-share:0.11}") BigDecimal baselineShare) {
        this.groupRevenue = groupRevenue;
        this.ledger = ledger;
        this.metering = metering;
        this.baselineShare = baselineShare;
    }

    /** @param period a calendar or fiscal quarter; any other period is refused (400) */
    public Attribution attribution(Period period) {
        Period quarter = period.asCalendarQuarter();
        ReportedRevenue reported = groupRevenue.find(quarter)
                .map(r -> new ReportedRevenue(r.groupRevenueCny(), r.cloudRevenueCny(), r.source()))
                .orElse(null);
        return AttributionCalculator.compute(quarter, reported, ledger.amountsIn(quarter), baselineShare,
                metering.meteredTokens(quarter));
    }
}
