package aikpi.tongyi.completeness;

import aikpi.platform.changes.DataVersion;
import aikpi.tongyi.usage.Lateness;
import aikpi.tongyi.usage.UsageConsumerLag;
import aikpi.tongyi.usage.UsageStore;
import aikpi.vocabulary.InvalidPeriodException;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.KafkaException;

/**
 * The completeness of a period's usage: its days are complete up to the last one whose lateness has passed
 * ({@link Lateness}), provided that, with Kafka, the usage consumers have read and committed every record on their
 * topic (any lag may hold events of any day, so none is complete until it is zero).
 */
@Singleton
public class UsageCompleteness {

    private final UsageStore usage;
    private final Lateness lateness;
    private final ReportingZone zone;
    private final Clock clock;
    private final UsageConsumerLag lag;

    public UsageCompleteness(UsageStore usage, Lateness lateness, ReportingZone zone, Clock clock,
                             @Nullable UsageConsumerLag lag) {
        this.usage = usage;
        this.lateness = lateness;
        this.zone = zone;
        this.clock = clock;
        this.lag = lag;
    }

    public Completeness of(Period period) {
        // Taken before anything is read: a change received after it may or may not be in this answer, none before it
        // is missing from it.
        String version = DataVersion.now(clock);
        ZoneId z = zone.zoneId();
        Instant now = clock.instant();
        requireBegun(period);
        List<String> notes = new ArrayList<>();
        notes.add("A day is complete " + lateness.duration() + " after it ends in " + z.getId()
                + "; an event received later is counted and listed as late.");
        LocalDate last = lateness.lastCompleteDay(now, z);
        LocalDate through = last.isBefore(period.firstDay()) ? null
                : last.isAfter(period.lastDay()) ? period.lastDay() : last;
        String heldByLag = lag == null ? null : heldByLag();
        if (heldByLag != null) {
            notes.add(heldByLag);
            through = null;
        } else if (!period.lastDay().equals(through)) {
            LocalDate next = through == null ? period.firstDay() : through.plusDays(1);
            notes.add(next + " is complete at " + lateness.completeAt(next, z) + ".");
        }
        boolean isFinal = period.lastDay().equals(through);
        Completeness.LateItems late = lateItems(period);
        if (late.total() > 0) {
            notes.add(late.total() + " events for the period arrived after their day was complete; they are in the "
                    + "figures.");
        }
        return new Completeness(period.label(), period.firstDay(), period.lastDay(), z.getId(), through, isFinal, late,
                notes, version);
    }

    /** Refuses a period whose first day (reporting zone) is still to come: nothing is known of it yet. */
    public void requireBegun(Period period) {
        LocalDate today = zone.today(clock);
        if (period.firstDay().isAfter(today)) {
            throw new InvalidPeriodException("'" + period.label() + "' has not begun (today is " + today + " in "
                    + zone.zoneId().getId() + "): a period's completeness and changes are known from its first day.");
        }
    }

    /** Why the consumers' lag holds completeness back, or null when it does not. */
    private String heldByLag() {
        try {
            long behind = lag.records();
            return behind == 0 ? null : "The usage consumers are " + behind + " records behind the end of Kafka topic "
                    + lag.topic() + ": no day is complete until they have caught up.";
        } catch (KafkaException e) {
            return "The lag of the usage consumers on Kafka topic " + lag.topic() + " could not be read ("
                    + e.getMessage() + "): no day is taken for complete.";
        }
    }

    private Completeness.LateItems lateItems(Period period) {
        List<Completeness.DayCount> days = usage.lateByDayReceived(period.firstDay(), period.lastDay()).entrySet().stream()
                .map(e -> new Completeness.DayCount(e.getKey(), e.getValue())).toList();
        return new Completeness.LateItems(days.stream().mapToLong(Completeness.DayCount::items).sum(), days);
    }
}
