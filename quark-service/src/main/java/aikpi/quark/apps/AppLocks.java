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
 * per unit) and by a move of an app between units, so the two never interleave. Locks are taken in app id order.
 */
public final class AppLocks {

    private static final String LOCK = "SELECT business_unit FROM app WHERE app_id = ? FOR UPDATE";

    private AppLocks() {
    }

    /** Locks the apps and answers each one's business unit; an app that does not exist is left out. */
    public static Map<String, String> lock(Connection c, Collection<String> appIds) throws SQLException {
        Map<String, String> units = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            for (String appId : new TreeSet<>(appIds)) {
                ps.setString(1, appId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        units.put(appId, rs.getString(1));
                    }
                }
            }
        }
        return units;
    }

    public static Optional<String> lock(Connection c, String appId) throws SQLException {
        return Optional.ofNullable(lock(c, List.of(appId)).get(appId));
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
