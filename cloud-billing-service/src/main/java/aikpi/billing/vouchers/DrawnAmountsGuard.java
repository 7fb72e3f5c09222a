package aikpi.billing.vouchers;

import aikpi.vocabulary.store.UncleanStop;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a voucher has drawn is kept on the voucher, advanced in the same transaction as the ledger lines that draw on
 * it. If the previous run crashed on the embedded database ({@link UncleanStop}), H2 may have kept the lines without
 * the drawdown or the other way round, so on start-up, before the service answers, every voucher's drawn amount is
 * recounted from its lines.
 */
@Singleton
public class DrawnAmountsGuard implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DrawnAmountsGuard.class);
    private static final String RECOUNT = """
            UPDATE voucher SET drawn_cny = COALESCE(
                (SELECT SUM(l.amount_cny) FROM ledger_line l WHERE l.voucher_id = voucher.voucher_id), 0)""";

    private final TransactionOperations<Connection> transactions;
    private final UncleanStop uncleanStop;

    public DrawnAmountsGuard(TransactionOperations<Connection> transactions, UncleanStop uncleanStop) {
        this.transactions = transactions;
        this.uncleanStop = uncleanStop;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (uncleanStop.previousRunCrashed()) {
            int vouchers = recount();
            LOG.info("After an unclean stop: drawn amounts of {} vouchers recounted from the ledger", vouchers);
        }
    }

    /** @return the number of vouchers recounted */
    int recount() {
        return transactions.executeWrite(status -> {
            try (Statement st = status.getConnection().createStatement()) {
                return st.executeUpdate(RECOUNT);
            } catch (SQLException e) {
                throw new IllegalStateException("recounting drawn amounts failed", e);
            }
        });
    }
}
