package aikpi.platform.store;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * When a write transaction that lost a race with a concurrent writer is run again, and how long it waits first. The
 * one policy of every storing service: conflicts are retried up to {@code maxAttempts} times in all, each retry after a
 * "full jitter" back-off (a random wait between zero and {@code baseDelay × 2^(retry−1)}, at most {@code maxDelay}), so
 * that writers that collided once do not collide again in lock step.
 *
 * @param maxAttempts the attempts in all, the first included (1 = never retry)
 * @param baseDelay   the ceiling of the first retry's random wait
 * @param maxDelay    the ceiling of any retry's wait
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /**
     * The SQL states of a lost race: 23505 unique violation (two first inserts of the same rollup row), 40001
     * serialization failure (H2 also reports deadlocks so), 40P01 deadlock (PostgreSQL), HYT00 lock time-out (H2).
     */
    public static final Set<String> CONFLICT_STATES = Set.of("23505", "40001", "40P01", "HYT00");

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 (was " + maxAttempts + ")");
        }
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
    }

    /**
     * Whether {@code failure}, or any of its causes, is a lost race (a {@link WriteConflictException} or an SQL state of
     * {@link #CONFLICT_STATES}) that a retry of the whole transaction resolves.
     */
    public static boolean isConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WriteConflictException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && CONFLICT_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a write that failed with {@code failure} on attempt {@code attempt} (1-based) is run again. */
    public boolean retries(int attempt, Throwable failure) {
        return attempt < maxAttempts && isConflict(failure);
    }

    /** The wait before retry number {@code retry} (1 = the second attempt), drawn with {@code random} in [0, 1). */
    public Duration delayBefore(int retry, DoubleSupplier random) {
        long ceiling = baseDelay.toNanos();
        for (int i = 1; i < retry && ceiling < maxDelay.toNanos(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxDelay.toNanos());
        return Duration.ofNanos((long) (random.getAsDouble() * ceiling));
    }
}
