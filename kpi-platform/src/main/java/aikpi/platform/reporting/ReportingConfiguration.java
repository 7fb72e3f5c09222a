package aikpi.platform.reporting;

import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;

/**
 * The clock and the reporting zone ({@code kpi.reporting-zone}, {@code Asia/Shanghai} by default), the same in
 * every service; tests replace the clock.
 */
@Factory
public class ReportingConfiguration {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    ReportingZone reportingZone(@Value("${kpi.reporting-zone:Asia/Shanghai}") String zone) {
        return new ReportingZone(ZoneId.of(zone));
    }
}
