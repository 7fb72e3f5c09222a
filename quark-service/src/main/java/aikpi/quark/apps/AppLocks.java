package aikpi.quark.apps;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Row locks on apps, taken first by every write that depends on an app's business unit (user sightings are counted
 * per unit) or on its feed, and by a change of either, so the two never interleave. Locks are taken in app id order.
 */
public final class AppLocks {

    private static final String LOCK = "SELECT business_unit, feed FROM app WHERE app_id = ? FOR UPDATE";

    /** A locked app's business unit and feed, as they are until the lock is released. */
    public record Locked(String businessUnit, Feed feed) {
    }

    private AppLocks() {
    }

    /** Locks the apps and answers each one's unit and feed; an app that does not exist is left out. */
    public static Map<String, Locked> lock(Connection c, Collection<String> appIds) throws SQLException {
        Map<String, Locked> locked = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            for (String appId : new TreeSet<>(appIds)) {
                ps.setString(1, appId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        locked.put(appId, new Locked(rs.getString(1), Feed.valueOf(rs.getString(2))));
                    }
                }
            }
        }
        return locked;
    }

    public static Optional<Locked> lock(Connection c, String appId) throws SQLException {
        return Optional.ofNullable(lock(c, List.of(appId)).get(appId));
    }

    /**
     * Locks the apps events are about to be stored for and answers each one's business unit. An app fed by daily
     * aggregates takes no events (its feed may have changed since the batch was checked): 409.
     */
    public static Map<String, String> lockEventFed(Connection c, Collection<String> appIds) throws SQLException {
        Map<String, String> units = new LinkedHashMap<>();
        for (var e : lock(c, appIds).entrySet()) {
            if (e.getValue().feed() != Feed.EVENTS) {
                throw new AppConflictException(EventRules.notEventFed(e.getKey()));
            }
            units.put(e.getKey(), e.getValue().businessUnit());
        }
        return units;
    }

    /** Every app of a business unit, in id order (read inside the caller's transaction). */
    public static List<String> appsOf(Connection c, String businessUnit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT app_id FROM app WHERE business_unit = ? ORDER BY app_id")) {
            ps.setString(1, businessUnit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }
}
