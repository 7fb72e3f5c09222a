package aikpi.quark.retention;

import aikpi.quark.rollup.Interval;
import aikpi.vocabulary.CalendarDates;
import aikpi.vocabulary.InvalidRequestException;
import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;

/**
 * The query of {@code GET /api/v1/apps/{appId}/retention}, read and checked (a bad value is a 400 naming it), its
 * defaults filled in: the cohorts of {@code interval} whose window holds a day of {@code from..to}, as of
 * {@code asOf}.
 */
public record CohortQuery(Interval interval, Activity returnOn, CohortPart part, LocalDate from, LocalDate to,
                          int offsets, LocalDate asOf) {

    static final int MAX_WEEKLY_COHORTS = 104;
    static final int MAX_MONTHLY_COHORTS = 36;
    static final int DEFAULT_OFFSETS = 12;

    /** Reads the query values; null ones take their defaults. */
    public static CohortQuery parse(@Nullable String cohort, @Nullable String from, @Nullable String to,
                                    @Nullable String returnOn, @Nullable String segment, @Nullable Integer offsets,
                                    LocalDate today) {
        Interval interval = Interval.parse("cohort", cohort == null ? "week" : cohort, Interval.WEEK, Interval.MONTH);
        Activity activity = Activity.parse(returnOn == null ? "open" : returnOn);
        CohortPart part = CohortPart.parse(segment == null ? "all" : segment);
        LocalDate last = to == null ? today : CalendarDates.parse("to", to);
        LocalDate first = from == null ? interval.plus(interval.start(last), -(DEFAULT_OFFSETS)) : CalendarDates.parse("from", from);
        if (first.isAfter(last)) {
            throw new InvalidRequestException("from (" + first + ") must not be after to (" + last + ").");
        }
        int max = interval == Interval.WEEK ? MAX_WEEKLY_COHORTS : MAX_MONTHLY_COHORTS;
        long count = interval.between(interval.start(first), interval.start(last)) + 1;
        if (count > max) {
            throw new InvalidRequestException("from " + first + " to " + last + " holds " + count + " " + interval.label()
                    + "ly cohorts; at most " + max + " can be asked for at once.");
        }
        int windows = offsets == null ? DEFAULT_OFFSETS : offsets;
        if (windows < 0 || windows > max) {
            throw new InvalidRequestException("offsets must be from 0 to " + max + " for " + interval.label()
                    + "ly cohorts; got " + windows + ".");
        }
        return new CohortQuery(interval, activity, part, first, last, windows, today);
    }
}
