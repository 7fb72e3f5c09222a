package aikpi.gateway.notify;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a notice waits for delivery: written on the caller's connection, in the transaction of the state change that
 * caused it, one row per subscription whose scopes and types match; a dispatcher delivers the rows afterwards.
 * A notice already in the outbox (same id) is not written again.
 */
public interface Outbox {

    /** Queues {@code notice} for every matching subscription, in the transaction open on {@code c}. */
    void enqueue(Connection c, Notice notice) throws SQLException;
}
