package aikpi.billing.ledger;

/** How a line was paid: with cash, or by drawing down a voucher (which is never shown as cash). */
public enum Funding {
    CASH,
    VOUCHER
}
