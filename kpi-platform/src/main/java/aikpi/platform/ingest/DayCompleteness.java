package aikpi.platform.ingest;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When a day of events is complete: {@code lateness} after it ends in the reporting zone. An item received from then
 * on is still stored and counted, and also counted as late; an item whose receipt is unknown (stored before receipts
 * were recorded) never is.
 */
public record DayCompleteness(Duration lateness) {

    /** The instant from which {@code day} is complete. */
    public Instant completeAt(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant().plus(lateness);
    }

    /** The last day complete at {@code now}: every day that ended at least the lateness before it. */
    public LocalDate lastCompleteDay(Instant now, ZoneId zone) {
        return LocalDate.ofInstant(now.minus(lateness), zone).minusDays(1);
    }

    /** Whether an item of {@code day} received at {@code receivedAt} came after the day was complete. */
    public boolean isLate(LocalDate day, @Nullable Instant receivedAt, ZoneId zone) {
        return receivedAt != null && !receivedAt.isBefore(completeAt(day, zone));
    }
}
