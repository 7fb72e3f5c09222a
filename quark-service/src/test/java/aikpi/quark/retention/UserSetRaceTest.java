package aikpi.quark.retention;

import aikpi.quark.rollup.Interval;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.testing.ConcurrentFirstWrite;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionCallback;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apache.datasketches.theta.UpdateSketch;
import org.junit.jupiter.api.Test;

/**
 * Two batches create the same new window's set at once: the second waits for the first's row and unions into it
 * instead of failing on its primary key. Runs on H2 and, with {@code -Ppostgres}, on PostgreSQL.
 */
@MicronautTest(transactional = false)
class UserSetRaceTest {

    private DataSource dataSource;

    /** The pool itself, not the transaction-aware proxy: each writer here holds its own connection and transaction. */
    @Inject
    void setDataSource(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    private static TreeMap<UserSetKey, UpdateSketch> users(UserSetKey key, String... ids) {
        UpdateSketch set = UserSets.empty();
        for (String id : ids) {
            set.update(id);
        }
        TreeMap<UserSetKey, UpdateSketch> additions = new TreeMap<>();
        additions.put(key, set);
        return additions;
    }

    /** The store writing on one writer's own connection, as it writes on a transaction's. */
    private static UserSetStore on(Connection c) {
        return new UserSetStore(new TransactionOperations<>() {
            @Override
            public Connection getConnection() {
                return c;
            }

            @Override
            public boolean hasConnection() {
                return true;
            }

            @Override
            public Optional<? extends TransactionStatus<?>> findTransactionStatus() {
                return Optional.empty();
            }

            @Override
            public <R> R execute(TransactionDefinition definition, TransactionCallback<Connection, R> callback) {
                throw new UnsupportedOperationException("the writer's transaction is open already");
            }
        });
    }

    @Test
    void aWindowCreatedByAConcurrentBatchIsWaitedForAndUnitedWith() throws Exception {
        UserSetKey key = new UserSetKey("app:race-" + System.nanoTime(), SetKind.OPEN, Interval.WEEK, LocalDate.of(2019, 3, 4));
        ConcurrentFirstWrite.race(dataSource,
                c -> on(c).add(users(key, "u1", "u2")),
                c -> on(c).add(users(key, "u2", "u3")));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT sketch FROM user_set WHERE scope = ?")) {
            ps.setString(1, key.scope());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(UserSets.wrap(rs.getBytes(1)).getEstimate()).as("users of both batches, u2 once").isEqualTo(3.0);
                assertThat(rs.next()).isFalse();
            }
        }
    }
}
