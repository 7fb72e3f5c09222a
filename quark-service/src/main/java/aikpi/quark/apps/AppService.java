package aikpi.quark.apps;

import aikpi.platform.paging.Page;
import aikpi.platform.paging.PageRequest;
import aikpi.platform.store.Transactions;
import aikpi.quark.audience.FirstSeen;
import aikpi.quark.audience.FirstSeenStore;
import aikpi.quark.retention.UserSetStore;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Creates and replaces apps. Moving an app to another business unit recounts the first-seen users of both units
 * from their apps' exact records, and recuts the units' cohorts from them, in the same transaction, with every app of
 * both units locked so no ingestion for them interleaves. A feed changes only while the app holds no figures of its
 * present feed; a bundle id is listed by one app at most.
 */
@Singleton
public class AppService {

    private final AppRepository apps;
    private final AppBundleRepository bundles;
    private final Transactions transactions;

    public AppService(AppRepository apps, AppBundleRepository bundles, Transactions transactions) {
        this.apps = apps;
        this.bundles = bundles;
        this.transactions = transactions;
    }

    /** The stored app, and whether it was new. */
    public record Saved(AppView app, boolean created) {
    }

    /** Creates or replaces the app with these bundle ids (its former ones are dropped). */
    public Saved put(App app, List<String> bundleIds) {
        return transactions.write(c -> {
            Optional<AppLocks.Locked> previous = AppLocks.lock(c, app.appId());
            checkBundlesFree(app.appId(), bundleIds);
            if (previous.isEmpty()) {
                App saved = apps.save(app);
                saveBundles(app.appId(), bundleIds);
                return new Saved(AppView.of(saved, bundleIds), true);
            }
            AppFeedStore.checkChange(c, app.appId(), previous.get().feed(), app.feed());
            App saved = apps.update(app);
            bundles.deleteByAppId(app.appId());
            saveBundles(app.appId(), bundleIds);
            String before = previous.get().businessUnit();
            if (!before.equals(app.businessUnit())) {
                recountUnits(c, before, app.businessUnit());
            }
            return new Saved(AppView.of(saved, bundleIds), false);
        });
    }

    /** The app as the API shows it. */
    public Optional<AppView> find(String appId) {
        return apps.findById(appId).map(a -> AppView.of(a, bundles.findByAppIdOrderByBundleId(appId).stream()
                .map(AppBundle::bundleId).toList()));
    }

    /** Every app as the API shows it, in id order. */
    /** A page of the apps in id order, each with its bundle ids. */
    public Page<AppView> list(PageRequest page) {
        Page<App> found = page.page(apps.findByAppIdGreaterThanOrderByAppId(page.after(0, ""),
                Pageable.from(0, page.fetchSize())), a -> List.of(a.appId()));
        var byApp = found.items().isEmpty() ? Map.<String, List<String>>of()
                : bundles.findByAppIdInListOrderByBundleId(found.items().stream().map(App::appId).toList()).stream()
                        .collect(Collectors.groupingBy(AppBundle::appId, Collectors.mapping(AppBundle::bundleId,
                                Collectors.toList())));
        return new Page<>(found.items().stream().map(a -> AppView.of(a, byApp.getOrDefault(a.appId(), List.of())))
                .toList(), found.nextCursor());
    }

    private void checkBundlesFree(String appId, List<String> bundleIds) {
        if (bundleIds.isEmpty()) {
            return;
        }
        // A concurrent claim of the same bundle id fails on its primary key and the transaction runs again.
        for (AppBundle taken : bundles.findByBundleIdIn(bundleIds)) {
            if (!taken.appId().equals(appId)) {
                throw new AppConflictException("bundle id '" + taken.bundleId() + "' is already listed by app '"
                        + taken.appId() + "'; a bundle id names one app");
            }
        }
    }

    private void saveBundles(String appId, List<String> bundleIds) {
        if (!bundleIds.isEmpty()) {
            bundles.saveAll(bundleIds.stream().map(b -> new AppBundle(b, appId)).toList());
        }
    }

    private static void recountUnits(Connection c, String before, String after) throws SQLException {
        TreeSet<String> members = new TreeSet<>(AppLocks.appsOf(c, before));
        members.addAll(AppLocks.appsOf(c, after));
        AppLocks.lock(c, members);
        for (String unit : List.of(before, after)) {
            FirstSeenStore.rebuildUnit(c, unit, AppLocks.appsOf(c, unit));
            UserSetStore.rebuildCohorts(c, FirstSeen.unitScope(unit));
        }
    }
}
