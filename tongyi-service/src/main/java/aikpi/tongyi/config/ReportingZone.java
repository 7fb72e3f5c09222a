package aikpi.tongyi.config;

import java.time.ZoneId;

/** The zone in which periods are cut into days. */
public record ReportingZone(ZoneId zoneId) {
}
