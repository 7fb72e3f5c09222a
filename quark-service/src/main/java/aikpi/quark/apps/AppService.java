package aikpi.quark.apps;

import aikpi.platform.store.Transactions;
import aikpi.quark.audience.FirstSeen;
import aikpi.quark.audience.FirstSeenStore;
import aikpi.quark.retention.UserSetStore;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Creates and replaces apps. Moving an app to another business unit recounts the first-seen users of both units
 * from their apps' exact records, and recuts the units' cohorts from them, in the same transaction, with every app of both units locked so no ingestion
 * for them interleaves.
 */
@Singleton
public class AppService {

    private final AppRepository apps;
    private final Transactions transactions;

    public AppService(AppRepository apps, Transactions transactions) {
        this.apps = apps;
        this.transactions = transactions;
    }

    /** The stored app, and whether it was new. */
    public record Saved(App app, boolean created) {
    }

    public Saved put(App app) {
        return transactions.write(c -> {
            Optional<String> previousUnit = AppLocks.lock(c, app.appId());
            if (previousUnit.isEmpty()) {
                return new Saved(apps.save(app), true);
            }
            App saved = apps.update(app);
            String before = previousUnit.get();
            if (!before.equals(app.businessUnit())) {
                TreeSet<String> members = new TreeSet<>(AppLocks.appsOf(c, before));
                members.addAll(AppLocks.appsOf(c, app.businessUnit()));
                AppLocks.lock(c, members);
                for (String unit : List.of(before, app.businessUnit())) {
                    FirstSeenStore.rebuildUnit(c, unit, AppLocks.appsOf(c, unit));
                    UserSetStore.rebuildCohorts(c, FirstSeen.unitScope(unit));
                }
            }
            return new Saved(saved, false);
        });
    }
}
