package aikpi.tongyi.usage;

import aikpi.platform.store.Sql;
import aikpi.platform.store.Transactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The raw usage events as a table: keyed by when the event happened and the SHA-256 of its id, so that inserts land
 * near each other in the index (events arrive roughly in time order, their ids do not); on PostgreSQL partitioned by
 * UTC month, each month created when its first event arrives and dropped whole when it falls out of the retention of
 * raw events. The rollups keep every figure; what the raw rows are still needed for is the dedup, so the instant
 * before which they were purged is recorded, and an event older than it is taken for a replay and not counted.
 */
@Singleton
public class RawUsageStore {

    static final String TABLE = "usage_event";
    /** The advisory lock key under which partitions are created and dropped. */
    private static final long PARTITION_LOCK = 0x75736167655f6576L;
    private static final Pattern PARTITION = Pattern.compile(TABLE + "_y(\\d{4})m(\\d{2})");

    private final Transactions transactions;
    /** Months whose partition is known to exist (PostgreSQL). */
    private final Set<YearMonth> partitions = ConcurrentHashMap.newKeySet();
    /** Held by every insert while the purge moves the horizon: no insert straddles the move. */
    private final ReadWriteLock horizonLock = new ReentrantReadWriteLock();
    private volatile Boolean partitioned;

    public RawUsageStore(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Moves the events of the table keyed by id into the table keyed by time and id hash (the migration that
     * introduced the key, and nothing else, calls it); the hash is the database's own SHA-256 of the id's UTF-8 bytes,
     * the same bytes {@link UsageEvent#key()} makes.
     */
    public static void rekey(Connection c) throws SQLException {
        boolean postgres = Sql.isPostgres(c);
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + TABLE + " RENAME TO usage_event_by_id");
            createTable(c);
            if (postgres) {
                List<YearMonth> months = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT DISTINCT CAST(date_trunc('month', occurred_at AT TIME ZONE 'UTC') "
                        + "AS DATE) FROM usage_event_by_id")) {
                    while (rs.next()) {
                        months.add(YearMonth.from(rs.getDate(1).toLocalDate()));
                    }
                }
                for (YearMonth month : months) {
                    createPartition(c, month);
                }
            }
            st.execute("INSERT INTO " + TABLE + " (occurred_at, event_key, customer_id, model_id, input_tokens, output_tokens) "
                    + "SELECT occurred_at, " + Sql.sha256OfText(c, "event_id")
                    + ", customer_id, model_id, input_tokens, output_tokens FROM usage_event_by_id");
            st.execute("DROP TABLE usage_event_by_id");
        }
    }

    private static void createTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + TABLE + " ("
                    + "occurred_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                    + "event_key BYTEA NOT NULL, "
                    + "customer_id VARCHAR(64) NOT NULL, "
                    + "model_id VARCHAR(64) NOT NULL, "
                    + "input_tokens BIGINT NOT NULL, "
                    + "output_tokens BIGINT NOT NULL, "
                    + "CONSTRAINT usage_event_time_key PRIMARY KEY (occurred_at, event_key))"
                    + (Sql.isPostgres(c) ? " PARTITION BY RANGE (occurred_at)" : ""));
            st.execute("CREATE TABLE raw_retention (raw_table VARCHAR(64) PRIMARY KEY, "
                    + "purged_before TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
    }

    /** Creates the month's partition unless it exists (PostgreSQL only). */
    static void createPartition(Connection c, YearMonth month) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + partitionName(month) + " PARTITION OF " + TABLE
                    + " FOR VALUES FROM ('" + start(month) + "') TO ('" + start(month.plusMonths(1)) + "')");
        }
    }

    static String partitionName(YearMonth month) {
        return String.format("%s_y%04dm%02d", TABLE, month.getYear(), month.getMonthValue());
    }

    static OffsetDateTime start(YearMonth month) {
        return month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    /** Whether part of the month lies at or after {@code instant}. */
    private static boolean endsAfter(YearMonth month, Instant instant) {
        return start(month.plusMonths(1)).toInstant().isAfter(instant);
    }

    /** Takes the transaction's lock under which partitions are created and dropped (PostgreSQL). */
    private static void lockPartitions(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + PARTITION_LOCK + ")");
        }
    }

    static YearMonth monthOf(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC));
    }

    /**
     * Makes sure the months of these instants have their partitions before a batch is inserted into them, each new one
     * in a transaction of its own (two replicas may create the same month at once: the second finds it there). A month
     * before the purge horizon is left alone: its events are not stored.
     */
    void prepare(Collection<Instant> times) {
        if (!isPartitioned()) {
            return;
        }
        for (YearMonth month : times.stream().map(RawUsageStore::monthOf).distinct().toList()) {
            if (partitions.contains(month)) {
                continue;
            }
            transactions.write(c -> {
                // One creator at a time across replicas: CREATE TABLE IF NOT EXISTS races with itself.
                lockPartitions(c);
                Instant horizon = purgedBefore(c);
                if (horizon == null || endsAfter(month, horizon)) {
                    // Not a month the purge has passed (checked in the same transaction as the creation, which waits
                    // for a purge dropping a partition of this table).
                    createPartition(c, month);
                }
                return null;
            });
            partitions.add(month);
        }
    }

    private boolean isPartitioned() {
        Boolean known = partitioned;
        if (known == null) {
            known = transactions.read(Sql::isPostgres);
            partitioned = known;
        }
        return known;
    }

    /** Runs an insert of raw events; the purge does not move the horizon meanwhile. */
    <T> T inserting(Transactions.Work<T> work) {
        horizonLock.readLock().lock();
        try {
            return transactions.write(work);
        } finally {
            horizonLock.readLock().unlock();
        }
    }

    /** The instant before which raw events were purged; null when none ever were. */
    static Instant purgedBefore(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT purged_before FROM raw_retention WHERE raw_table = ?")) {
            ps.setString(1, TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1, OffsetDateTime.class).toInstant() : null;
            }
        }
    }

    Instant purgedBefore() {
        return transactions.read(RawUsageStore::purgedBefore);
    }

    /**
     * Purges the raw events of every UTC month before {@code cutoff}'s month. On PostgreSQL the months' partitions are
     * dropped in the transaction that moves the horizon; on H2 the horizon moves first and the rows go in bounded
     * deletes after it (an event older than the horizon is not stored, so none can come back in between).
     *
     * @return the raw events purged (-1 on PostgreSQL, where dropping a partition does not count its rows)
     */
    long purge(Instant cutoff) {
        Instant monthStart = start(monthOf(cutoff)).toInstant();
        if (isPartitioned()) {
            return transactions.write(c -> {
                lockPartitions(c);
                List<String> old = new ArrayList<>();
                for (String name : partitionNames(c)) {
                    Matcher m = PARTITION.matcher(name);
                    if (m.matches() && !endsAfter(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))),
                            monthStart)) {
                        old.add(name);
                    }
                }
                if (old.isEmpty()) {
                    return 0L;
                }
                moveHorizon(c, monthStart);
                try (Statement st = c.createStatement()) {
                    for (String name : old) {
                        st.execute("DROP TABLE " + name);
                    }
                }
                partitions.removeIf(month -> !endsAfter(month, monthStart));
                return -1L;
            });
        }
        boolean any = transactions.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + TABLE + " WHERE occurred_at < ? FETCH FIRST 1 ROWS ONLY")) {
                ps.setObject(1, monthStart.atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!any) {
            return 0;
        }
        horizonLock.writeLock().lock();
        try {
            transactions.write(c -> {
                moveHorizon(c, monthStart);
                return null;
            });
        } finally {
            horizonLock.writeLock().unlock();
        }
        long purged = 0;
        while (true) {
            int deleted = transactions.write(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM " + TABLE + " WHERE occurred_at < ? FETCH FIRST 50000 ROWS ONLY")) {
                    ps.setObject(1, monthStart.atOffset(ZoneOffset.UTC));
                    return ps.executeUpdate();
                }
            });
            purged += deleted;
            if (deleted == 0) {
                return purged;
            }
        }
    }

    private static void moveHorizon(Connection c, Instant horizon) throws SQLException {
        Instant now = purgedBefore(c);
        if (now != null && !horizon.isAfter(now)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(now == null
                ? "INSERT INTO raw_retention (purged_before, raw_table) VALUES (?, ?)"
                : "UPDATE raw_retention SET purged_before = ? WHERE raw_table = ?")) {
            ps.setObject(1, horizon.atOffset(ZoneOffset.UTC));
            ps.setString(2, TABLE);
            ps.executeUpdate();
        }
    }

    private static List<String> partitionNames(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.relname FROM pg_inherits i JOIN pg_class c "
                + "ON c.oid = i.inhrelid WHERE i.inhparent = CAST(? AS regclass)")) {
            ps.setString(1, TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
