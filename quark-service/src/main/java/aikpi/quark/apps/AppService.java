package aikpi.quark.apps;

import aikpi.platform.paging.Page;
import aikpi.platform.paging.PageRequest;
import aikpi.platform.store.Transactions;
import aikpi.quark.firstseen.FirstSeen;
import aikpi.quark.firstseen.FirstSeenStore;
import aikpi.quark.retention.UserSetStore;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;
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
    private final AppLocks locks;
    private final FirstSeenStore firstSeen;
    private final UserSetStore userSets;
    private final Transactions transactions;

    public AppService(AppRepository apps, AppBundleRepository bundles, AppLocks locks, FirstSeenStore firstSeen,
                      UserSetStore userSets, Transactions transactions) {
        this.apps = apps;
        this.bundles = bundles;
        this.locks = locks;
        this.firstSeen = firstSeen;
        this.userSets = userSets;
        this.transactions = transactions;
    }

    /** The stored app, and whether it was new. */
    public record Saved(AppView app, boolean created) {
    }

    /** Creates or replaces the app with these bundle ids (its former ones are dropped). */
    public Saved put(App app, List<String> bundleIds) {
        return transactions.write(c -> {
            Optional<App> previous = locks.lock(app.appId());
            checkBundlesFree(app.appId(), bundleIds);
            if (previous.isEmpty()) {
                App saved = apps.save(app);
                saveBundles(app.appId(), bundleIds);
                return new Saved(AppView.of(saved, bundleIds), true);
            }
            checkFeedChange(app.appId(), previous.get().feed(), app.feed());
            App saved = apps.update(app);
            bundles.deleteByAppId(app.appId());
            saveBundles(app.appId(), bundleIds);
            String before = previous.get().businessUnit();
            if (!before.equals(app.businessUnit())) {
                recountUnits(before, app.businessUnit());
            }
            return new Saved(AppView.of(saved, bundleIds), false);
        });
    }

    /** The app as the API shows it. */
    public Optional<AppView> find(String appId) {
        return apps.findById(appId).map(a -> AppView.of(a, bundles.findByAppIdOrderByBundleId(appId).stream()
                .map(AppBundle::bundleId).toList()));
    }

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

    /**
     * Refuses the change of an app's feed from {@code from} to {@code to} while the app holds figures of {@code from}
     * (read under the app's lock), so nothing it was sent is left uncounted or counted twice.
     */
    private void checkFeedChange(String appId, Feed from, Feed to) {
        if (from == to) {
            return;
        }
        if (from == Feed.EVENTS && apps.countEventFigures(FirstSeen.appScope(appId), appId) > 0) {
            throw new AppConflictException("app '" + appId + "' has stored installs, app opens or AI sessions: its feed "
                    + "stays EVENTS (a feed changes only while the app holds no figures of its present feed)");
        }
        if (from == Feed.AGGREGATES && apps.countDays(appId) > 0) {
            throw new AppConflictException("app '" + appId + "' has stored days: its feed stays AGGREGATES (a feed "
                    + "changes only while the app holds no figures of its present feed)");
        }
    }

    private void recountUnits(String before, String after) throws SQLException {
        TreeSet<String> members = new TreeSet<>(appsOf(before));
        members.addAll(appsOf(after));
        locks.lock(members);
        for (String unit : List.of(before, after)) {
            firstSeen.rebuildUnit(unit, appsOf(unit));
            userSets.rebuildCohorts(FirstSeen.unitScope(unit));
        }
    }

    /** Every app of a business unit, in id order (read inside the caller's transaction). */
    private List<String> appsOf(String businessUnit) {
        return apps.findByBusinessUnitOrderByAppId(businessUnit).stream().map(App::appId).toList();
    }
}
