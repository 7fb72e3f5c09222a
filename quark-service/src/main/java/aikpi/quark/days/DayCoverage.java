package aikpi.quark.days;

import aikpi.quark.audience.BucketRange;
import aikpi.quark.audience.PeriodWindow;
import aikpi.quark.rollup.Interval;
import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;

/**
 * The days an app fed by daily aggregates has in a period, and the coarsest lgK of the sketches a period figure
 * merges: its precision ({@link aikpi.quark.audience.UserSketches#relativeStandardError}).
 *
 * @param days      the period's days the pipeline sent
 * @param activeLgK the coarsest lgK of those days' active-user sketches (null without days)
 * @param aiLgK     of their AI-user sketches (null without days)
 * @param newLgK    of the new-user sketches of every day up to the period's end
 */
public record DayCoverage(SortedSet<LocalDate> days, @Nullable Integer activeLgK, @Nullable Integer aiLgK, int newLgK) {

    /** The period's days counted in averages that the pipeline sent: a day it has not sent is no day of data. */
    public List<LocalDate> countedDays(PeriodWindow window) {
        return window.countedDays().stream().filter(days::contains).toList();
    }

    /** The period's months counted in averages that hold a day the pipeline sent. */
    public List<BucketRange> countedMonths(PeriodWindow window) {
        return window.countedMonths().stream().filter(r -> {
            LocalDate last = r.grain() == Interval.MONTH ? r.from().plusMonths(1).minusDays(1) : r.to();
            return !days.subSet(r.from(), last.plusDays(1)).isEmpty();
        }).toList();
    }
}
