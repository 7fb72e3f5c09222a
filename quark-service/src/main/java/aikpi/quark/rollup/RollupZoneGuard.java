package aikpi.quark.rollup;

import aikpi.vocabulary.reporting.ReportingZone;
import aikpi.vocabulary.store.UncleanStop;
import aikpi.quark.ingest.Transactions;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the day-keyed aggregates true to the raw events: on start-up, before the service answers, they are rebuilt
 * from the raw events if they were cut in another reporting zone (or never recorded one), or if the previous run
 * crashed on the embedded database ({@link UncleanStop}), since H2 may then have kept one table's part of a
 * transaction without the other's.
 */
@Singleton
public class RollupZoneGuard implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(RollupZoneGuard.class);

    private final Transactions transactions;
    private final ReportingZone zone;
    private final UncleanStop uncleanStop;

    public RollupZoneGuard(Transactions transactions, ReportingZone zone, UncleanStop uncleanStop) {
        this.transactions = transactions;
        this.zone = zone;
        this.uncleanStop = uncleanStop;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        String wanted = zone.zoneId().getId();
        String current = transactions.read(c -> RollupRebuilder.rollupZone(c).orElse(null));
        if (uncleanStop.previousRunCrashed()) {
            long read = transactions.write(c -> RollupRebuilder.rebuild(c, zone.zoneId()));
            LOG.info("After an unclean stop: daily aggregates recut from {} raw events and sessions in zone {}", read,
                    wanted);
        } else if (!wanted.equals(current)) {
            long read = transactions.write(c -> RollupRebuilder.rebuild(c, zone.zoneId()));
            LOG.info("Daily aggregates recut from {} raw events and sessions in zone {} (was {})", read, wanted,
                    current == null ? "not built" : current);
        }
    }
}
