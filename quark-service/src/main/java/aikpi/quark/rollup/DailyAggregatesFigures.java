package aikpi.quark.rollup;

import aikpi.platform.store.DerivedFigures;
import aikpi.platform.store.Transactions;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** What quark derives from its raw events and sessions, for the platform's start-up guard ({@link DerivedFigures}). */
@Factory
class DailyAggregatesFigures {

    /** First-seen days, daily counts and sketches: days cut in the reporting zone (the pipelines' days are written as sent). */
    @Singleton
    DerivedFigures dailyAggregates(Transactions transactions) {
        return DerivedFigures.cutIntoDays("daily aggregates", () -> transactions.read(RollupRebuilder::rollupZone),
                zone -> "from " + RollupRebuilder.rebuild(transactions, zone));
    }
}
