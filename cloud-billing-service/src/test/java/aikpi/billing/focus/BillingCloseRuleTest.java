package aikpi.billing.focus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aikpi.vocabulary.reporting.ReportingZone;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** When a billing month becomes final: the close day counted from the month's end in the reporting zone. */
class BillingCloseRuleTest {

    static final ReportingZone SHANGHAI = new ReportingZone(ZoneId.of("Asia/Shanghai"));

    @Test
    void aMonthIsFinalFromMidnightOfTheCloseDayInTheReportingZone() {
        BillingClose close = new BillingClose(SHANGHAI, 4);
        YearMonth march = YearMonth.of(2025, 3);
        assertThat(close.finalOn(march)).isEqualTo(LocalDate.of(2025, 4, 5));
        assertThat(close.isFinal(march, Instant.parse("2025-04-04T15:59:59Z"))).isFalse(); // 23:59:59 in Shanghai
        assertThat(close.isFinal(march, Instant.parse("2025-04-04T16:00:00Z"))).isTrue();
        assertThat(new BillingClose(new ReportingZone(ZoneId.of("UTC")), 4).isFinal(march,
                Instant.parse("2025-04-04T16:00:00Z"))).isFalse();
        assertThat(new BillingClose(SHANGHAI, 0).isFinal(march, Instant.parse("2025-03-31T16:00:00Z"))).isTrue();
        assertThat(close.finalOn(YearMonth.of(2024, 12))).isEqualTo(LocalDate.of(2025, 1, 5));
    }

    @Test
    void theBillingMonthIsTheUtcMonthOfThePeriodStartAndTheOpenPeriodTheCurrentMonth() {
        assertThat(BillingClose.month(Instant.parse("2025-03-01T00:00:00Z"))).isEqualTo(YearMonth.of(2025, 3));
        BillingClose close = new BillingClose(SHANGHAI, 4);
        // 2025-04-30T16:30Z is already 1 May in Shanghai.
        assertThat(close.openPeriodStart(Instant.parse("2025-04-30T16:30:00Z"))).isEqualTo(LocalDate.of(2025, 5, 1));
    }

    @Test
    void aNegativeCloseDayIsRefusedAtStart() {
        assertThatThrownBy(() -> new BillingClose(SHANGHAI, -1)).hasMessageContaining("BILLING_CLOSE_DAY");
    }
}
