package aikpi.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.value.VersionedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a kill -9 of the embedded database can leave, made on purpose: the entries of a transaction whose undo record
 * never reached the file. Before the roll-back, a line sent again can never be stored (every try ends in H2's lock
 * time-out, as billing's re-sends after its third restart did); after it, the line is stored once.
 */
class H2LeftoversTest {

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("billing") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=300";
    }

    @Test
    void aLineLeftUncommittedByALostTransactionCanBeStoredAgainOnceItIsRolledBack() throws SQLException {
        leaveALostTransaction();

        try (Connection c = DriverManager.getConnection(url(), "sa", "")) {
            assertThat(ids(c)).as("the lost line is not visible").containsExactly("ln-kept");
            assertThatThrownBy(() -> insert(c, "ln-lost"))
                    .as("its leftover blocks it for ever").isInstanceOf(SQLException.class)
                    .hasMessageContaining("Timeout trying to lock table");

            assertThat(H2Leftovers.rollBack(c)).as("the line's row and its primary key entry").isEqualTo(2);

            insert(c, "ln-lost");
            assertThat(ids(c)).containsExactly("ln-kept", "ln-lost");
            assertThat(H2Leftovers.rollBack(c)).isZero();
        }
        try (Connection c = DriverManager.getConnection(url(), "sa", "")) {
            assertThat(ids(c)).as("after a normal restart").containsExactly("ln-kept", "ln-lost");
            assertThat(count(c)).isEqualTo(2);
        }
    }

    @Test
    void theEntriesOfATransactionOfThisProcessThatIsWritingAreLeftAlone() throws SQLException {
        try (Connection setup = DriverManager.getConnection(url(), "sa", "");
             Connection writing = DriverManager.getConnection(url(), "sa", "")) {
            try (Statement st = setup.createStatement()) {
                st.execute("CREATE TABLE ledger_line (line_id VARCHAR(128) PRIMARY KEY, amount_cny NUMERIC(19, 2) NOT NULL)");
            }
            writing.setAutoCommit(false);
            insert(writing, "ln-live");

            assertThat(H2Leftovers.rollBack(setup)).isZero();

            writing.commit();
            assertThat(ids(setup)).containsExactly("ln-live");
        }
    }

    /**
     * Stores a line, then puts back, behind H2's back, the entries an uncommitted insert of another line made after it
     * was rolled back: entries of a transaction that no longer exists, as a crash leaves them when the store wrote the
     * table's maps but not the undo log. Other transactions are kept open meanwhile, so that the lost one's id is not
     * the one a new transaction takes first.
     */
    private void leaveALostTransaction() throws SQLException {
        try (Connection setup = DriverManager.getConnection(url(), "sa", "")) {
            try (Statement st = setup.createStatement()) {
                st.execute("CREATE TABLE ledger_line (line_id VARCHAR(128) PRIMARY KEY, amount_cny NUMERIC(19, 2) NOT NULL)");
                st.execute("CREATE TABLE other (id INT PRIMARY KEY)");
            }
            insert(setup, "ln-kept");
            List<Connection> busy = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Connection b = DriverManager.getConnection(url(), "sa", "");
                b.setAutoCommit(false);
                try (Statement st = b.createStatement()) {
                    st.execute("INSERT INTO other VALUES (" + i + ")");
                }
                busy.add(b);
            }
            try (Connection lost = DriverManager.getConnection(url(), "sa", "")) {
                lost.setAutoCommit(false);
                insert(lost, "ln-lost");
                List<Object[]> entries = uncommitted(lost);
                assertThat(entries).hasSize(2);
                lost.rollback();
                for (Object[] e : entries) {
                    @SuppressWarnings("unchecked")
                    MVMap<Object, Object> map = (MVMap<Object, Object>) e[0];
                    map.put(e[1], e[2]);
                }
            }
            for (Connection b : busy) {
                b.rollback();
                b.close();
            }
        }
    }

    /** The entries (map, key, value) that the connection's open transaction has made so far. */
    private static List<Object[]> uncommitted(Connection c) throws SQLException {
        SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
        int transaction = session.getTransaction().getId();
        MVStore store = session.getDatabase().getStore().getMvStore();
        Map<String, String> meta = store.getMetaMap();
        List<Object[]> found = new ArrayList<>();
        for (String name : store.getMapNames()) {
            if (!name.startsWith("table.") && !name.startsWith("index.")) {
                continue;
            }
            MVMap<Object, Object> map = store.getMap(DataUtils.parseHexInt(meta.get(DataUtils.META_NAME + name)));
            for (Cursor<Object, Object> cursor = map.cursor(null); cursor.hasNext(); ) {
                Object key = cursor.next();
                // An operation id carries its transaction's id above its 40 bits of undo log index.
                if (cursor.getValue() instanceof VersionedValue<?> v && v.getOperationId() >>> 40 == transaction) {
                    found.add(new Object[] {map, key, cursor.getValue()});
                }
            }
        }
        return found;
    }

    private static void insert(Connection c, String id) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO ledger_line VALUES ('" + id + "', 10.00) ON CONFLICT DO NOTHING");
        }
    }

    private static List<String> ids(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT line_id FROM ledger_line WHERE amount_cny > 0 ORDER BY line_id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM ledger_line")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
