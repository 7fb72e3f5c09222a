package aikpi.tongyi.usage;

import aikpi.vocabulary.Period;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Which rollup rows make up a period: its whole calendar months from the monthly rollup, and the days before the
 * first and after the last whole month from the daily rollup. A period of days only reads the daily rollup alone
 * (a breakdown by day reads the day totals instead). Empty ranges have their start after their end.
 */
public record RollupRanges(LocalDate leadingFrom, LocalDate leadingTo, LocalDate monthsFrom, LocalDate monthsTo,
                           LocalDate trailingFrom, LocalDate trailingTo) {

    public static RollupRanges of(Period period) {
        LocalDate first = period.firstDay();
        LocalDate last = period.lastDay();
        YearMonth firstWhole = first.getDayOfMonth() == 1 ? YearMonth.from(first) : YearMonth.from(first).plusMonths(1);
        YearMonth lastWhole = last.equals(YearMonth.from(last).atEndOfMonth()) ? YearMonth.from(last) : YearMonth.from(last).minusMonths(1);
        if (firstWhole.isAfter(lastWhole)) {
            return new RollupRanges(first, last, last.plusDays(1), first, last.plusDays(1), last);
        }
        return new RollupRanges(first, firstWhole.atDay(1).minusDays(1), firstWhole.atDay(1), lastWhole.atDay(1),
                lastWhole.atEndOfMonth().plusDays(1), last);
    }
}
