package aikpi.platform.warmup;

import aikpi.platform.store.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The latest day a service holds figures for (in the reporting zone), which the start-up warm-up also asks the periods
 * of ({@link WarmUpPaths}): the views an executive opens first are those of the latest data, which need not be the
 * running quarter (a quarter just closed, a source that sends its days late, a demo of past quarters).
 */
public interface LatestDataDay {

    /** Empty when the service holds no figures yet. */
    Optional<LocalDate> latestDataDay();

    /** The one DATE a query answers ({@code SELECT MAX(day) FROM …}), read in a read-only transaction. */
    static Optional<LocalDate> read(Transactions transactions, String sql) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getObject(1, LocalDate.class)) : Optional.<LocalDate>empty();
            }
        });
    }
}
