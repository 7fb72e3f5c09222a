package aikpi.billing.ledger;

import aikpi.vocabulary.Groupings;

/** How a ledger summary is broken down; each has its query in {@link LedgerDailyRepository}. */
public enum LedgerGrouping {
    TOTAL,
    CUSTOMER,
    CUSTOMER_KIND,
    PRODUCT,
    BUSINESS_UNIT,
    FUNDING,
    /** By billed currency: each row has the billed amount beside its CNY value. */
    CURRENCY;

    /** Parses {@code customer}, {@code customerKind}, {@code product}, {@code businessUnit}, {@code funding} or {@code currency}. */
    public static LedgerGrouping parse(String text) {
        return Groupings.parse(LedgerGrouping.class, TOTAL, text);
    }

    public String label() {
        return Groupings.label(this);
    }
}
