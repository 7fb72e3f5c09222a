package aikpi.quark.config;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/** The zone in which periods are cut into days. */
public record ReportingZone(ZoneId zoneId) {

    /** Today's date in the reporting zone. */
    public LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(zoneId));
    }
}
