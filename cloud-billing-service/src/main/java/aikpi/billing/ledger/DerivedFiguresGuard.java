package aikpi.billing.ledger;

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
 * Two figures are kept beside the ledger lines and advanced in the same transaction: the daily rollup that summaries
 * and the attribution read ({@link LedgerDaily}), and what each voucher has drawn. If the previous run crashed on
 * the embedded database ({@link UncleanStop}), H2 may have kept the lines without them or the other way round, so on
 * start-up, before the service answers, both are recut from the lines.
 */
@Singleton
public class DerivedFiguresGuard implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DerivedFiguresGuard.class);
    private static final String RECOUNT_DRAWN = """
            UPDATE voucher SET drawn_cny = COALESCE(
                (SELECT SUM(l.amount_cny) FROM ledger_line l WHERE l.voucher_id = voucher.voucher_id), 0)""";

    private final TransactionOperations<Connection> transactions;
    private final UncleanStop uncleanStop;

    public DerivedFiguresGuard(TransactionOperations<Connection> transactions, UncleanStop uncleanStop) {
        this.transactions = transactions;
        this.uncleanStop = uncleanStop;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (uncleanStop.previousRunCrashed()) {
            int[] recut = transactions.executeWrite(status -> {
                Connection c = status.getConnection();
                try (Statement st = c.createStatement()) {
                    return new int[] {LedgerDaily.recut(c), st.executeUpdate(RECOUNT_DRAWN)};
                } catch (SQLException e) {
                    throw new IllegalStateException("recutting the ledger's derived figures failed", e);
                }
            });
            LOG.info("After an unclean stop: the ledger's daily rollup recut ({} rows), the drawn amounts of {} vouchers"
                    + " recounted", recut[0], recut[1]);
        }
    }
}
