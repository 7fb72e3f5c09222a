package aikpi.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compaction on an embedded database opened as the services open theirs ({@code WRITE_DELAY=0}): a random-key
 * ingest in many small commits leaves a file several times its live data, which H2 itself never gives back while the
 * database is open; a few runs of the compaction bring it near the live data, and every committed row is still there
 * after the database is opened again.
 */
class EmbeddedH2CompactionTest {

    private static final int ROWS = 20_000;
    private static final int MB = 1 << 20;

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("ingest") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0";
    }

    private Path file() {
        return dir.resolve("ingest.mv.db");
    }

    @Test
    void runsBringTheFileOfARandomKeyIngestBackNearItsLiveDataAndKeepEveryCommittedRow() throws Exception {
        long grown;
        try (Connection c = DriverManager.getConnection(url(), "sa", "")) {
            MVStore store = EmbeddedH2Compaction.embeddedStore(c).orElseThrow();
            // Dead chunks are reused or dropped only after the retention time (45 s by default): shortened, so that
            // the test need not wait for it.
            store.setRetentionTime(100);
            ingest(c);
            grown = Files.size(file());
            for (int run = 0; run < 3; run++) {
                Thread.sleep(150);
                EmbeddedH2Compaction.run(store, 80, MB, 64L * MB);
            }
            long compacted = Files.size(file());
            long live = liveSize(c);
            assertThat(grown).as("the ingest leaves garbage").isGreaterThan(4 * live);
            assertThat(compacted).as("after the runs (grown to %,d bytes, live %,d)", grown, live)
                    .isLessThan(2 * live);
            assertThat(count(c)).isEqualTo(ROWS);
        }
        try (Connection c = DriverManager.getConnection(url(), "sa", "")) {
            assertThat(count(c)).as("every committed row, after reopening").isEqualTo(ROWS);
        }
    }

    @Test
    void findsNoStoreBehindAnInMemoryDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:compaction", "sa", "")) {
            assertThat(EmbeddedH2Compaction.embeddedStore(c)).isEmpty();
        }
    }

    /** Rows with random keys, 100 to a commit, as a service stores a batch of events with UUIDs. */
    private static void ingest(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE usage_event (event_id VARCHAR(64) PRIMARY KEY, customer_id VARCHAR(64) NOT NULL,"
                    + " input_tokens BIGINT NOT NULL)");
        }
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO usage_event VALUES (?, ?, ?)")) {
            for (int i = 0; i < ROWS; i++) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, "customer-" + i % 50);
                insert.setLong(3, i);
                insert.addBatch();
                if (i % 100 == 99) {
                    insert.executeBatch();
                    c.commit();
                }
            }
        }
        c.setAutoCommit(true);
    }

    /** The size of the same rows in a database of their own, written once: the live data. */
    private long liveSize(Connection c) throws Exception {
        Path script = dir.resolve("live.sql");
        try (Statement st = c.createStatement()) {
            st.execute("SCRIPT TO '" + script + "'");
        }
        String live = "jdbc:h2:file:" + dir.resolve("live") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection l = DriverManager.getConnection(live, "sa", ""); Statement st = l.createStatement()) {
            st.execute("RUNSCRIPT FROM '" + script + "'");
            st.execute("SHUTDOWN COMPACT");
        }
        return Files.size(dir.resolve("live.mv.db"));
    }

    private static long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM usage_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
