package aikpi.quark.metrics;

import aikpi.quark.sessions.SessionTotals;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Reads a period's sums from the daily aggregates (never from raw events). */
final class AggregateReader {

    private AggregateReader() {
    }

    /** Installs per app in the period. */
    static Map<String, Long> installs(Connection c, Period period) throws SQLException {
        Map<String, Long> installs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT app_id, SUM(installs) FROM install_daily"
                + " WHERE install_day >= ? AND install_day <= ? GROUP BY app_id")) {
            ps.setObject(1, period.firstDay());
            ps.setObject(2, period.lastDay());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    installs.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return installs;
    }

    /** Session totals per app and feature in the period. */
    static Map<String, Map<String, SessionTotals>> sessions(Connection c, Period period) throws SQLException {
        Map<String, Map<String, SessionTotals>> totals = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT app_id, feature_id, SUM(sessions), SUM(turns),"
                + " SUM(agent_calls), SUM(resolved), SUM(known_outcome), SUM(rated), SUM(rating_sum), SUM(conversions),"
                + " SUM(conversion_value_cny) FROM feature_daily WHERE session_day >= ? AND session_day <= ?"
                + " GROUP BY app_id, feature_id")) {
            ps.setObject(1, period.firstDay());
            ps.setObject(2, period.lastDay());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    totals.computeIfAbsent(rs.getString(1), a -> new TreeMap<>()).put(rs.getString(2),
                            new SessionTotals(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                                    rs.getLong(8), rs.getLong(9), rs.getLong(10), Money.cny(rs.getBigDecimal(11))));
                }
            }
        }
        return totals;
    }
}
