package aikpi.tongyi.usage;

import aikpi.platform.store.DerivedFigures;
import jakarta.inject.Singleton;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The daily and monthly usage rollups as figures derived from the raw events: cut into days of the reporting zone,
 * so recut when the zone changes (a day in one zone is not a day in another) and after an unclean stop.
 */
@Singleton
class UsageRollups implements DerivedFigures {

    private final UsageStore store;

    UsageRollups(UsageStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "usage rollups";
    }

    @Override
    public boolean cutIntoDays() {
        return true;
    }

    @Override
    public Optional<String> cutInZone() {
        return store.rollupZone();
    }

    @Override
    public String recut(ZoneId zone) {
        return "from " + store.rebuildRollup(zone) + " raw events";
    }
}
