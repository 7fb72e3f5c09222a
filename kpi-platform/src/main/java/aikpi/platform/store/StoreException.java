package aikpi.platform.store;

import java.sql.SQLException;

/**
 * A database failure on a write or read path; surfaces as a 500 without internal detail, and is logged without the
 * driver's messages. Why: the drivers write the values of the failing statement into them (PostgreSQL's
 * {@code Batch entry 0 INSERT ... VALUES ('…')} and {@code Key (event_id)=(…)}, H2's {@code VALUES ( /* 1 *&#47; '…')}
 * and conversion errors), so a failed batch would copy clients' ids, names and amounts into the log. What is kept is
 * what an operator needs to find the failure: each exception's class, SQLState, vendor code and stack trace.
 */
public class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super("Database failure (SQLState " + cause.getSQLState() + ", vendor code " + cause.getErrorCode()
                + "); the driver's message is not logged, as it may hold the statement's values", withheld(cause, 0));
    }

    /** A copy of {@code e} and its causes without their messages: class, SQLState, vendor code and stack trace. */
    private static Throwable withheld(Throwable e, int depth) {
        String what = e.getClass().getName() + (e instanceof SQLException sql
                ? " (SQLState " + sql.getSQLState() + ", vendor code " + sql.getErrorCode() + ")" : "");
        SQLException copy = e instanceof SQLException sql ? new SQLException(what, sql.getSQLState(), sql.getErrorCode())
                : new SQLException(what);
        copy.setStackTrace(e.getStackTrace());
        Throwable next = e.getCause() != null ? e.getCause()
                : e instanceof SQLException sql ? sql.getNextException() : null;
        if (next != null && next != e && depth < 8) {
            copy.initCause(withheld(next, depth + 1));
        }
        return copy;
    }
}
