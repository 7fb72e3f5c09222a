package aikpi.billing.attribution;

import aikpi.billing.attribution.AttributionCalculator.ReportedRevenue;
import aikpi.billing.grouprevenue.GroupRevenueService;
import aikpi.billing.ledger.LedgerSummaryService;
import aikpi.billing.metering.MeteringService;
import aikpi.vocabulary.Period;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import aikpi.vocabulary.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

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
        Attribution a = AttributionCalculator.compute(quarter, reported, ledger.amountsIn(quarter), baselineShare,
                metering.meteredTokens(quarter));
        List<Attribution.CurrencyFigures> currencies = ledger.byCurrency(quarter).stream()
                .map(c -> new Attribution.CurrencyFigures(c.currency(), plain(c.billedAmount()), Money.cny(c.amountCny()),
                        a.ledgerTotalCny().signum() == 0 ? null
                                : c.amountCny().divide(a.ledgerTotalCny(), Money.RATIO_SCALE, RoundingMode.HALF_UP)))
                .toList();
        List<Attribution.RateUsed> rates = ledger.ratesUsed(quarter).stream()
                .map(r -> new Attribution.RateUsed(r.currency(), r.rateDay(), plain(r.cnyPerUnit()), r.version(), r.source()))
                .toList();
        return a.withCurrencies(currencies, rates);
    }

    private static BigDecimal plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
