package aikpi.vocabulary.reporting;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** The zone in which every service cuts stored UTC instants into days (and decides what "today" is). */
public record ReportingZone(ZoneId zoneId) {

    /** Today's date in the reporting zone. */
    public LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(zoneId));
    }
}
