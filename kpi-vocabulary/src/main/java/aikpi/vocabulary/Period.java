package aikpi.vocabulary;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period as every service of the suite names it: a day ({@code 2025-03-14}), a month
 * ({@code 2025-03}), a calendar quarter ({@code 2025-Q1}), a fiscal quarter ({@code FY2025-Q3}) or a fiscal year
 * ({@code FY2025}).
 *
 * <p>The fiscal year starts on 1 April and is named after the calendar year it ends in, so FY2025 runs
 * 2024-04-01..2025-03-31 and FY2025-Q3 is October to December 2024. A period is a range of local days;
 * it becomes a range of instants only once a reporting zone cuts it.
 */
public final class Period {

    /** The accepted forms, quoted in every error so a caller can correct the request. */
    public static final String ACCEPTED_FORMS =
            "a day (2025-03-14), a month (2025-03), a calendar quarter (2025-Q1), a fiscal quarter (FY2025-Q3) "
                    + "or a fiscal year (FY2025)";

    private static final Pattern DAY = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern FISCAL_QUARTER = Pattern.compile("FY(\\d{4})-Q([1-4])");
    private static final Pattern FISCAL_YEAR = Pattern.compile("FY(\\d{4})");
    private static final int FIRST_FISCAL_MONTH = 4;
    private static final int MIN_YEAR = 1970;
    private static final int MAX_YEAR = 2999;

    private final PeriodKind kind;
    private final String label;
    private final LocalDate firstDay;
    private final LocalDate lastDay;

    private Period(PeriodKind kind, String label, LocalDate firstDay, LocalDate lastDay) {
        this.kind = kind;
        this.label = label;
        this.firstDay = firstDay;
        this.lastDay = lastDay;
    }

    /**
     * Parses a period string.
     *
     * @throws InvalidPeriodException with a message naming the accepted forms
     */
    public static Period parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidPeriodException("A period is required: " + ACCEPTED_FORMS + ".");
        }
        String value = text.trim().toUpperCase(java.util.Locale.ROOT);
        try {
            Matcher m = DAY.matcher(value);
            if (m.matches()) {
                return day(LocalDate.of(year(m.group(1), text), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
            }
            m = MONTH.matcher(value);
            if (m.matches()) {
                return month(YearMonth.of(year(m.group(1), text), Integer.parseInt(m.group(2))));
            }
            m = QUARTER.matcher(value);
            if (m.matches()) {
                return calendarQuarter(year(m.group(1), text), Integer.parseInt(m.group(2)));
            }
            m = FISCAL_QUARTER.matcher(value);
            if (m.matches()) {
                return fiscalQuarter(year(m.group(1), text), Integer.parseInt(m.group(2)));
            }
            m = FISCAL_YEAR.matcher(value);
            if (m.matches()) {
                return fiscalYear(year(m.group(1), text));
            }
        } catch (DateTimeException e) {
            throw new InvalidPeriodException("'" + text + "' is not a real date: " + e.getMessage()
                    + ". Accepted: " + ACCEPTED_FORMS + ".");
        }
        throw new InvalidPeriodException("'" + text + "' is not a period. Accepted: " + ACCEPTED_FORMS + ".");
    }

    private static int year(String digits, String original) {
        int year = Integer.parseInt(digits);
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new InvalidPeriodException("'" + original + "' has a year outside " + MIN_YEAR + ".." + MAX_YEAR
                    + ". Accepted: " + ACCEPTED_FORMS + ".");
        }
        return year;
    }

    public static Period day(LocalDate day) {
        return new Period(PeriodKind.DAY, day.toString(), day, day);
    }

    public static Period month(YearMonth month) {
        return new Period(PeriodKind.MONTH, month.toString(), month.atDay(1), month.atEndOfMonth());
    }

    public static Period calendarQuarter(int year, int quarter) {
        checkQuarter(quarter);
        LocalDate first = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
        return new Period(PeriodKind.QUARTER, year + "-Q" + quarter, first, first.plusMonths(3).minusDays(1));
    }

    /** FY{@code fiscalYear}-Q{@code quarter}; fiscal year N starts on 1 April of year N-1. */
    public static Period fiscalQuarter(int fiscalYear, int quarter) {
        checkQuarter(quarter);
        LocalDate first = LocalDate.of(fiscalYear - 1, FIRST_FISCAL_MONTH, 1).plusMonths((quarter - 1) * 3L);
        return new Period(PeriodKind.FISCAL_QUARTER, "FY" + fiscalYear + "-Q" + quarter, first,
                first.plusMonths(3).minusDays(1));
    }

    /** FY{@code fiscalYear}: 1 April of {@code fiscalYear - 1} to 31 March of {@code fiscalYear}. */
    public static Period fiscalYear(int fiscalYear) {
        LocalDate first = LocalDate.of(fiscalYear - 1, FIRST_FISCAL_MONTH, 1);
        return new Period(PeriodKind.FISCAL_YEAR, "FY" + fiscalYear, first, first.plusYears(1).minusDays(1));
    }

    private static void checkQuarter(int quarter) {
        if (quarter < 1 || quarter > 4) {
            throw new InvalidPeriodException("A quarter is 1 to 4, not " + quarter + ".");
        }
    }

    public PeriodKind kind() {
        return kind;
    }

    /** The canonical text of the period, as it would be parsed back. */
    public String label() {
        return label;
    }

    public LocalDate firstDay() {
        return firstDay;
    }

    public LocalDate lastDay() {
        return lastDay;
    }

    /** The first day after the period. */
    public LocalDate endExclusive() {
        return lastDay.plusDays(1);
    }

    public boolean isQuarter() {
        return kind == PeriodKind.QUARTER || kind == PeriodKind.FISCAL_QUARTER;
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(firstDay) && !day.isAfter(lastDay);
    }

    public long lengthInDays() {
        return ChronoUnit.DAYS.between(firstDay, endExclusive());
    }

    /** The first instant of the period's first day in {@code zone}. */
    public Instant start(ZoneId zone) {
        return firstDay.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period's last day in {@code zone}. */
    public Instant end(ZoneId zone) {
        return endExclusive().atStartOfDay(zone).toInstant();
    }

    /** Every day of the period, in order. */
    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>((int) lengthInDays());
        for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }

    /** The calendar months the period touches, in order. */
    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(firstDay); !m.isAfter(YearMonth.from(lastDay)); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    /** The period of the same kind just before this one (the comparison base for period-on-period change). */
    public Period previous() {
        return switch (kind) {
            case DAY -> day(firstDay.minusDays(1));
            case MONTH -> month(YearMonth.from(firstDay).minusMonths(1));
            case QUARTER -> {
                LocalDate first = firstDay.minusMonths(3);
                yield calendarQuarter(first.getYear(), (first.getMonthValue() - 1) / 3 + 1);
            }
            case FISCAL_QUARTER -> fiscalQuarterStarting(firstDay.minusMonths(3));
            case FISCAL_YEAR -> fiscalYear(lastDay.getYear() - 1);
        };
    }

    /** The same range of days named as a calendar quarter; only quarters have one. */
    public Period asCalendarQuarter() {
        requireQuarter();
        return calendarQuarter(firstDay.getYear(), (firstDay.getMonthValue() - 1) / 3 + 1);
    }

    /** The same range of days named as a fiscal quarter; only quarters have one. */
    public Period asFiscalQuarter() {
        requireQuarter();
        return fiscalQuarterStarting(firstDay);
    }

    private void requireQuarter() {
        if (!isQuarter()) {
            throw new InvalidPeriodException("'" + label + "' is not a quarter: a calendar quarter (2025-Q1) "
                    + "or a fiscal quarter (FY2025-Q3) is required here.");
        }
    }

    /** The fiscal year this period's first day falls in (FY2025 for any day of 2024-04-01..2025-03-31). */
    public int fiscalYear() {
        return firstDay.getMonthValue() >= FIRST_FISCAL_MONTH ? firstDay.getYear() + 1 : firstDay.getYear();
    }

    /** The fiscal quarters of this period, in order: four for a fiscal year, one for a quarter; none otherwise. */
    public List<Period> fiscalQuarters() {
        if (isQuarter()) {
            return List.of(asFiscalQuarter());
        }
        if (kind != PeriodKind.FISCAL_YEAR) {
            return List.of();
        }
        int year = fiscalYear();
        return List.of(fiscalQuarter(year, 1), fiscalQuarter(year, 2), fiscalQuarter(year, 3), fiscalQuarter(year, 4));
    }

    private static Period fiscalQuarterStarting(LocalDate first) {
        int monthsIntoFiscalYear = Math.floorMod(first.getMonthValue() - FIRST_FISCAL_MONTH, 12);
        int fiscalYear = first.getMonthValue() >= FIRST_FISCAL_MONTH ? first.getYear() + 1 : first.getYear();
        return fiscalQuarter(fiscalYear, monthsIntoFiscalYear / 3 + 1);
    }

    /** Two periods are equal when they cover the same days, whatever they are called. */
    public boolean sameDaysAs(Period other) {
        return firstDay.equals(other.firstDay) && lastDay.equals(other.lastDay);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Period p && p.kind == kind && p.firstDay.equals(firstDay) && p.lastDay.equals(lastDay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, firstDay, lastDay);
    }

    @Override
    public String toString() {
        return label;
    }
}
