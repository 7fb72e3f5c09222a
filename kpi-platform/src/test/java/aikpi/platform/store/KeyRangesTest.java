package aikpi.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A walk over a table in key ranges works every row once, in ranges of at most the size asked for. */
class KeyRangesTest {

    private Connection c;
    private int transactions;

    @BeforeEach
    void table() throws SQLException {
        c = DriverManager.getConnection("jdbc:h2:mem:ranges;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE line (line_id VARCHAR(20) PRIMARY KEY)");
            // Ids as producers send them: not in insertion order, of different lengths.
            st.execute("INSERT INTO line SELECT 'l-' || (\"X\" * 7919 % 1000) FROM SYSTEM_RANGE(1, 1000)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @SuppressWarnings("unchecked")
    private Transactions transactions() {
        TransactionOperations<Connection> operations = mock(TransactionOperations.class);
        TransactionStatus<Connection> status = mock(TransactionStatus.class);
        when(status.getConnection()).thenReturn(c);
        when(status.isNewTransaction()).thenReturn(true);
        when(operations.executeRead(any())).thenAnswer(i ->
                ((Function<TransactionStatus<Connection>, Object>) i.getArgument(0)).apply(status));
        when(operations.execute(any(TransactionDefinition.class), any())).thenAnswer(i ->
                ((Function<TransactionStatus<Connection>, Object>) i.getArgument(1)).apply(status));
        when(operations.executeWrite(any())).thenAnswer(i -> {
            transactions++;
            return ((Function<TransactionStatus<Connection>, Object>) i.getArgument(0)).apply(status);
        });
        return new Transactions(operations, new RetryPolicy(1, Duration.ZERO, Duration.ZERO), () -> 0, d -> { },
                new FiguresReadiness());
    }

    @Test
    void everyRowIsWorkedOnceInRangesOfAtMostTheSizeEachItsOwnTransaction() {
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        long worked = KeyRanges.forEach(transactions(), "line", "line_id", 300, (conn, range) -> {
            int before = seen.size();
            try (PreparedStatement ps = conn.prepareStatement("SELECT line_id FROM line WHERE " + range.condition())) {
                range.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seen.add(rs.getString(1));
                    }
                }
            }
            sizes.add(seen.size() - before);
            return seen.size() - before;
        });
        assertThat(worked).isEqualTo(1000);
        assertThat(seen).hasSize(1000).doesNotHaveDuplicates();
        assertThat(sizes).containsExactly(300, 300, 300, 100);
        assertThat(transactions).isEqualTo(4);
    }

    @Test
    void anEmptyTableIsOneOpenRange() {
        List<String> conditions = new ArrayList<>();
        long worked = KeyRanges.forEach(transactions(), "(SELECT * FROM line WHERE FALSE) t", "line_id", 300,
                (conn, range) -> {
                    conditions.add(range.condition());
                    return 0;
                });
        assertThat(worked).isZero();
        assertThat(conditions).containsExactly("TRUE");
    }

    @Test
    void theRangeConditionNamesTheBoundsItHas() {
        assertThat(new KeyRanges.Range("id", null, "b").condition()).isEqualTo("id <= ?");
        assertThat(new KeyRanges.Range("id", "a", "b").condition()).isEqualTo("id > ? AND id <= ?");
        assertThat(new KeyRanges.Range("id", "a", null).condition()).isEqualTo("id > ?");
    }
}
