package aikpi.quark.audience;

import aikpi.quark.rollup.Interval;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.vocabulary.Period;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PeriodWindowTest {

    private static final LocalDate LATER = LocalDate.of(2030, 1, 1);

    @Test
    void aQuarterIsReadAsItsThreeMonthBuckets() {
        PeriodWindow w = new PeriodWindow(Period.parse("FY2025-Q3"), LATER);   // Oct-Dec 2024
        assertThat(w.wholePeriod()).containsExactly(
                new BucketRange(Interval.MONTH, LocalDate.of(2024, 10, 1), LocalDate.of(2024, 10, 1)),
                new BucketRange(Interval.MONTH, LocalDate.of(2024, 11, 1), LocalDate.of(2024, 11, 1)),
                new BucketRange(Interval.MONTH, LocalDate.of(2024, 12, 1), LocalDate.of(2024, 12, 1)));
        assertThat(w.countedDays()).hasSize(92).startsWith(LocalDate.of(2024, 10, 1)).endsWith(LocalDate.of(2024, 12, 31));
    }

    @Test
    void aDayIsReadAsItsDayBucket() {
        PeriodWindow w = new PeriodWindow(Period.parse("2025-03-14"), LATER);
        assertThat(w.wholePeriod()).containsExactly(
                new BucketRange(Interval.DAY, LocalDate.of(2025, 3, 14), LocalDate.of(2025, 3, 14)));
        assertThat(w.countedMonths()).isEqualTo(w.wholePeriod());
    }

    @Test
    void aRunningQuarterCountsOnlyWhatHasBegun() {
        PeriodWindow w = new PeriodWindow(Period.parse("2025-Q2"), LocalDate.of(2025, 5, 1));
        assertThat(w.countedUntil()).isEqualTo(LocalDate.of(2025, 5, 1));
        assertThat(w.countedDays()).hasSize(31);
        assertThat(w.countedMonths()).extracting(BucketRange::from)
                .containsExactly(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 5, 1));
        assertThat(w.wholePeriod()).hasSize(3);
    }

    @Test
    void throughTheEndReadsWholeMonthsAsMonthsAndTheLastPartAsDays() {
        LocalDate first = aikpi.vocabulary.CalendarDates.EARLIEST;
        assertThat(new PeriodWindow(Period.parse("2025-Q1"), LATER).throughEnd()).containsExactly(
                new BucketRange(Interval.MONTH, first, LocalDate.of(2025, 3, 1)));
        assertThat(new PeriodWindow(Period.parse("2025-03-14"), LATER).throughEnd()).containsExactly(
                new BucketRange(Interval.MONTH, first, LocalDate.of(2025, 2, 1)),
                new BucketRange(Interval.DAY, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 14)));
        // Before the period, and the period: together, everything through its end.
        assertThat(new PeriodWindow(Period.parse("2025-Q1"), LATER).beforeStart()).containsExactly(
                new BucketRange(Interval.MONTH, first, LocalDate.of(2024, 12, 1)));
        assertThat(new PeriodWindow(Period.parse("2025-03-14"), LATER).beforeStart()).containsExactly(
                new BucketRange(Interval.MONTH, first, LocalDate.of(2025, 2, 1)),
                new BucketRange(Interval.DAY, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 13)));
    }
}
