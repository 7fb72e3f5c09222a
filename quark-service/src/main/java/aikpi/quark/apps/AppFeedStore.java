package aikpi.quark.apps;

import aikpi.quark.audience.FirstSeen;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What an app holds of each feed, read in the caller's transaction (under the app's lock): an app's feed changes
 * only while it holds no figures of its present feed, so nothing it was sent is left uncounted or counted twice.
 */
final class AppFeedStore {

    private AppFeedStore() {
    }

    /** Refuses the change of an app's feed from {@code from} to {@code to} while the app holds figures of {@code from}. */
    static void checkChange(Connection c, String appId, Feed from, Feed to) throws SQLException {
        if (from == to) {
            return;
        }
        if (from == Feed.EVENTS && holdsEvents(c, appId)) {
            throw new AppConflictException("app '" + appId + "' has stored installs, app opens or AI sessions: its feed "
                    + "stays EVENTS (a feed changes only while the app holds no figures of its present feed)");
        }
        if (from == Feed.AGGREGATES && exists(c, "SELECT 1 FROM app_day WHERE app_id = ? FETCH FIRST 1 ROWS ONLY", appId)) {
            throw new AppConflictException("app '" + appId + "' has stored days: its feed stays AGGREGATES (a feed "
                    + "changes only while the app holds no figures of its present feed)");
        }
    }

    /** Whether the app has installs or app opens (its first-seen users) or AI sessions (its daily session counts). */
    private static boolean holdsEvents(Connection c, String appId) throws SQLException {
        return exists(c, "SELECT 1 FROM first_seen_daily WHERE scope = ? FETCH FIRST 1 ROWS ONLY", FirstSeen.appScope(appId))
                || exists(c, "SELECT 1 FROM feature_daily WHERE app_id = ? FETCH FIRST 1 ROWS ONLY", appId);
    }

    private static boolean exists(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
