package aikpi.quark.ingest;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Transactions on the raw JDBC connection. A write is run again, whole, when it lost a race with a
 * concurrent writer: two first inserts of the same aggregate row, a serialization failure, a deadlock or (H2) a
 * lock time-out. Everything a write derives is recomputed inside the transaction, so a retry is always correct.
 */
@Singleton
public class Transactions {

    private static final int MAX_ATTEMPTS = 5;

    private final TransactionOperations<Connection> operations;

    public Transactions(TransactionOperations<Connection> operations) {
        this.operations = operations;
    }

    /** Work done on one connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public <T> T write(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return operations.executeWrite(status -> call(work, status.getConnection()));
            } catch (RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS || !isConcurrencyConflict(e)) {
                    throw e;
                }
            }
        }
    }

    public <T> T read(Work<T> work) {
        return operations.executeRead(status -> call(work, status.getConnection()));
    }

    private static <T> T call(Work<T> work, Connection c) {
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    static boolean isConcurrencyConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // 23505 unique violation (a concurrent first insert of an aggregate row), 40001 serialization
                // failure (H2 also reports deadlocks so), 40P01 deadlock; H2 reports lock time-outs as HYT00.
                if ("23505".equals(state) || "40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }
}
