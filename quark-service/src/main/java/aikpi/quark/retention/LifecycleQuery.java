package aikpi.quark.retention;

import aikpi.quark.rollup.Interval;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.Period;
import io.micronaut.core.annotation.Nullable;

/**
 * The query of {@code GET /api/v1/apps/{appId}/lifecycle}, read and checked (a bad value is a 400 naming it): every
 * window of {@code interval} overlapping {@code period}.
 */
public record LifecycleQuery(Period period, Interval interval) {

    /** Reads the query values; {@code interval} defaults to week. */
    public static LifecycleQuery parse(@Nullable String period, @Nullable String interval) {
        if (period == null) {
            throw new InvalidRequestException("period is required: " + Period.ACCEPTED_FORMS);
        }
        Period p = Period.parse(period);
        return new LifecycleQuery(p, Interval.parse("interval", interval == null ? "week" : interval, Interval.values()));
    }
}
