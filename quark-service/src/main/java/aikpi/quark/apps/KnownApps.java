package aikpi.quark.apps;

import aikpi.platform.ingest.KnownIds;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Whether an app takes events, for the ingestion of its installs, opens and sessions: a bounded memory of the
 * event-fed apps seen (apps are never deleted). An app remembered here may since have turned to daily aggregates;
 * the write itself checks the feed again under the app's lock ({@link AppLocks#lockEventFed}).
 */
@Singleton
public class KnownApps {

    private final AppRepository apps;
    private final KnownIds eventFed;

    public KnownApps(AppRepository apps, @Value("${kpi.known-ids.maximum-size:20000}") long maximumSize) {
        this.apps = apps;
        this.eventFed = new KnownIds(maximumSize, EventRules.MAX_KEY_LENGTH,
                ids -> apps.findAppIdByAppIdInAndFeed(ids, Feed.EVENTS));
    }

    /** Why events for this app are refused (it is unknown, or fed by daily aggregates), or empty when they are taken. */
    public Optional<String> refusesEvents(String appId) {
        if (eventFed.exists(appId)) {
            return Optional.empty();
        }
        boolean aggregates = appId.length() <= EventRules.MAX_KEY_LENGTH
                && apps.findById(appId).map(a -> a.feed() == Feed.AGGREGATES).orElse(false);
        return Optional.of(aggregates ? EventRules.notEventFed(appId) : "unknown app '" + appId + "'");
    }
}
