package aikpi.quark.days;

import aikpi.quark.sessions.SessionTotals;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.theta.CompactSketch;

/** A checked day of an app fed by daily aggregates ({@link DayRules}): its counts and its users as sketches. */
public record AppDay(
        String appId,
        LocalDate day,
        long installs,
        long opens,
        DayCounts sessions,
        HllSketch activeUsers,
        HllSketch newUsers,
        HllSketch aiUsers,
        @Nullable CompactSketch activeUsersTheta) {

    /** The day's AI session counts; resolved + abandoned + escalated + unknown = sessions. */
    @Serdeable
    public record DayCounts(long sessions, long turns, long agentCalls, long resolved, long abandoned, long escalated,
                            long unknown, long rated, long ratingSum, long converted, BigDecimal conversionValueCny) {

        /** As quark adds up sessions: the known outcomes are all but the unknown ones. */
        public SessionTotals totals() {
            return new SessionTotals(sessions, turns, agentCalls, resolved, resolved + abandoned + escalated, rated,
                    ratingSum, converted, conversionValueCny);
        }
    }
}
