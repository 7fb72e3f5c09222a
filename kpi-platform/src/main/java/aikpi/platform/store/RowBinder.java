package aikpi.platform.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Binds one row to a statement's parameters, for the statements {@link BatchInsert} and {@link Rollup} run per row. */
@FunctionalInterface
public interface RowBinder<R> {
    void bind(PreparedStatement ps, R row) throws SQLException;
}
