package aikpi.tongyi.usage;

import aikpi.tongyi.customers.OnboardingCounts;
import aikpi.vocabulary.reporting.ReportingZone;
import aikpi.vocabulary.store.UncleanStop;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the derived figures true to the rows they come from. On start-up, before the service answers: the usage
 * rollups are rebuilt from the raw events if they were cut in another reporting zone (or never recorded one); and if
 * the previous run crashed on the embedded database ({@link UncleanStop}), the usage rollups and the onboarding
 * counts are both recut, since H2 may have kept one table's part of a transaction without the other's.
 */
@Singleton
public class RollupZoneGuard implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(RollupZoneGuard.class);

    private final UsageStore store;
    private final OnboardingCounts onboarding;
    private final ReportingZone zone;
    private final UncleanStop uncleanStop;

    public RollupZoneGuard(UsageStore store, OnboardingCounts onboarding, ReportingZone zone, UncleanStop uncleanStop) {
        this.store = store;
        this.onboarding = onboarding;
        this.zone = zone;
        this.uncleanStop = uncleanStop;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        String wanted = zone.zoneId().getId();
        String current = store.rollupZone().orElse(null);
        if (uncleanStop.previousRunCrashed()) {
            long events = store.rebuildRollup(zone.zoneId());
            long customers = onboarding.recount();
            LOG.info("After an unclean stop: usage rollups recut from {} raw events in zone {}, onboarding counts from"
                    + " {} customers", events, wanted, customers);
        } else if (!wanted.equals(current)) {
            long events = store.rebuildRollup(zone.zoneId());
            LOG.info("Usage rollups recut from {} raw events in zone {} (was {})", events, wanted,
                    current == null ? "not built" : current);
        }
    }
}
