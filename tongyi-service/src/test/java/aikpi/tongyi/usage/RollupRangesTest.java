package aikpi.tongyi.usage;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.vocabulary.Period;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RollupRangesTest {

    private static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    @Test
    void aQuarterIsThreeWholeMonthsAndNoDays() {
        RollupRanges r = RollupRanges.of(Period.parse("FY2025-Q3"));
        assertThat(r.monthsFrom()).isEqualTo(d("2024-10-01"));
        assertThat(r.monthsTo()).isEqualTo(d("2024-12-01"));
        assertThat(r.leadingFrom()).isAfter(r.leadingTo());
        assertThat(r.trailingFrom()).isAfter(r.trailingTo());
    }

    @Test
    void aDayIsReadFromTheDailyRollupOnly() {
        RollupRanges r = RollupRanges.of(Period.parse("2025-03-14"));
        assertThat(r.leadingFrom()).isEqualTo(d("2025-03-14"));
        assertThat(r.leadingTo()).isEqualTo(d("2025-03-14"));
        assertThat(r.monthsFrom()).isAfter(r.monthsTo());
        assertThat(r.trailingFrom()).isAfter(r.trailingTo());
    }

    @Test
    void dayTotalsAreOneRowPerDayAcrossCustomersAndModels() {
        var days = java.util.List.of(
                new DailyUsage(d("2025-01-02"), "acme", "m", 1, 10, 1),
                new DailyUsage(d("2025-01-02"), "beta", "n", 2, 20, 2),
                new DailyUsage(d("2025-01-03"), "acme", "m", 4, 40, 4));
        assertThat(DailyUsage.totalsByDay(days)).containsExactly(
                new DailyUsage(d("2025-01-02"), "", "", 3, 30, 3),
                new DailyUsage(d("2025-01-03"), "", "", 4, 40, 4));
    }

    @Test
    void monthlyRowsAreOneRowPerMonthAndKey() {
        var days = java.util.List.of(
                new DailyUsage(d("2025-01-31"), "acme", "m", 1, 10, 1),
                new DailyUsage(d("2025-01-02"), "acme", "m", 2, 20, 2),
                new DailyUsage(d("2025-02-01"), "acme", "m", 4, 40, 4));
        assertThat(DailyUsage.byMonth(days)).containsExactly(
                new DailyUsage(d("2025-01-01"), "acme", "m", 3, 30, 3),
                new DailyUsage(d("2025-02-01"), "acme", "m", 4, 40, 4));
    }
}
