package aikpi.billing.grouprevenue;

import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A reported quarter as the API answers it: both names of the quarter, the figures and the cloud share. */
@Serdeable
public record GroupRevenueReport(
        String quarter,
        String fiscalQuarter,
        LocalDate from,
        LocalDate to,
        BigDecimal groupRevenueCny,
        BigDecimal cloudRevenueCny,
        BigDecimal cloudShare,
        String source,
        Instant updatedAt) {

    static GroupRevenueReport of(GroupRevenue r) {
        Period q = GroupRevenueRules.quarter(r.quarter());
        return new GroupRevenueReport(q.label(), q.asFiscalQuarter().label(), q.firstDay(), q.lastDay(),
                Money.cny(r.groupRevenueCny()), Money.cny(r.cloudRevenueCny()),
                // cloud-share: cloud revenue ÷ group revenue
                Money.ratio(r.cloudRevenueCny(), r.groupRevenueCny()),
                r.source(), r.updatedAt());
    }
}
