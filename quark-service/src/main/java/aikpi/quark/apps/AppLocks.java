package aikpi.quark.apps;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Row locks on apps, taken first (in the caller's transaction) by every write that depends on an app's business unit
 * (user sightings are counted per unit) or on its feed, and by a change of either, so the two never interleave. Locks
 * are taken in app id order.
 */
@Singleton
public class AppLocks {

    private final AppRepository apps;

    public AppLocks(AppRepository apps) {
        this.apps = apps;
    }

    /** Locks the apps and answers each one as it is until the lock is released; an app that does not exist is left out. */
    public Map<String, App> lock(Collection<String> appIds) {
        Map<String, App> locked = new LinkedHashMap<>();
        for (String appId : new TreeSet<>(appIds)) {
            apps.lock(appId).ifPresent(app -> locked.put(appId, app));
        }
        return locked;
    }

    public Optional<App> lock(String appId) {
        return Optional.ofNullable(lock(List.of(appId)).get(appId));
    }

    /**
     * Locks the apps events are about to be stored for and answers each one's business unit. An app fed by daily
     * aggregates takes no events (its feed may have changed since the batch was checked): 409.
     */
    public Map<String, String> lockEventFed(Collection<String> appIds) {
        Map<String, String> units = new LinkedHashMap<>();
        for (var e : lock(appIds).entrySet()) {
            if (e.getValue().feed() != Feed.EVENTS) {
                throw new AppConflictException(EventRules.notEventFed(e.getKey()));
            }
            units.put(e.getKey(), e.getValue().businessUnit());
        }
        return units;
    }
}
