package aikpi.quark.rollup;

import aikpi.vocabulary.InvalidRequestException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The windows every aggregate of users is keyed by: a day, an ISO week (Monday to Sunday) or a calendar month, cut in
 * the reporting zone, keyed by its first day. Sketches of users are kept by day and month
 * ({@link aikpi.quark.audience.SketchKey#GRAINS}); sets of users for retention by all three.
 */
public enum Interval {
    DAY(ChronoUnit.DAYS),
    WEEK(ChronoUnit.WEEKS),
    MONTH(ChronoUnit.MONTHS);

    private final ChronoUnit unit;

    Interval(ChronoUnit unit) {
        this.unit = unit;
    }

    /** The first day of the window holding {@code day}. */
    public LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    /** The first day of the window {@code n} windows after the one starting on {@code start}. */
    public LocalDate plus(LocalDate start, long n) {
        return start.plus(n, unit);
    }

    /** The last day of the window starting on {@code start}. */
    public LocalDate last(LocalDate start) {
        return plus(start, 1).minusDays(1);
    }

    /** Whole windows from the window starting on {@code from} to the one starting on {@code to}. */
    public long between(LocalDate from, LocalDate to) {
        return unit.between(from, to);
    }

    /** The query value: {@code day}, {@code week}, {@code month}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a query value; anything else is a 400 naming the parameter and what it may be. */
    public static Interval parse(String parameter, String value, Interval... allowed) {
        for (Interval i : allowed) {
            if (i.label().equals(value)) {
                return i;
            }
        }
        StringBuilder names = new StringBuilder();
        for (Interval i : allowed) {
            names.append(names.isEmpty() ? "" : ", ").append(i.label());
        }
        throw new InvalidRequestException(parameter + " must be one of " + names + "; got '" + value + "'");
    }
}
