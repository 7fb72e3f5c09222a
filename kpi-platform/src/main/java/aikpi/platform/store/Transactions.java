package aikpi.platform.store;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * Transactions on the raw JDBC connection, for the stores whose hot paths are plain JDBC. A write that lost a race
 * with a concurrent writer (see {@link RetryPolicy#CONFLICT_STATES}) is run again, whole, under the service's one
 * {@link RetryPolicy}; every store recomputes what a write derives inside the transaction, so a retry is always
 * correct. Reads are never retried. An {@link SQLException} of the work surfaces as a {@link StoreException}.
 */
@Singleton
@Requires(classes = TransactionOperations.class)
@Requires(property = "datasources.default.url")
public class Transactions {

    /** Work done on one connection inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** How a retry waits; tests replace it. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final TransactionOperations<Connection> operations;
    private final RetryPolicy policy;
    private final DoubleSupplier random;
    private final Sleeper sleeper;
    private final FiguresReadiness readiness;

    @Inject
    public Transactions(TransactionOperations<Connection> operations, FiguresReadiness readiness,
                        @Value("${kpi.transactions.max-attempts:5}") int maxAttempts,
                        @Value("${kpi.transactions.retry-base-delay:5ms}") Duration baseDelay,
                        @Value("${kpi.transactions.retry-max-delay:200ms}") Duration maxDelay) {
        this(operations, new RetryPolicy(maxAttempts, baseDelay, maxDelay), () -> ThreadLocalRandom.current().nextDouble(),
                d -> TimeUnit.NANOSECONDS.sleep(d.toNanos()), readiness);
    }

    Transactions(TransactionOperations<Connection> operations, RetryPolicy policy, DoubleSupplier random, Sleeper sleeper,
                 FiguresReadiness readiness) {
        this.readiness = readiness;
        this.operations = operations;
        this.policy = policy;
        this.random = random;
        this.sleeper = sleeper;
    }

    /**
     * Runs {@code work} in a write transaction, again (whole) after a lost race, as the retry policy allows. Inside a
     * transaction that is already open (a {@code @Transactional} caller) it joins that transaction and never retries:
     * only the outermost transaction can be run again whole. Refused ({@link FiguresNotReadyException}) while the derived
     * figures are being recut, except for the recut's own writes.
     */
    public <T> T write(Work<T> work) {
        readiness.requireWritable();
        for (int attempt = 1; ; attempt++) {
            boolean[] outermost = {false};
            try {
                return operations.executeWrite(status -> {
                    outermost[0] = status.isNewTransaction();
                    return call(work, status.getConnection());
                });
            } catch (RuntimeException e) {
                if (!outermost[0] || !policy.retries(attempt, e)) {
                    throw e;
                }
                pause(policy.delayBefore(attempt, random), e);
            }
        }
    }

    /** Runs {@code work} in a read-only transaction. */
    public <T> T read(Work<T> work) {
        return operations.executeRead(status -> call(work, status.getConnection()));
    }

    private void pause(Duration delay, RuntimeException failure) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(interrupted);
            throw failure;
        }
    }

    private static <T> T call(Work<T> work, Connection c) {
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
