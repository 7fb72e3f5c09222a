package aikpi.platform.store;

import java.sql.SQLException;

/** A database failure on a write or read path; surfaces as a 500 without internal detail. */
public class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super(cause);
    }
}
