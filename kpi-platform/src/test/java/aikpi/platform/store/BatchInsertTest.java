package aikpi.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchInsertTest {

    private static final String INSERT = "INSERT INTO event (event_id, amount) VALUES (?, ?) ON CONFLICT DO NOTHING";
    private static final RowBinder<Event> BIND = (ps, e) -> {
        ps.setString(1, e.id());
        ps.setLong(2, e.amount());
    };

    record Event(String id, long amount) {
    }

    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE event (event_id VARCHAR(64) PRIMARY KEY, amount BIGINT NOT NULL)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void itAnswersTheRowsThatWereNewInTheirOrderAndStoresEachOnce() throws SQLException {
        assertThat(BatchInsert.newRows(c, INSERT, BIND, List.of(new Event("b", 2), new Event("d", 4))))
                .extracting(Event::id).containsExactly("b", "d");

        List<Event> again = List.of(new Event("a", 1), new Event("b", 20), new Event("c", 3), new Event("d", 40),
                new Event("a", 100));
        assertThat(BatchInsert.newRows(c, INSERT, BIND, again))
                .as("stored ones and a repeat within the batch are not new")
                .containsExactly(new Event("a", 1), new Event("c", 3));
        assertThat(amounts()).containsExactly("a=1", "b=2", "c=3", "d=4");
    }

    @Test
    void moreRowsThanOneJdbcBatchAreAllCounted() throws SQLException {
        List<Event> first = new ArrayList<>();
        for (int i = 0; i < BatchInsert.BATCH + 10; i += 2) {
            first.add(new Event(String.format("e%05d", i), i));
        }
        BatchInsert.newRows(c, INSERT, BIND, first);
        List<Event> all = new ArrayList<>();
        for (int i = 0; i < 2 * BatchInsert.BATCH + 7; i++) {
            all.add(new Event(String.format("e%05d", i), i));
        }

        List<Event> fresh = BatchInsert.newRows(c, INSERT, BIND, all);

        assertThat(fresh).hasSize(all.size() - first.size());
        assertThat(fresh).allMatch(e -> e.amount() % 2 == 1 || e.amount() >= BatchInsert.BATCH + 10);
        assertThat(amounts()).hasSize(all.size());
    }

    @Test
    void noRowsRunNoStatement() throws SQLException {
        c.close();
        assertThat(BatchInsert.newRows(c, INSERT, BIND, List.of())).isEmpty();
    }

    private List<String> amounts() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT event_id, amount FROM event ORDER BY event_id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "=" + rs.getLong(2));
            }
        }
        return rows;
    }
}
