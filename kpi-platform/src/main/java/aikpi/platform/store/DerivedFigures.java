package aikpi.platform.store;

import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Figures a service derives from its stored rows and keeps beside them, advanced in the same transaction as the rows
 * (a daily rollup, a voucher's drawn amount, an onboarding count). {@link DerivedFiguresGuard} recuts each from its rows
 * before the service answers when they may no longer match: after an unclean stop of the embedded database, and, for
 * figures cut into days of the reporting zone, when the zone changed or they were never built. A service declares each
 * as a bean.
 *
 * @param name      what these figures are, for the start-up log: "usage rollups"
 * @param cutInZone for figures that cut stored instants into days: the zone they were last cut in (empty when never
 *                  built); null for figures keyed by business dates, which the zone does not change
 * @param recut     recuts the figures from their rows in one transaction, cutting days in the given zone; answers what
 *                  it recut, for the log ("from 1204 raw events")
 */
public record DerivedFigures(String name, Supplier<Optional<String>> cutInZone, Function<ZoneId, String> recut) {

    /** Figures that cut stored instants into days of the reporting zone, and so change with it. */
    public static DerivedFigures cutIntoDays(String name, Supplier<Optional<String>> cutInZone,
                                             Function<ZoneId, String> recut) {
        return new DerivedFigures(name, cutInZone, recut);
    }

    /** Figures keyed by business dates (or not by day at all): recut only after an unclean stop. */
    public static DerivedFigures keyedByBusinessDates(String name, Supplier<String> recut) {
        return new DerivedFigures(name, null, zone -> recut.get());
    }

    public boolean dependsOnZone() {
        return cutInZone != null;
    }
}
