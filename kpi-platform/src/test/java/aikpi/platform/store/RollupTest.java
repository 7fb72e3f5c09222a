package aikpi.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RollupTest {

    private static final String ADD = "UPDATE daily SET events = events + ? WHERE day_key = ?";
    private static final String CREATE = "INSERT INTO daily (day_key, events) VALUES (?, ?) ON CONFLICT DO NOTHING";
    private static final RowBinder<Map.Entry<String, Long>> BIND_ADD = (ps, e) -> {
        ps.setLong(1, e.getValue());
        ps.setString(2, e.getKey());
    };
    private static final RowBinder<Map.Entry<String, Long>> BIND_CREATE = (ps, e) -> {
        ps.setString(1, e.getKey());
        ps.setLong(2, e.getValue());
    };

    private static final String LOCK = "SELECT tags FROM tag_set WHERE set_key = ? FOR UPDATE";
    private static final String UPDATE = "UPDATE tag_set SET tags = ? WHERE set_key = ?";
    private static final String INSERT = "INSERT INTO tag_set (set_key, tags) VALUES (?, ?) ON CONFLICT DO NOTHING";
    /** Joins the stored tags and the added one; an addition already stored writes nothing. */
    private static final Rollup.Merge<String> UNION = (stored, tag) -> {
        if (stored == null) {
            return new Object[] {bytes(tag)};
        }
        String before = new String(stored, StandardCharsets.UTF_8);
        return List.of(before.split(",")).contains(tag) ? null : new Object[] {bytes(before + "," + tag)};
    };

    private String url;
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        url = "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;LOCK_TIMEOUT=10000";
        c = DriverManager.getConnection(url);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE daily (day_key VARCHAR(16) PRIMARY KEY, events BIGINT NOT NULL)");
            st.execute("CREATE TABLE tag_set (set_key VARCHAR(16) PRIMARY KEY, tags VARBINARY(1000) NOT NULL)");
            st.execute("INSERT INTO daily VALUES ('d02', 5)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void sumsAreAddedToStoredKeysAndCreateTheMissingOnes() throws SQLException {
        Rollup.addSums(c, ADD, BIND_ADD, CREATE, BIND_CREATE, new ArrayList<>(new TreeMap<>(Map.of("d01", 1L, "d02", 2L, "d03", 3L)).entrySet()));
        Rollup.addSums(c, ADD, BIND_ADD, CREATE, BIND_CREATE, List.of(Map.entry("d03", 30L)));

        assertThat(rows("SELECT day_key, events FROM daily ORDER BY day_key")).containsExactly("d01=1", "d02=7", "d03=33");
    }

    @Test
    void sumsOverMoreKeysThanOneJdbcBatchAreAllAdded() throws SQLException {
        TreeMap<String, Long> days = new TreeMap<>();
        for (int i = 0; i < 2 * BatchInsert.BATCH + 3; i++) {
            days.put(String.format("d%05d", i), 1L);
        }
        Rollup.addSums(c, ADD, BIND_ADD, CREATE, BIND_CREATE, new ArrayList<>(days.entrySet()));
        Rollup.addSums(c, ADD, BIND_ADD, CREATE, BIND_CREATE, new ArrayList<>(days.entrySet()));

        assertThat(rows("SELECT COUNT(*), SUM(events) FROM daily WHERE day_key <> 'd02'"))
                .containsExactly(days.size() + "=" + 2 * days.size());
    }

    @Test
    void aKeyAConcurrentWriterCreatesFirstIsWaitedForAndAddedTo() throws Exception {
        try (Connection other = DriverManager.getConnection(url)) {
            other.setAutoCommit(false);
            Rollup.addSums(other, ADD, BIND_ADD, CREATE, BIND_CREATE, List.of(Map.entry("d09", 4L)));

            CompletableFuture<Void> adding = CompletableFuture.runAsync(() -> {
                try {
                    Rollup.addSums(c, ADD, BIND_ADD, CREATE, BIND_CREATE, List.of(Map.entry("d09", 6L)));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(200);
            assertThat(adding).as("waits for the other writer's insert").isNotDone();
            other.commit();
            adding.get(10, TimeUnit.SECONDS);
        }

        assertThat(rows("SELECT day_key, events FROM daily WHERE day_key = 'd09'")).containsExactly("d09=10");
    }

    @Test
    void storedValuesAreMergedAndAMissingKeyIsCreated() throws SQLException {
        Rollup.mergeStored(c, LOCK, UPDATE, INSERT, (ps, first, k) -> ps.setString(first, k), 1,
                new TreeMap<>(Map.of("s1", "a", "s2", "b")), UNION);
        Rollup.mergeStored(c, LOCK, UPDATE, INSERT, (ps, first, k) -> ps.setString(first, k), 1,
                new TreeMap<>(Map.of("s1", "c", "s2", "b")), UNION);

        assertThat(rows("SELECT set_key, tags FROM tag_set ORDER BY set_key"))
                .containsExactly("s1=a,c", "s2=b");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Object value = rs.getObject(2);
                rows.add(rs.getString(1) + "=" + (value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : value));
            }
        }
        return rows;
    }
}
