package aikpi.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TransactionsTest {

    private static final RetryPolicy POLICY = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(25));

    private final List<Duration> waits = new ArrayList<>();
    private boolean newTransaction = true;

    /** Runs each callback in a "transaction" whose status says whether it is the outermost one. */
    @SuppressWarnings("unchecked")
    private Transactions transactions() {
        TransactionOperations<Connection> operations = mock(TransactionOperations.class);
        TransactionStatus<Connection> status = mock(TransactionStatus.class);
        when(status.getConnection()).thenAnswer(i -> mock(Connection.class));
        when(status.isNewTransaction()).thenAnswer(i -> newTransaction);
        when(operations.execute(any(TransactionDefinition.class), any())).thenAnswer(i ->
                ((Function<TransactionStatus<Connection>, Object>) i.getArgument(1)).apply(status));
        when(operations.executeWrite(any())).thenAnswer(i ->
                ((Function<TransactionStatus<Connection>, Object>) i.getArgument(0)).apply(status));
        return new Transactions(operations, POLICY, () -> 0.99, waits::add, new FiguresReadiness());
    }

    @Test
    void aLostRaceIsRunAgainWholeAfterAJitteredBackOff() {
        int[] calls = {0};
        String result = transactions().write(c -> {
            if (++calls[0] < 3) {
                throw new SQLException("duplicate key", "23505");
            }
            return "stored";
        });
        assertThat(result).isEqualTo("stored");
        assertThat(calls[0]).isEqualTo(3);
        // Full jitter below a ceiling that doubles from 10 ms: 0.99 × 10 ms, then 0.99 × 20 ms.
        assertThat(waits).containsExactly(Duration.ofNanos(9_900_000), Duration.ofNanos(19_800_000));
    }

    @Test
    void itGivesUpAfterTheLastAttemptWithTheConflict() {
        int[] calls = {0};
        assertThatThrownBy(() -> transactions().write(c -> {
            calls[0]++;
            throw new SQLException("deadlock", "40P01");
        })).isInstanceOf(StoreException.class).hasMessageContaining("SQLState 40P01");
        assertThat(calls[0]).isEqualTo(4);
        // No wait exceeds the ceiling of 25 ms.
        assertThat(waits).hasSize(3).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(25)));
    }

    @Test
    void otherFailuresAreNeverRetried() {
        int[] calls = {0};
        assertThatThrownBy(() -> transactions().write(c -> {
            calls[0]++;
            throw new SQLException("value too long", "22001");
        })).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> transactions().write(c -> {
            calls[0]++;
            throw new IllegalArgumentException("a rule of the domain");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls[0]).isEqualTo(2);
        assertThat(waits).isEmpty();
    }

    @Test
    void aConflictTheStoreNoticesItselfIsRetriedToo() {
        int[] calls = {0};
        Integer attempts = transactions().write(c -> {
            if (++calls[0] == 1) {
                throw new WriteConflictException("a line was stored concurrently");
            }
            return calls[0];
        });
        assertThat(attempts).isEqualTo(2);
    }

    @Test
    void insideAnOpenTransactionAConflictIsLeftToTheOutermostOne() {
        newTransaction = false;
        int[] calls = {0};
        assertThatThrownBy(() -> transactions().write(c -> {
            calls[0]++;
            throw new SQLException("duplicate key", "23505");
        })).isInstanceOf(StoreException.class);
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void conflictStatesAreFoundAnywhereInTheCauses() {
        RuntimeException wrapped = new RuntimeException(new IllegalStateException(new SQLException("lock", "HYT00")));
        assertThat(RetryPolicy.isConflict(wrapped)).isTrue();
        assertThat(RetryPolicy.isConflict(new RuntimeException(new SQLException("x", "40001")))).isTrue();
        assertThat(RetryPolicy.isConflict(new RuntimeException(new SQLException("x")))).isFalse();
        assertThat(RetryPolicy.isConflict(new RuntimeException("no SQL"))).isFalse();
    }

    @Test
    void theBackOffCeilingDoublesUpToTheMaximum() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(5), Duration.ofMillis(200));
        assertThat(policy.delayBefore(1, () -> 1.0)).isEqualTo(Duration.ofMillis(5));
        assertThat(policy.delayBefore(3, () -> 1.0)).isEqualTo(Duration.ofMillis(20));
        assertThat(policy.delayBefore(9, () -> 1.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayBefore(9, () -> 0.0)).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A failed statement's values stayed in the driver's message, and so in the log of the 500. */
    @Test
    void aStoreFailureCarriesNoneOfTheStatementsValues() {
        SQLException batch = new java.sql.BatchUpdateException("Batch entry 0 INSERT INTO usage_event (event_id) VALUES "
                + "(('secret-item-\u0000')) was aborted", "22021", 0, new int[0]);
        batch.setNextException(new SQLException("ERROR: invalid byte sequence; Key (event_id)=(secret-item) exists",
                "22021"));
        StoreException e = new StoreException(batch);
        java.io.StringWriter logged = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(logged));

        assertThat(logged.toString()).doesNotContain("secret-item").contains("SQLState 22021")
                .contains("java.sql.BatchUpdateException").contains("TransactionsTest");
        assertThat(e.getCause()).isInstanceOf(SQLException.class);
        assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("22021");
    }
}
