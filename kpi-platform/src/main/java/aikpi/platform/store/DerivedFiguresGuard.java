package aikpi.platform.store;

import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one start-up guard of every storing service: before the service answers, each of its {@link DerivedFigures} is
 * recut from its rows if the previous run crashed on the embedded database ({@link UncleanStop}: H2 may then have kept
 * one table's part of a transaction without the other's), or, for figures cut into days, if they were cut in another
 * reporting zone or never built. It logs each recut, starting with {@code After an unclean stop:} after a crash.
 */
@Singleton
@Requires(beans = UncleanStop.class)
public class DerivedFiguresGuard implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DerivedFiguresGuard.class);

    private final List<DerivedFigures> figures;
    private final ReportingZone zone;
    private final UncleanStop uncleanStop;

    public DerivedFiguresGuard(List<DerivedFigures> figures, ReportingZone zone, UncleanStop uncleanStop) {
        this.figures = figures;
        this.zone = zone;
        this.uncleanStop = uncleanStop;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        String wanted = zone.zoneId().getId();
        boolean crashed = uncleanStop.previousRunCrashed();
        for (DerivedFigures f : figures) {
            if (crashed) {
                LOG.info("After an unclean stop: {} recut {} in zone {}", f.name(), f.recut().apply(zone.zoneId()), wanted);
                continue;
            }
            if (!f.dependsOnZone()) {
                continue;
            }
            String current = f.cutInZone().get().orElse(null);
            if (!wanted.equals(current)) {
                LOG.info("{} recut {} in zone {} (was {})", f.name(), f.recut().apply(zone.zoneId()), wanted,
                        current == null ? "not built" : current);
            }
        }
    }
}
