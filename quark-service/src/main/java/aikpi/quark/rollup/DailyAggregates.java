package aikpi.quark.rollup;

import aikpi.platform.store.DerivedFigures;
import aikpi.platform.store.Transactions;
import jakarta.inject.Singleton;
import java.time.ZoneId;
import java.util.Optional;

/**
 * quark's day-keyed aggregates (first-seen days, daily counts, sketches) as figures derived from the raw events and
 * sessions: cut into days of the reporting zone, so recut when the zone changes and after an unclean stop.
 */
@Singleton
class DailyAggregates implements DerivedFigures {

    private final Transactions transactions;

    DailyAggregates(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return "daily aggregates";
    }

    @Override
    public boolean cutIntoDays() {
        return true;
    }

    @Override
    public Optional<String> cutInZone() {
        return transactions.read(RollupRebuilder::rollupZone);
    }

    @Override
    public String recut(ZoneId zone) {
        return "from " + transactions.write(c -> RollupRebuilder.rebuild(c, zone)) + " raw events and sessions";
    }
}
