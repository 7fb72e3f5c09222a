package aikpi.quark.apps;

import aikpi.platform.ingest.KnownIds;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Whether an app exists, for the ingestion of its events and sessions; a bounded memory of the apps seen (never deleted). */
@Singleton
public class KnownApps {

    private final KnownIds known;

    public KnownApps(AppRepository apps, @Value("${kpi.known-ids.maximum-size:20000}") long maximumSize) {
        this.known = new KnownIds(maximumSize, EventRules.MAX_KEY_LENGTH, apps::findAppIdByAppIdIn);
    }

    public boolean exists(String appId) {
        return known.exists(appId);
    }
}
