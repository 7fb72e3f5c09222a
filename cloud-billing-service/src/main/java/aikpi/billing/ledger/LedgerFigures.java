package aikpi.billing.ledger;

import aikpi.platform.store.DerivedFigures;
import aikpi.platform.store.Transactions;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.sql.Statement;

/**
 * Two figures kept beside the ledger lines and advanced in the same transaction: the daily rollup that summaries and
 * the attribution read ({@link LedgerDaily}), and what each voucher has drawn. They are keyed by business dates, not
 * instants, so the reporting zone does not change them; after an unclean stop both are recut from the lines, together.
 */
@Factory
class LedgerFigures {

    private static final String RECOUNT_DRAWN = """
            UPDATE voucher SET drawn_cny = COALESCE(
                (SELECT SUM(l.amount_cny) FROM ledger_line l WHERE l.voucher_id = voucher.voucher_id), 0)""";

    @Singleton
    DerivedFigures ledgerFigures(Transactions transactions) {
        return DerivedFigures.keyedByBusinessDates("the ledger's daily rollup and the vouchers' drawn amounts",
                () -> transactions.write(c -> {
                    try (Statement st = c.createStatement()) {
                        int days = LedgerDaily.recut(c);
                        int vouchers = st.executeUpdate(RECOUNT_DRAWN);
                        return "(" + days + " rollup rows, " + vouchers + " vouchers)";
                    }
                }));
    }
}
