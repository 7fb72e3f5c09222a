package aikpi.billing.ledger;

import aikpi.vocabulary.Groupings;

/** How a ledger summary is broken down; each has its query in {@link LedgerDailyRepository}. */
public enum LedgerGrouping {
    TOTAL,
    CUSTOMER,
    CUSTOMER_KIND,
    PRODUCT,
    BUSINESS_UNIT,
    FUNDING;

    /** Parses {@code customer}, {@code customerKind}, {@code product}, {@code businessUnit} or {@code funding}. */
    public static LedgerGrouping parse(String text) {
        return Groupings.parse(LedgerGrouping.class, TOTAL, text);
    }

    public String label() {
        return Groupings.label(this);
    }
}
