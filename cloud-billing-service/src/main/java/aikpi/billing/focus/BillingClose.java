package aikpi.billing.focus;

import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * When a billing month closes. A FOCUS billing period is a UTC month ({@code BillingPeriodStart}); the month is final
 * {@code kpi.billing.close-day} days (4 by default; Alibaba Cloud finalises its bills on the 3rd) after it ends in the
 * reporting zone: 2025-03 is final from 2025-04-05T00:00 Asia/Shanghai. A final month's figures change only by a
 * recorded correction.
 */
@Singleton
public class BillingClose {

    private final ReportingZone zone;
    private final int closeDay;

    public BillingClose(ReportingZone zone, @Value("${kpi.billing.close-day:4}") int closeDay) {
        if (closeDay < 0) {
            throw new IllegalArgumentException("kpi.billing.close-day (BILLING_CLOSE_DAY) must be 0 or more days, was "
                    + closeDay);
        }
        this.zone = zone;
        this.closeDay = closeDay;
    }

    public int closeDay() {
        return closeDay;
    }

    /** The billing month of a FOCUS billing period: the UTC month of its {@code BillingPeriodStart}. */
    public static YearMonth month(Instant periodStart) {
        return YearMonth.from(periodStart.atOffset(ZoneOffset.UTC));
    }

    /** The first day on which the month is final (reporting zone). */
    public LocalDate finalOn(YearMonth month) {
        return month.plusMonths(1).atDay(1).plusDays(closeDay);
    }

    /** The instant the month becomes final. */
    public Instant finalAt(YearMonth month) {
        return finalOn(month).atStartOfDay(zone.zoneId()).toInstant();
    }

    public boolean isFinal(YearMonth month, Instant at) {
        return !at.isBefore(finalAt(month));
    }

    /** The first day of the open period at the instant: the current month in the reporting zone. */
    public LocalDate openPeriodStart(Instant at) {
        return at.atZone(zone.zoneId()).toLocalDate().withDayOfMonth(1);
    }
}
