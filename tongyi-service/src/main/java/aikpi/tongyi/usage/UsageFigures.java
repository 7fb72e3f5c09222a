package aikpi.tongyi.usage;

import aikpi.platform.store.DerivedFigures;
import aikpi.tongyi.customers.OnboardingCountStore;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** What tongyi derives from its rows, for the platform's start-up guard ({@link DerivedFigures}). */
@Factory
class UsageFigures {

    /** The usage rollups: days cut in the reporting zone (a day in one zone is not a day in another). */
    @Singleton
    DerivedFigures usageRollups(UsageStore store) {
        return DerivedFigures.cutIntoDays("usage rollups", store::rollupZone,
                zone -> "from " + store.rebuildRollup(zone) + " raw events");
    }

    /** Customers onboarded per kind and day: business dates, so only an unclean stop recounts them. */
    @Singleton
    DerivedFigures onboardingCounts(OnboardingCountStore counts) {
        return DerivedFigures.keyedByBusinessDates("onboarding counts", () -> "from " + counts.recount() + " customers");
    }
}
