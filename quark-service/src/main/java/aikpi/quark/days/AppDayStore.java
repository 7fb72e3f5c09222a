package aikpi.quark.days;

import aikpi.platform.store.Sql;
import aikpi.quark.audience.Audience;
import aikpi.quark.audience.SketchKey;
import aikpi.quark.audience.UserSketches;
import aikpi.quark.days.AppDay.DayCounts;
import aikpi.quark.days.DayView.Replaced;
import aikpi.quark.days.DayView.SketchSummary;
import aikpi.quark.rollup.Interval;
import aikpi.vocabulary.Money;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.theta.CompactSketch;

/**
 * The days of apps fed by daily aggregates, in plain JDBC on the connection of the caller's transaction (under the
 * app's lock). {@code app_day} holds the version of each day counted now, {@code app_day_replaced} every version a
 * later PUT replaced. {@link DayAggregates} writes a day into the aggregates quark keeps for its events.
 */
@Singleton
public class AppDayStore {

    /** The app as a whole in the per-feature session counts: a day's sessions are not split by feature. */
    public static final String WHOLE_APP = "";

    private static final String FIGURES = "installs, opens, sessions, turns, agent_calls, resolved, abandoned, escalated,"
            + " unknown_outcome, rated, rating_sum, converted, conversion_value_cny, active_users, active_lg_k,"
            + " active_estimate, new_users, new_lg_k, new_estimate, ai_users, ai_lg_k, ai_estimate, active_users_theta,"
            + " theta_estimate";
    private static final String COLUMNS = "app_id, report_day, version, received_at, " + FIGURES;
    private static final String INSERT = "INSERT INTO app_day (" + COLUMNS + ") VALUES (" + Sql.placeholders(28) + ")";
    private static final String KEEP_REPLACED = "INSERT INTO app_day_replaced (" + COLUMNS + ", replaced_at) SELECT "
            + COLUMNS + ", ? FROM app_day WHERE app_id = ? AND report_day = ?";
    /** The three HLL sketches of a day, in the order of their columns. */
    static final List<Audience> AUDIENCES = List.of(Audience.ACTIVE, Audience.NEW, Audience.AI);

    private final TransactionOperations<Connection> transactions;

    public AppDayStore(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** A stored HLL sketch: its compact bytes, lgK and rounded estimate. */
    record StoredSketch(byte[] bytes, int lgK, long estimate) {

        static StoredSketch of(HllSketch s) {
            return new StoredSketch(s.toCompactByteArray(), s.getLgConfigK(), UserSketches.estimate(s));
        }

        boolean same(StoredSketch o) {
            return lgK == o.lgK && Arrays.equals(bytes, o.bytes);
        }
    }

    /** A day's figures as stored. */
    record DayRow(long installs, long opens, DayCounts sessions, StoredSketch active, StoredSketch newUsers,
                  StoredSketch ai, byte[] theta, Long thetaEstimate) {

        static DayRow of(AppDay d) {
            CompactSketch theta = d.activeUsersTheta();
            return new DayRow(d.installs(), d.opens(), d.sessions(), StoredSketch.of(d.activeUsers()),
                    StoredSketch.of(d.newUsers()), StoredSketch.of(d.aiUsers()), theta == null ? null : theta.toByteArray(),
                    theta == null ? null : Math.round(theta.getEstimate()));
        }

        /** Whether a PUT of {@code o} would change nothing. */
        boolean sameFigures(DayRow o) {
            return installs == o.installs && opens == o.opens && sameCounts(sessions, o.sessions)
                    && active.same(o.active) && newUsers.same(o.newUsers) && ai.same(o.ai) && Arrays.equals(theta, o.theta);
        }

        private static boolean sameCounts(DayCounts a, DayCounts b) {
            return a.sessions() == b.sessions() && a.turns() == b.turns() && a.agentCalls() == b.agentCalls()
                    && a.resolved() == b.resolved() && a.abandoned() == b.abandoned() && a.escalated() == b.escalated()
                    && a.unknown() == b.unknown() && a.rated() == b.rated() && a.ratingSum() == b.ratingSum()
                    && a.converted() == b.converted() && a.conversionValueCny().compareTo(b.conversionValueCny()) == 0;
        }

        List<StoredSketch> sketches() {
            return List.of(active, newUsers, ai);
        }
    }

    /** The version of a day counted now. */
    record Current(int version, Instant receivedAt, DayRow row) {
    }

    Optional<Current> current(String appId, LocalDate day) throws SQLException {
        Connection c = transactions.getConnection();
        try (PreparedStatement ps = c.prepareStatement("SELECT version, received_at, " + FIGURES
                + " FROM app_day WHERE app_id = ? AND report_day = ?")) {
            ps.setString(1, appId);
            ps.setObject(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Current(rs.getInt(1), instant(rs, 2), row(rs, 3))) : Optional.empty();
            }
        }
    }

    /**
     * Stores the day as its next version: the version counted before (if any) is kept in {@code app_day_replaced}.
     *
     * @return the new version
     */
    int save(String appId, LocalDate day, DayRow row, Optional<Current> before, Instant now)
            throws SQLException {
        Connection c = transactions.getConnection();
        int version = before.map(b -> b.version() + 1).orElse(1);
        if (before.isPresent()) {
            try (PreparedStatement keep = c.prepareStatement(KEEP_REPLACED);
                 PreparedStatement delete = c.prepareStatement("DELETE FROM app_day WHERE app_id = ? AND report_day = ?")) {
                keep.setObject(1, utc(now));
                keep.setString(2, appId);
                keep.setObject(3, day);
                keep.executeUpdate();
                delete.setString(1, appId);
                delete.setObject(2, day);
                delete.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, appId);
            ps.setObject(2, day);
            ps.setInt(3, version);
            ps.setObject(4, utc(now));
            int next = 5;
            ps.setLong(next++, row.installs());
            ps.setLong(next++, row.opens());
            DayCounts s = row.sessions();
            for (long v : new long[] {s.sessions(), s.turns(), s.agentCalls(), s.resolved(), s.abandoned(), s.escalated(),
                    s.unknown(), s.rated(), s.ratingSum(), s.converted()}) {
                ps.setLong(next++, v);
            }
            ps.setBigDecimal(next++, s.conversionValueCny());
            for (StoredSketch sketch : row.sketches()) {
                ps.setBytes(next++, sketch.bytes());
                ps.setInt(next++, sketch.lgK());
                ps.setLong(next++, sketch.estimate());
            }
            if (row.theta() == null) {
                ps.setNull(next++, Types.BINARY);
                ps.setNull(next, Types.BIGINT);
            } else {
                ps.setBytes(next++, row.theta());
                ps.setLong(next, row.thetaEstimate());
            }
            ps.executeUpdate();
        }
        return version;
    }

    /** The union of a month's current days, per audience (the days' sketches of the app as a whole). */
    SortedMap<SketchKey, HllSketch> monthSketches(String appId, LocalDate month) throws SQLException {
        Map<Audience, UserSketches.Merge> merges = new EnumMap<>(Audience.class);
        AUDIENCES.forEach(a -> merges.put(a, new UserSketches.Merge()));
        try (PreparedStatement ps = transactions.getConnection().prepareStatement("SELECT active_users, new_users, ai_users"
                + " FROM app_day WHERE app_id = ? AND report_day >= ? AND report_day <= ?")) {
            ps.setString(1, appId);
            ps.setObject(2, month);
            ps.setObject(3, month.plusMonths(1).minusDays(1));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 0; i < AUDIENCES.size(); i++) {
                        merges.get(AUDIENCES.get(i)).add(rs.getBytes(i + 1));
                    }
                }
            }
        }
        SortedMap<SketchKey, HllSketch> months = new TreeMap<>();
        merges.forEach((audience, merge) ->
                months.put(new SketchKey(appId, audience, WHOLE_APP, Interval.MONTH, month), merge.result()));
        return months;
    }

    /** What {@link #forEachDay} hands over: one stored day. */
    @FunctionalInterface
    interface DayVisitor {
        void visit(String appId, LocalDate day, DayRow row) throws SQLException;
    }

    /** Every stored day, in key order (app, day), read a few rows at a time. @return the days read */
    long forEachDay(DayVisitor visitor) throws SQLException {
        long days = 0;
        try (PreparedStatement ps = transactions.getConnection().prepareStatement("SELECT app_id, report_day, " + FIGURES
                + " FROM app_day ORDER BY app_id, report_day")) {
            ps.setFetchSize(100);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    visitor.visit(rs.getString(1), rs.getObject(2, LocalDate.class), row(rs, 3));
                    days++;
                }
            }
        }
        return days;
    }

    /** Every stored day that has its active users' Theta sketch, in key order (app, day). */
    List<Map.Entry<String, LocalDate>> daysWithTheta() throws SQLException {
        List<Map.Entry<String, LocalDate>> days = new ArrayList<>();
        try (PreparedStatement ps = transactions.getConnection().prepareStatement("SELECT app_id, report_day FROM app_day"
                + " WHERE active_users_theta IS NOT NULL ORDER BY app_id, report_day");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                days.add(Map.entry(rs.getString(1), rs.getObject(2, LocalDate.class)));
            }
        }
        return days;
    }

    /**
     * The days up to {@code through} an app fed by daily aggregates was sent without its active users' Theta sketch:
     * its sets (and so its retention) leave those days' users out. In date order.
     */
    public List<LocalDate> daysWithoutSets(String appId, LocalDate through) throws SQLException {
        Connection c = transactions.getConnection();
        List<LocalDate> days = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT report_day FROM app_day WHERE app_id = ?"
                + " AND report_day <= ? AND active_users_theta IS NULL ORDER BY report_day")) {
            ps.setString(1, appId);
            ps.setObject(2, through);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.add(rs.getObject(1, LocalDate.class));
                }
            }
        }
        return days;
    }

    /** The first day an app fed by daily aggregates was sent, if any. */
    public Optional<LocalDate> firstDay(String appId) throws SQLException {
        Connection c = transactions.getConnection();
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(report_day) FROM app_day WHERE app_id = ?")) {
            ps.setString(1, appId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getObject(1, LocalDate.class)) : Optional.empty();
            }
        }
    }

    /** The days each app has sent within {@code from..to}, in the caller's transaction. */
    public Map<String, Set<LocalDate>> sentDays(LocalDate from, LocalDate to) throws SQLException {
        Map<String, Set<LocalDate>> sent = new HashMap<>();
        try (PreparedStatement ps = transactions.getConnection().prepareStatement(
                "SELECT app_id, report_day FROM app_day WHERE report_day BETWEEN ? AND ?")) {
            ps.setObject(1, from);
            ps.setObject(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sent.computeIfAbsent(rs.getString(1), a -> new HashSet<>()).add(rs.getObject(2, LocalDate.class));
                }
            }
        }
        return sent;
    }

    /**
     * Which days of {@code from..to} each app fed by daily aggregates has, and the coarsest lgK of its sketches: of
     * those days for active and AI users, of every day up to {@code to} for new users (total users read them all).
     * Apps without a day up to {@code to} are left out.
     */
    public Map<String, DayCoverage> coverage(LocalDate from, LocalDate to) throws SQLException {
        Connection c = transactions.getConnection();
        Map<String, SortedSet<LocalDate>> days = new HashMap<>();
        Map<String, int[]> lgK = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT app_id, report_day, active_lg_k, ai_lg_k FROM app_day"
                + " WHERE report_day >= ? AND report_day <= ?")) {
            ps.setObject(1, from);
            ps.setObject(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String app = rs.getString(1);
                    days.computeIfAbsent(app, a -> new TreeSet<>()).add(rs.getObject(2, LocalDate.class));
                    int[] k = lgK.computeIfAbsent(app, a -> new int[] {UserSketches.MAX_LG_K, UserSketches.MAX_LG_K});
                    k[0] = Math.min(k[0], rs.getInt(3));
                    k[1] = Math.min(k[1], rs.getInt(4));
                }
            }
        }
        Map<String, DayCoverage> coverage = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT app_id, MIN(new_lg_k) FROM app_day WHERE report_day <= ?"
                + " GROUP BY app_id")) {
            ps.setObject(1, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String app = rs.getString(1);
                    int[] k = lgK.get(app);
                    coverage.put(app, new DayCoverage(days.getOrDefault(app, new TreeSet<>()),
                            k == null ? null : k[0], k == null ? null : k[1], rs.getInt(2)));
                }
            }
        }
        return coverage;
    }

    /**
     * The days' active users as Theta sketches, where the pipeline sent them (for set intersections such as
     * retention); days without one are left out.
     */
    public SortedMap<LocalDate, CompactSketch> activeUsersTheta(String appId, LocalDate from,
                                                                      LocalDate to) throws SQLException {
        Connection c = transactions.getConnection();
        SortedMap<LocalDate, CompactSketch> sketches = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT report_day, active_users_theta FROM app_day"
                + " WHERE app_id = ? AND report_day >= ? AND report_day <= ? AND active_users_theta IS NOT NULL")) {
            ps.setString(1, appId);
            ps.setObject(2, from);
            ps.setObject(3, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sketches.put(rs.getObject(1, LocalDate.class), CompactSketch.heapify(Memory.wrap(rs.getBytes(2))));
                }
            }
        }
        return sketches;
    }

    /** A version of an app's day and when quark received it. */
    public record ReceivedVersion(String appId, LocalDate day, int version, Instant receivedAt) {
    }

    /**
     * The versions of the days of {@code from..to}, counted now or replaced since, that were received strictly after
     * {@code after}, in the caller's transaction.
     */
    public List<ReceivedVersion> versionsReceivedAfter(LocalDate from, LocalDate to, Instant after) throws SQLException {
        List<ReceivedVersion> versions = new ArrayList<>();
        String where = " WHERE report_day BETWEEN ? AND ? AND received_at > ?";
        try (PreparedStatement ps = transactions.getConnection().prepareStatement(
                "SELECT app_id, report_day, version, received_at FROM app_day" + where
                        + " UNION ALL SELECT app_id, report_day, version, received_at FROM app_day_replaced" + where)) {
            for (int first : new int[] {1, 4}) {
                ps.setObject(first, from);
                ps.setObject(first + 1, to);
                ps.setObject(first + 2, utc(after));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(new ReceivedVersion(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getInt(3),
                            instant(rs, 4)));
                }
            }
        }
        return versions;
    }

    /** A stored day and the versions it replaced, newest first; empty when the day is not stored. */
    Optional<DayView> view(String appId, LocalDate day) throws SQLException {
        Connection c = transactions.getConnection();
        Optional<Current> current = current(appId, day);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        List<Replaced> replaced = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT version, received_at, replaced_at, installs, opens, sessions,"
                + " active_estimate, new_estimate, ai_estimate FROM app_day_replaced WHERE app_id = ? AND report_day = ?"
                + " ORDER BY version DESC")) {
            ps.setString(1, appId);
            ps.setObject(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    replaced.add(new Replaced(rs.getInt(1), instant(rs, 2), instant(rs, 3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)));
                }
            }
        }
        DayRow r = current.get().row();
        return Optional.of(new DayView(appId, day, current.get().version(), current.get().receivedAt(), r.installs(),
                r.opens(), r.sessions(), summary(r.active()), summary(r.newUsers()), summary(r.ai()),
                r.theta() == null ? null : new SketchSummary("THETA_COMPACT", null, r.thetaEstimate(), r.theta().length),
                replaced));
    }

    private static SketchSummary summary(StoredSketch s) {
        return new SketchSummary("HLL", s.lgK(), s.estimate(), s.bytes().length);
    }

    /** The figures of a row from column {@code first} on, in the order of {@link #FIGURES}. */
    private static DayRow row(ResultSet rs, int first) throws SQLException {
        int i = first;
        long installs = rs.getLong(i++);
        long opens = rs.getLong(i++);
        long[] counts = new long[10];
        for (int k = 0; k < counts.length; k++) {
            counts[k] = rs.getLong(i++);
        }
        BigDecimal value = Money.cny(rs.getBigDecimal(i++));
        DayCounts sessions = new DayCounts(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6],
                counts[7], counts[8], counts[9], value);
        List<StoredSketch> sketches = new ArrayList<>();
        for (int k = 0; k < AUDIENCES.size(); k++) {
            sketches.add(new StoredSketch(rs.getBytes(i), rs.getInt(i + 1), rs.getLong(i + 2)));
            i += 3;
        }
        byte[] theta = rs.getBytes(i++);
        long thetaEstimate = rs.getLong(i);
        return new DayRow(installs, opens, sessions, sketches.get(0), sketches.get(1), sketches.get(2), theta,
                theta == null ? null : thetaEstimate);
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
