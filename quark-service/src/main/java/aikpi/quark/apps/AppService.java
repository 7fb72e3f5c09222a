package aikpi.quark.apps;

import aikpi.platform.store.Transactions;
import aikpi.quark.audience.FirstSeenStore;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Creates and replaces apps. Moving an app to another business unit recounts the first-seen users of both units
 * from their apps' exact records, in the same transaction, with every app of both units locked so no ingestion
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
                FirstSeenStore.rebuildUnit(c, before, AppLocks.appsOf(c, before));
                FirstSeenStore.rebuildUnit(c, app.businessUnit(), AppLocks.appsOf(c, app.businessUnit()));
            }
            return new Saved(saved, false);
        });
    }
}
