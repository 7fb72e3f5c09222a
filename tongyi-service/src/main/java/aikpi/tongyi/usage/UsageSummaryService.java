package aikpi.tongyi.usage;

import aikpi.tongyi.usage.UsageRollupRepository.ActiveCustomers;
import aikpi.tongyi.usage.UsageRollupRepository.RollupSum;
import aikpi.vocabulary.Period;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Usage totals for a period, read from the rollups (never from raw events): its whole months from the monthly
 * rollup, the remaining days from the daily one, and a breakdown by day from the day totals. All are already cut in
 * the reporting zone, so a period is a plain range of dates here.
 */
@Singleton
public class UsageSummaryService {

    private final UsageRollupRepository rollups;

    public UsageSummaryService(UsageRollupRepository rollups) {
        this.rollups = rollups;
    }

    public List<UsageSummaryRow> summarize(Period period, UsageGrouping grouping) {
        if (grouping == UsageGrouping.DAY) {
            return rollups.findByUsageDayBetweenOrderByUsageDay(period.firstDay(), period.lastDay()).stream()
                    .map(d -> UsageSummaryRow.of(d.usageDay().toString(), d.events(), d.inputTokens(), d.outputTokens()))
                    .toList();
        }
        RollupRanges r = RollupRanges.of(period);
        List<RollupSum> sums = switch (grouping) {
            case TOTAL -> List.of(rollups.total(r.leadingFrom(), r.leadingTo(), r.trailingFrom(), r.trailingTo(),
                    r.monthsFrom(), r.monthsTo()));
            case CUSTOMER -> rollups.byCustomer(r.leadingFrom(), r.leadingTo(), r.trailingFrom(), r.trailingTo(),
                    r.monthsFrom(), r.monthsTo());
            case MODEL -> rollups.byModel(r.leadingFrom(), r.leadingTo(), r.trailingFrom(), r.trailingTo(),
                    r.monthsFrom(), r.monthsTo());
            case CUSTOMER_KIND -> rollups.byCustomerKind(r.leadingFrom(), r.leadingTo(), r.trailingFrom(),
                    r.trailingTo(), r.monthsFrom(), r.monthsTo());
            case BUSINESS_UNIT -> rollups.byBusinessUnit(r.leadingFrom(), r.leadingTo(), r.trailingFrom(),
                    r.trailingTo(), r.monthsFrom(), r.monthsTo());
            case DAY -> throw new IllegalStateException("read from the day totals above");
        };
        return sums.stream()
                .map(s -> UsageSummaryRow.of(s.groupKey(), s.events(), s.inputTokens(), s.outputTokens()))
                .toList();
    }

    /** One business unit's own usage in the period, by model. */
    public List<UsageSummaryRow> byModelOf(Period period, String businessUnit) {
        RollupRanges r = RollupRanges.of(period);
        return rollups.byModelOfBusinessUnit(r.leadingFrom(), r.leadingTo(), r.trailingFrom(), r.trailingTo(),
                        r.monthsFrom(), r.monthsTo(), businessUnit).stream()
                .map(s -> UsageSummaryRow.of(s.groupKey(), s.events(), s.inputTokens(), s.outputTokens()))
                .toList();
    }

    /**
     * Customers with metered usage in the period, by customer kind (only customers onboarded by the period's end
     * count, as in the customer totals).
     */
    public Map<String, Long> activeCustomersByKind(Period period) {
        RollupRanges r = RollupRanges.of(period);
        return rollups.activeCustomersByKind(r.leadingFrom(), r.leadingTo(), r.trailingFrom(), r.trailingTo(),
                        r.monthsFrom(), r.monthsTo(), period.lastDay()).stream()
                .collect(Collectors.toMap(ActiveCustomers::kind, ActiveCustomers::customers));
    }

    /** The period's totals as one row (zeros when nothing was metered). */
    public UsageSummaryRow total(Period period) {
        return summarize(period, UsageGrouping.TOTAL).get(0);
    }
}
