package aikpi.platform.store;

import java.time.ZoneId;
import java.util.Optional;

/**
 * Figures a service derives from its stored rows and keeps beside them, advanced in the same transaction as the rows
 * (a daily rollup, a voucher's drawn amount, an onboarding count). {@link DerivedFiguresGuard} recuts each from its rows
 * before the service answers when they may no longer match: after an unclean stop of the embedded database, and, for
 * figures cut into days, when the reporting zone changed.
 */
public interface DerivedFigures {

    /** What these figures are, for the start-up log: "usage rollups", "the ledger's daily rollup". */
    String name();

    /** Whether the figures cut stored instants into days of the reporting zone, and so change with it. */
    boolean cutIntoDays();

    /** For figures {@link #cutIntoDays() cut into days}: the zone they were last cut in; empty when never built. */
    default Optional<String> cutInZone() {
        return Optional.empty();
    }

    /**
     * Recuts the figures from the rows they come from, in one transaction, cutting days in {@code zone}.
     *
     * @return what was recut, for the start-up log (e.g. "from 1,204 raw events")
     */
    String recut(ZoneId zone);
}
