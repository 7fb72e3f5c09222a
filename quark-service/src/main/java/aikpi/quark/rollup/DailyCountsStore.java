package aikpi.quark.rollup;

import aikpi.quark.sessions.FeatureDay;
import aikpi.quark.sessions.SessionTotals;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;

/**
 * The daily counts metrics add up: installs per app and day ({@code install_daily}) and session counts per app,
 * feature and day ({@code feature_daily}), written in the caller's transaction in key order (so writers never
 * deadlock): added to the stored counts (new events), or replacing them (a pipeline's day sent whole again).
 */
@Singleton
public class DailyCountsStore {

    /** The additive counts of {@code feature_daily}, in the order of {@link #writeFeatureDays}' parameters. */
    private static final List<String> COUNTS = List.of("sessions", "turns", "agent_calls", "resolved", "known_outcome",
            "rated", "rating_sum", "conversions", "conversion_value_cny");
    private static final String ADD_INSTALLS = installsMerge(false);
    private static final String REPLACE_INSTALLS = installsMerge(true);
    private static final String ADD_FEATURE_DAYS = featureDaysMerge(false);
    private static final String REPLACE_FEATURE_DAYS = featureDaysMerge(true);

    private static String installsMerge(boolean replace) {
        return "MERGE INTO install_daily d"
                + " USING (SELECT CAST(? AS VARCHAR(64)) AS app_id, CAST(? AS DATE) AS install_day, CAST(? AS BIGINT) AS installs) s"
                + " ON d.app_id = s.app_id AND d.install_day = s.install_day"
                + " WHEN MATCHED THEN UPDATE SET installs = " + (replace ? "" : "d.installs + ") + "s.installs"
                + " WHEN NOT MATCHED THEN INSERT (app_id, install_day, installs) VALUES (s.app_id, s.install_day, s.installs)";
    }

    private static String featureDaysMerge(boolean replace) {
        String set = String.join(", ", COUNTS.stream().map(c -> c + " = " + (replace ? "" : "d." + c + " + ") + "s." + c).toList());
        return "MERGE INTO feature_daily d"
                + " USING (SELECT CAST(? AS VARCHAR(64)) AS app_id, CAST(? AS VARCHAR(64)) AS feature_id,"
                + " CAST(? AS DATE) AS session_day, CAST(? AS BIGINT) AS sessions, CAST(? AS BIGINT) AS turns,"
                + " CAST(? AS BIGINT) AS agent_calls, CAST(? AS BIGINT) AS resolved, CAST(? AS BIGINT) AS known_outcome,"
                + " CAST(? AS BIGINT) AS rated, CAST(? AS BIGINT) AS rating_sum, CAST(? AS BIGINT) AS conversions,"
                + " CAST(? AS NUMERIC(38, 2)) AS conversion_value_cny) s"
                + " ON d.app_id = s.app_id AND d.feature_id = s.feature_id AND d.session_day = s.session_day"
                + " WHEN MATCHED THEN UPDATE SET " + set
                + " WHEN NOT MATCHED THEN INSERT (app_id, feature_id, session_day, " + String.join(", ", COUNTS) + ")"
                + " VALUES (s.app_id, s.feature_id, s.session_day, "
                + String.join(", ", COUNTS.stream().map(c -> "s." + c).toList()) + ")";
    }

    private final TransactionOperations<Connection> transactions;

    public DailyCountsStore(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Writes installs per app and day: added to the stored counts, or replacing them. */
    public void writeInstalls(SortedMap<String, SortedMap<LocalDate, Long>> counts, boolean replace) throws SQLException {
        try (PreparedStatement ps = transactions.getConnection().prepareStatement(replace ? REPLACE_INSTALLS : ADD_INSTALLS)) {
            for (var app : counts.entrySet()) {
                for (var day : app.getValue().entrySet()) {
                    ps.setString(1, app.getKey());
                    ps.setObject(2, day.getKey());
                    ps.setLong(3, day.getValue());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** Writes per-feature day counts, in the order given: added to the stored counts, or replacing them. */
    public void writeFeatureDays(List<FeatureDay> days, boolean replace) throws SQLException {
        try (PreparedStatement ps = transactions.getConnection()
                .prepareStatement(replace ? REPLACE_FEATURE_DAYS : ADD_FEATURE_DAYS)) {
            for (FeatureDay d : days) {
                SessionTotals t = d.totals();
                ps.setString(1, d.appId());
                ps.setString(2, d.featureId());
                ps.setObject(3, d.day());
                ps.setLong(4, t.sessions());
                ps.setLong(5, t.turns());
                ps.setLong(6, t.agentCalls());
                ps.setLong(7, t.resolved());
                ps.setLong(8, t.knownOutcome());
                ps.setLong(9, t.rated());
                ps.setLong(10, t.ratingSum());
                ps.setLong(11, t.conversions());
                ps.setBigDecimal(12, t.conversionValueCny());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
