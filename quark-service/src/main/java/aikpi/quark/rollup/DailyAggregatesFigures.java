package aikpi.quark.rollup;

import aikpi.platform.store.DerivedFigures;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** What quark derives from its raw events and sessions, for the platform's start-up guard ({@link DerivedFigures}). */
@Factory
class DailyAggregatesFigures {

    /** First-seen days, daily counts and sketches: days cut in the reporting zone (the pipelines' days are written as sent). */
    @Singleton
    DerivedFigures dailyAggregates(RollupRebuilder rebuilder) {
        return DerivedFigures.cutIntoDays("daily aggregates", rebuilder::rollupZone, zone -> "from " + rebuilder.rebuild(zone));
    }
}
