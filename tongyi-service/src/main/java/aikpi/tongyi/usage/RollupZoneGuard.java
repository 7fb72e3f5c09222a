package aikpi.tongyi.usage;

import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the usage rollups cut in the configured reporting zone: on start-up, if the rollup was cut in another zone
 * (or never recorded one), it is rebuilt from the raw events before the service answers.
 */
@Singleton
public class RollupZoneGuard implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(RollupZoneGuard.class);

    private final UsageStore store;
    private final ReportingZone zone;

    public RollupZoneGuard(UsageStore store, ReportingZone zone) {
        this.store = store;
        this.zone = zone;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        String wanted = zone.zoneId().getId();
        String current = store.rollupZone().orElse(null);
        if (!wanted.equals(current)) {
            long events = store.rebuildRollup(zone.zoneId());
            LOG.info("Usage rollups recut from {} raw events in zone {} (was {})", events, wanted,
                    current == null ? "not built" : current);
        }
    }
}
