package aikpi.billing.ledger;

import aikpi.platform.store.DerivedFigures;
import aikpi.platform.store.KeyRanges;
import aikpi.platform.store.Transactions;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;

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
    private static final int VOUCHER_RANGE = 1_000;

    /** Both recut in ranges of rows, a transaction each (see {@link LedgerDaily#recut}). */
    @Singleton
    DerivedFigures ledgerFigures(Transactions transactions) {
        return DerivedFigures.keyedByBusinessDates("the ledger's daily rollup and the vouchers' drawn amounts", () -> {
            long lines = LedgerDaily.recut(transactions);
            long vouchers = KeyRanges.forEach(transactions, "voucher", "voucher_id", VOUCHER_RANGE, (c, range) -> {
                try (PreparedStatement ps = c.prepareStatement(RECOUNT_DRAWN + " WHERE " + range.condition())) {
                    range.bind(ps, 1);
                    return ps.executeUpdate();
                }
            });
            return "(from " + lines + " lines; " + vouchers + " vouchers)";
        });
    }
}
