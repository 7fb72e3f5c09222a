package aikpi.quark.audience;

import aikpi.quark.rollup.Interval;
import aikpi.vocabulary.CalendarDates;
import aikpi.vocabulary.Period;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Which buckets a period's distinct-user figures read. Days and months that have not begun yet (after
 * {@code today} in the reporting zone) are not counted in averages, so a quarter in progress is not diluted by
 * the days still to come. A calendar month wholly inside the period is read as its month bucket; the part of a
 * month that the period only partly covers (a one-day period) is read as day buckets.
 */
public record PeriodWindow(Period period, LocalDate today) {

    /** The last day counted in averages: the period's last day, or today if the period is still running. */
    public LocalDate countedUntil() {
        return period.lastDay().isAfter(today) ? today : period.lastDay();
    }

    /** The period's days that have begun, in order. */
    public List<LocalDate> countedDays() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = period.firstDay(); !d.isAfter(countedUntil()); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    /** The period's calendar months that have begun, each as the range of buckets covering its part of the period. */
    public List<BucketRange> countedMonths() {
        return monthRanges(true);
    }

    /** The whole period as bucket ranges: full months as month buckets, partial months as day buckets. */
    public List<BucketRange> wholePeriod() {
        return monthRanges(false);
    }

    /**
     * Every bucket from the first day a figure can be stored for up to the period's end: whole months as month buckets,
     * and the period's last month as day buckets up to its end when the period ends before the month does.
     */
    public List<BucketRange> throughEnd() {
        LocalDate end = period.lastDay();
        LocalDate monthStart = end.withDayOfMonth(1);
        if (end.equals(YearMonth.from(end).atEndOfMonth())) {
            return List.of(new BucketRange(Interval.MONTH, CalendarDates.EARLIEST, monthStart));
        }
        return List.of(new BucketRange(Interval.MONTH, CalendarDates.EARLIEST, monthStart.minusMonths(1)),
                new BucketRange(Interval.DAY, monthStart, end));
    }

    /**
     * Every bucket from the first day a figure can be stored for up to the day before the period: with
     * {@link #wholePeriod} it makes {@link #throughEnd}.
     */
    public List<BucketRange> beforeStart() {
        LocalDate start = period.firstDay();
        LocalDate monthStart = start.withDayOfMonth(1);
        BucketRange months = new BucketRange(Interval.MONTH, CalendarDates.EARLIEST, monthStart.minusMonths(1));
        return start.equals(monthStart) ? List.of(months)
                : List.of(months, new BucketRange(Interval.DAY, monthStart, start.minusDays(1)));
    }

    private List<BucketRange> monthRanges(boolean onlyBegun) {
        List<BucketRange> ranges = new ArrayList<>();
        for (YearMonth m : period.months()) {
            LocalDate first = m.atDay(1).isBefore(period.firstDay()) ? period.firstDay() : m.atDay(1);
            LocalDate last = m.atEndOfMonth().isAfter(period.lastDay()) ? period.lastDay() : m.atEndOfMonth();
            if (onlyBegun && first.isAfter(countedUntil())) {
                continue;
            }
            boolean wholeMonth = first.equals(m.atDay(1)) && last.equals(m.atEndOfMonth());
            ranges.add(wholeMonth ? new BucketRange(Interval.MONTH, first, first) : new BucketRange(Interval.DAY, first, last));
        }
        return ranges;
    }
}
