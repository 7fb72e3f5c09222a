package aikpi.quark.audience;

import aikpi.platform.store.Rollup;
import aikpi.platform.store.Sql;
import aikpi.quark.rollup.Interval;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.datasketches.hll.HllSketch;

/**
 * Stored sketches. Writers merge the sketch of a batch's new users into each bucket's stored sketch (a union, so
 * a user already counted in the bucket is not counted again), row by row in key order under a row lock; readers
 * merge buckets and group members at query time.
 */
@Singleton
public class SketchStore {

    private static final String LOCK = """
            SELECT sketch FROM user_sketch
            WHERE app_id = ? AND audience = ? AND feature_id = ? AND grain = ? AND bucket_start = ? FOR UPDATE""";
    private static final String UPDATE = """
            UPDATE user_sketch SET sketch = ?, estimate = ?
            WHERE app_id = ? AND audience = ? AND feature_id = ? AND grain = ? AND bucket_start = ?""";
    private static final String INSERT = """
            INSERT INTO user_sketch (app_id, audience, feature_id, grain, bucket_start, sketch, estimate)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    private final TransactionOperations<Connection> transactions;

    public SketchStore(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Merges each sketch into its stored bucket, creating buckets that do not exist yet. */
    public void merge(SortedMap<SketchKey, HllSketch> additions) throws SQLException {
        Connection c = transactions.getConnection();
        write(c, additions, false);
    }

    /**
     * Replaces each bucket's stored sketch by the one given, creating buckets that do not exist yet: the buckets of
     * an app fed by daily aggregates, whose pipeline sends each day whole and may send it again.
     */
    public void put(SortedMap<SketchKey, HllSketch> sketches) throws SQLException {
        Connection c = transactions.getConnection();
        write(c, sketches, true);
    }

    private static void write(Connection c, SortedMap<SketchKey, HllSketch> sketches, boolean replace) throws SQLException {
        Rollup.mergeStored(c, LOCK, UPDATE, INSERT, SketchStore::bindKey, 5, sketches, (stored, sketch) -> {
            HllSketch written = stored == null || replace ? sketch : new UserSketches.Merge().add(stored).add(sketch).result();
            return new Object[] {UserSketches.toBytes(written), UserSketches.estimate(written)};
        });
    }

    private static void bindKey(PreparedStatement ps, int first, SketchKey k) throws SQLException {
        ps.setString(first, k.appId());
        ps.setString(first + 1, k.audience().name());
        ps.setString(first + 2, k.featureId());
        ps.setString(first + 3, k.grain().name());
        ps.setObject(first + 4, k.bucketStart());
    }

    /** The group's stored sketches, read inside the caller's read transaction. */
    public SketchSource source(AudienceGroup group) {
        Connection c = transactions.getConnection();
        return new JdbcSketchSource(c, group);
    }

    /**
     * The estimates of every sketch whose bucket starts in {@code from..to}, read in one query (inside
     * the caller's read transaction), for the many figures of one period: each group's cells are then picked from
     * memory, and only merges read sketches.
     */
    public PeriodSketches period(LocalDate from, LocalDate to) {
        Connection c = transactions.getConnection();
        Map<Audience, Map<Interval, List<Stored>>> rows = new EnumMap<>(Audience.class);
        try (PreparedStatement ps = c.prepareStatement("SELECT app_id, feature_id, bucket_start, estimate FROM user_sketch"
                + " WHERE audience = ? AND grain = ? AND bucket_start >= ? AND bucket_start <= ?")) {
            for (Audience audience : Audience.values()) {
                for (Interval grain : SketchKey.GRAINS) {
                    ps.setString(1, audience.name());
                    ps.setString(2, grain.name());
                    ps.setObject(3, from);
                    ps.setObject(4, to);
                    List<Stored> cells = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            cells.add(new Stored(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getLong(4)));
                        }
                    }
                    rows.computeIfAbsent(audience, a -> new EnumMap<>(Interval.class)).put(grain, cells);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading sketch estimates failed", e);
        }
        return new PeriodSketches(c, from, to, rows);
    }

    /** One stored sketch's member, bucket and estimate. */
    private record Stored(String appId, String featureId, LocalDate bucketStart, long estimate) {
    }

    /** The estimates of one period's sketches (see {@link #period}), by audience and grain. */
    public static final class PeriodSketches {

        private final Connection c;
        private final LocalDate from;
        private final LocalDate to;
        private final Map<Audience, Map<Interval, List<Stored>>> rows;

        private PeriodSketches(Connection c, LocalDate from, LocalDate to, Map<Audience, Map<Interval, List<Stored>>> rows) {
            this.c = c;
            this.from = from;
            this.to = to;
            this.rows = rows;
        }

        /** The group's sketches: cells inside the period from memory, anything else and every merge from storage. */
        public SketchSource source(AudienceGroup group) {
            JdbcSketchSource stored = new JdbcSketchSource(c, group);
            Set<String> apps = group.appIds() == null ? null : Set.copyOf(group.appIds());
            return new SketchSource() {
                @Override
                public List<Cell> cells(BucketRange range) {
                    if (range.from().isBefore(from) || range.to().isAfter(to)) {
                        return stored.cells(range);
                    }
                    List<Cell> cells = new ArrayList<>();
                    for (Stored s : rows.get(group.audience()).get(range.grain())) {
                        if (!s.bucketStart().isBefore(range.from()) && !s.bucketStart().isAfter(range.to())
                                && (apps == null || apps.contains(s.appId()))
                                && (group.featureId() == null || group.featureId().equals(s.featureId()))) {
                            cells.add(new Cell(s.bucketStart(), s.estimate()));
                        }
                    }
                    return cells;
                }

                @Override
                public long distinct(List<BucketRange> ranges) {
                    return stored.distinct(ranges);
                }

                @Override
                public Map<LocalDate, Long> distinctPerBucket(Interval grain, Collection<LocalDate> bucketStarts) {
                    return stored.distinctPerBucket(grain, bucketStarts);
                }
            };
        }
    }

    /** Reads only the rows of the group; every value is a bind parameter. */
    private record JdbcSketchSource(Connection c, AudienceGroup group) implements SketchSource {

        private String where() {
            StringBuilder sql = new StringBuilder(" FROM user_sketch WHERE audience = ? AND grain = ?"
                    + " AND bucket_start >= ? AND bucket_start <= ?");
            if (group.appIds() != null) {
                sql.append(" AND app_id IN (").append(Sql.placeholders(group.appIds().size())).append(")");
            }
            if (group.featureId() != null) {
                sql.append(" AND feature_id = ?");
            }
            return sql.toString();
        }

        private int bindGroup(PreparedStatement ps, int next) throws SQLException {
            if (group.appIds() != null) {
                for (String appId : group.appIds()) {
                    ps.setString(next++, appId);
                }
            }
            if (group.featureId() != null) {
                ps.setString(next++, group.featureId());
            }
            return next;
        }

        private PreparedStatement rangeQuery(String columns, BucketRange r) throws SQLException {
            PreparedStatement ps = c.prepareStatement("SELECT " + columns + where());
            ps.setString(1, group.audience().name());
            ps.setString(2, r.grain().name());
            ps.setObject(3, r.from());
            ps.setObject(4, r.to());
            bindGroup(ps, 5);
            return ps;
        }

        @Override
        public List<Cell> cells(BucketRange range) {
            if (group.appIds() != null && group.appIds().isEmpty()) {
                return List.of();
            }
            try (PreparedStatement ps = rangeQuery("bucket_start, estimate", range); ResultSet rs = ps.executeQuery()) {
                List<Cell> cells = new ArrayList<>();
                while (rs.next()) {
                    cells.add(new Cell(rs.getObject(1, LocalDate.class), rs.getLong(2)));
                }
                return cells;
            } catch (SQLException e) {
                throw new IllegalStateException("reading sketch estimates failed", e);
            }
        }

        @Override
        public long distinct(List<BucketRange> ranges) {
            if (group.appIds() != null && group.appIds().isEmpty()) {
                return 0;
            }
            UserSketches.Merge merge = new UserSketches.Merge();
            for (BucketRange r : ranges) {
                try (PreparedStatement ps = rangeQuery("sketch", r); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        merge.add(rs.getBytes(1));
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("reading sketches failed", e);
                }
            }
            return merge.estimate();
        }

        @Override
        public Map<LocalDate, Long> distinctPerBucket(Interval grain, Collection<LocalDate> bucketStarts) {
            Map<LocalDate, UserSketches.Merge> merges = new TreeMap<>();
            if (bucketStarts.isEmpty() || group.appIds() != null && group.appIds().isEmpty()) {
                return Map.of();
            }
            // One range read over the buckets' span (an index range scan), keeping only the buckets asked for.
            SortedSet<LocalDate> wanted = new TreeSet<>(bucketStarts);
            try (PreparedStatement ps = rangeQuery("bucket_start, sketch", new BucketRange(grain, wanted.first(), wanted.last()));
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LocalDate bucket = rs.getObject(1, LocalDate.class);
                    if (wanted.contains(bucket)) {
                        merges.computeIfAbsent(bucket, d -> new UserSketches.Merge()).add(rs.getBytes(2));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("reading sketches failed", e);
            }
            Map<LocalDate, Long> estimates = new TreeMap<>();
            merges.forEach((day, merge) -> estimates.put(day, merge.estimate()));
            return estimates;
        }
    }
}
