package aikpi.billing.ledger;

import aikpi.platform.store.DerivedFigures;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Two figures kept beside the ledger lines and advanced in the same transaction: the daily rollup that summaries and
 * the attribution read ({@link LedgerDailyStore}), and what each voucher has drawn ({@link LedgerStore}). They are
 * keyed by business dates, not instants, so the reporting zone does not change them; after an unclean stop both are
 * recut from the lines, together.
 */
@Factory
class LedgerFigures {

    /** Both recut in ranges of rows, a transaction each (see {@link LedgerDailyStore#recut}). */
    @Singleton
    DerivedFigures ledgerFigures(LedgerDailyStore daily, LedgerStore ledger) {
        return DerivedFigures.keyedByBusinessDates("the ledger's daily rollup and the vouchers' drawn amounts", () -> {
            long lines = daily.recut();
            long vouchers = ledger.recountDrawn();
            return "(from " + lines + " lines; " + vouchers + " vouchers)";
        });
    }
}
