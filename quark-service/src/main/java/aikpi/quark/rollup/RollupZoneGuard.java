package aikpi.quark.rollup;

import aikpi.vocabulary.reporting.ReportingZone;
import aikpi.quark.ingest.Transactions;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the day-keyed aggregates cut in the configured reporting zone: on start-up, if they were cut in another
 * zone (or never recorded one), they are rebuilt from the raw events before the service answers.
 */
@Singleton
public class RollupZoneGuard implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(RollupZoneGuard.class);

    private final Transactions transactions;
    private final ReportingZone zone;

    public RollupZoneGuard(Transactions transactions, ReportingZone zone) {
        this.transactions = transactions;
        this.zone = zone;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        String wanted = zone.zoneId().getId();
        String current = transactions.read(c -> RollupRebuilder.rollupZone(c).orElse(null));
        if (!wanted.equals(current)) {
            long read = transactions.write(c -> RollupRebuilder.rebuild(c, zone.zoneId()));
            LOG.info("Daily aggregates recut from {} raw events and sessions in zone {} (was {})", read, wanted,
                    current == null ? "not built" : current);
        }
    }
}
