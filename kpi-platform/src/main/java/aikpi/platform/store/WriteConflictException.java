package aikpi.platform.store;

/**
 * A lost race that a store noticed itself rather than the database (a row stored by a concurrent writer since the
 * transaction looked, a guarded update that found the row changed): the transaction is rolled back and, under the
 * {@link RetryPolicy}, run again whole.
 */
public class WriteConflictException extends RuntimeException {

    public WriteConflictException(String message) {
        super(message, null, false, false);
    }
}
