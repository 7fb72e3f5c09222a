package aikpi.quark.retention;

import aikpi.vocabulary.CalendarDates;
import aikpi.vocabulary.InvalidRequestException;
import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/**
 * The query of {@code GET /api/v1/apps/{appId}/retention/days}, read and checked (a bad value is a 400 naming it): the
 * users first seen on {@code day}, on each of the days {@code ns} after it, as of {@code asOf}.
 */
public record DayRetentionQuery(LocalDate day, Activity returnOn, List<Integer> ns, LocalDate asOf) {

    static final int MAX_DAY_N = 365;
    static final int MAX_DAY_NS = 31;
    static final String DEFAULT_DAY_NS = "1,7,30";

    /** Reads the query values; null ones but {@code day} take their defaults. */
    public static DayRetentionQuery parse(@Nullable String day, @Nullable String n, @Nullable String returnOn,
                                          LocalDate today) {
        if (day == null) {
            throw new InvalidRequestException("day is required: the day the users were first seen, as 2025-03-14.");
        }
        LocalDate cohortDay = CalendarDates.parse("day", day);
        Activity activity = Activity.parse(returnOn == null ? "open" : returnOn);
        List<Integer> ns = dayNumbers(n == null ? DEFAULT_DAY_NS : n);
        if (cohortDay.isAfter(today)) {
            throw new InvalidRequestException("day (" + cohortDay + ") must not be after today (" + today + ").");
        }
        return new DayRetentionQuery(cohortDay, activity, ns, today);
    }

    /** {@code n=1,7,30}: whole days from 1 to 365, sorted, each once. */
    static List<Integer> dayNumbers(String text) {
        TreeSet<Integer> ns = new TreeSet<>();
        for (String part : text.split(",", -1)) {
            int value;
            try {
                value = Integer.parseInt(part.strip());
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("n must list whole days from 1 to " + MAX_DAY_N + ", as 1,7,30; got '"
                        + text + "'.");
            }
            if (value < 1 || value > MAX_DAY_N) {
                throw new InvalidRequestException("n must list days from 1 to " + MAX_DAY_N + "; got " + value + ".");
            }
            ns.add(value);
        }
        if (ns.size() > MAX_DAY_NS) {
            throw new InvalidRequestException("n lists " + ns.size() + " days; at most " + MAX_DAY_NS + " at once.");
        }
        return List.copyOf(ns);
    }
}
