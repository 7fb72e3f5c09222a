package aikpi.quark.rollup;

import aikpi.platform.store.Rollup;
import aikpi.quark.sessions.FeatureDay;
import aikpi.quark.sessions.SessionTotals;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * The daily counts metrics add up: installs per app and day ({@code install_daily}) and session counts per app,
 * feature and day ({@code feature_daily}), advanced by the platform's {@link Rollup#addSums} in the caller's
 * transaction, in key order: added to the stored counts (new events), or replacing them (a pipeline's day sent whole
 * again: the same statements, setting instead of adding).
 */
@Singleton
public class DailyCountsStore {

    /** The counts of {@code feature_daily}, in the order {@link #bindFeatureDay} binds them. */
    private static final List<String> COUNTS = List.of("sessions", "turns", "agent_calls", "resolved", "known_outcome",
            "rated", "rating_sum", "conversions", "conversion_value_cny");
    private static final String INSTALL_KEY = " WHERE app_id = ? AND install_day = ?";
    private static final String ADD_INSTALLS = "UPDATE install_daily SET installs = installs + ?" + INSTALL_KEY;
    private static final String SET_INSTALLS = "UPDATE install_daily SET installs = ?" + INSTALL_KEY;
    private static final String CREATE_INSTALLS = """
            INSERT INTO install_daily (installs, app_id, install_day) VALUES (?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String FEATURE_DAY_KEY = " WHERE app_id = ? AND feature_id = ? AND session_day = ?";
    private static final String ADD_FEATURE_DAYS = "UPDATE feature_daily SET "
            + String.join(", ", COUNTS.stream().map(c -> c + " = " + c + " + ?").toList()) + FEATURE_DAY_KEY;
    private static final String SET_FEATURE_DAYS = "UPDATE feature_daily SET "
            + String.join(", ", COUNTS.stream().map(c -> c + " = ?").toList()) + FEATURE_DAY_KEY;
    private static final String CREATE_FEATURE_DAYS = "INSERT INTO feature_daily (" + String.join(", ", COUNTS)
            + ", app_id, feature_id, session_day) VALUES (" + "?, ".repeat(COUNTS.size()) + "?, ?, ?) ON CONFLICT DO NOTHING";

    /** One app's installs of one day. */
    private record InstallDay(String appId, LocalDate day, long installs) {
    }

    private final TransactionOperations<Connection> transactions;

    public DailyCountsStore(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Writes installs per app and day: added to the stored counts, or replacing them. */
    public void writeInstalls(SortedMap<String, SortedMap<LocalDate, Long>> counts, boolean replace) throws SQLException {
        List<InstallDay> rows = new ArrayList<>();
        counts.forEach((app, days) -> days.forEach((day, installs) -> rows.add(new InstallDay(app, day, installs))));
        // Every statement binds the count first, then the key.
        Rollup.addSums(transactions.getConnection(), replace ? SET_INSTALLS : ADD_INSTALLS, DailyCountsStore::bindInstalls,
                CREATE_INSTALLS, DailyCountsStore::bindInstalls, rows);
    }

    /** Writes per-feature day counts, in the order given: added to the stored counts, or replacing them. */
    public void writeFeatureDays(List<FeatureDay> days, boolean replace) throws SQLException {
        Rollup.addSums(transactions.getConnection(), replace ? SET_FEATURE_DAYS : ADD_FEATURE_DAYS,
                DailyCountsStore::bindFeatureDay, CREATE_FEATURE_DAYS, DailyCountsStore::bindFeatureDay, days);
    }

    private static void bindInstalls(PreparedStatement ps, InstallDay d) throws SQLException {
        ps.setLong(1, d.installs());
        ps.setString(2, d.appId());
        ps.setObject(3, d.day());
    }

    private static void bindFeatureDay(PreparedStatement ps, FeatureDay d) throws SQLException {
        SessionTotals t = d.totals();
        ps.setLong(1, t.sessions());
        ps.setLong(2, t.turns());
        ps.setLong(3, t.agentCalls());
        ps.setLong(4, t.resolved());
        ps.setLong(5, t.knownOutcome());
        ps.setLong(6, t.rated());
        ps.setLong(7, t.ratingSum());
        ps.setLong(8, t.conversions());
        ps.setBigDecimal(9, t.conversionValueCny());
        ps.setString(10, d.appId());
        ps.setString(11, d.featureId());
        ps.setObject(12, d.day());
    }
}
