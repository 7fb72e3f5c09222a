package aikpi.quark.apps;

import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Whether an app exists. Apps are never deleted, so a positive answer is remembered. */
@Singleton
public class KnownApps {

    private final AppRepository apps;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public KnownApps(AppRepository apps) {
        this.apps = apps;
    }

    public boolean exists(String appId) {
        if (known.contains(appId)) {
            return true;
        }
        if (appId.length() <= 64 && apps.existsById(appId)) {
            known.add(appId);
            return true;
        }
        return false;
    }
}
