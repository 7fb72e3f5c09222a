package aikpi.quark.sessions;

import aikpi.platform.store.Transactions;
import aikpi.quark.apps.AppLocks;
import aikpi.quark.audience.Audience;
import aikpi.quark.audience.SketchRollup;
import aikpi.quark.audience.SketchStore;
import aikpi.quark.audience.UserSighting;
import aikpi.quark.retention.SetKind;
import aikpi.quark.retention.UserSetRollup;
import aikpi.quark.retention.UserSetStore;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * AI sessions in plain JDBC: raw sessions are inserted in one batch with the primary key as the dedup, and exactly
 * the sessions that were new advance the daily per-feature counts and the AI-user sketches, in the same transaction.
 */
@Singleton
public class AiSessionStore {

    private static final String INSERT = """
            INSERT INTO ai_session (session_id, app_id, feature_id, user_id, started_at, turns, agent_calls, outcome,
                                    rating, converted, conversion_value_cny)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    /** The additive counts of {@code feature_daily}, in the order of {@link #writeDaily}'s parameters. */
    private static final List<String> COUNTS = List.of("sessions", "turns", "agent_calls", "resolved", "known_outcome",
            "rated", "rating_sum", "conversions", "conversion_value_cny");
    private static final String ADD_DAILY = dailyMerge(false);
    private static final String REPLACE_DAILY = dailyMerge(true);

    /** Merges one (app, feature, day) row into {@code feature_daily}: its counts added to the stored ones, or replacing them. */
    private static String dailyMerge(boolean replace) {
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

    private final Transactions transactions;

    public AiSessionStore(Transactions transactions) {
        this.transactions = transactions;
    }

    /** Stores the sessions that are not stored yet and adds them to the aggregates; answers the new ones. */
    public List<AiSession> storeNew(List<AiSession> sessions, ZoneId zone) {
        return transactions.write(c -> {
            // The apps' locks first, as every write of events takes them: a change of an app's feed waits for this.
            AppLocks.lockEventFed(c, sessions.stream().map(AiSession::appId).toList());
            List<AiSession> fresh = insert(c, sessions);
            aggregate(c, fresh, zone);
            return fresh;
        });
    }

    private static List<AiSession> insert(Connection c, List<AiSession> sessions) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (AiSession s : sessions) {
                ps.setString(1, s.sessionId());
                ps.setString(2, s.appId());
                ps.setString(3, s.featureId());
                ps.setString(4, s.userId());
                ps.setObject(5, OffsetDateTime.ofInstant(s.startedAt(), ZoneOffset.UTC));
                ps.setInt(6, s.turns());
                ps.setInt(7, s.agentCalls());
                ps.setString(8, s.outcome().name());
                if (s.rating() == null) {
                    ps.setNull(9, Types.SMALLINT);
                } else {
                    ps.setShort(9, s.rating().shortValue());
                }
                ps.setBoolean(10, s.converted());
                ps.setBigDecimal(11, s.conversionValueCny());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            List<AiSession> fresh = new ArrayList<>(sessions.size());
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == Statement.SUCCESS_NO_INFO) {
                    throw new IllegalStateException("The JDBC driver did not report per-row counts; dedup needs them");
                }
                if (counts[i] > 0) {
                    fresh.add(sessions.get(i));
                }
            }
            return fresh;
        }
    }

    /**
     * Advances the daily per-feature counts and the AI-user sketches and sets by new sessions (also used to rebuild
     * them).
     */
    public static void aggregate(Connection c, Collection<AiSession> fresh, ZoneId zone) throws SQLException {
        if (fresh.isEmpty()) {
            return;
        }
        writeDaily(c, FeatureDay.rollUp(fresh, zone), false);
        List<UserSighting> sightings = fresh.stream().map(AiSession::sighting).toList();
        SketchStore.merge(c, SketchRollup.rollUp(Audience.AI, sightings, zone));
        UserSetStore.add(c, UserSetRollup.activity(SetKind.AI, sightings, zone));
    }

    /**
     * Writes per-feature day counts into {@code feature_daily}, in the order given (key order keeps writers from
     * deadlocking): added to the stored counts (new sessions), or replacing them (a day sent whole again).
     */
    public static void writeDaily(Connection c, List<FeatureDay> days, boolean replace) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(replace ? REPLACE_DAILY : ADD_DAILY)) {
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
