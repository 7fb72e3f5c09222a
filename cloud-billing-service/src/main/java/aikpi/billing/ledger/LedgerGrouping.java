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
    CURRENCY,
    /** By the model MaaS token lines name: MaaS revenue and billed tokens per model; lines naming none are left out. */
    MODEL;

    /**
     * Parses {@code customer}, {@code customerKind}, {@code product}, {@code businessUnit}, {@code funding},
     * {@code currency} or {@code model}.
     */
    public static LedgerGrouping parse(String text) {
        return Groupings.parse(LedgerGrouping.class, TOTAL, text);
    }

    public String label() {
        return Groupings.label(this);
    }
}
