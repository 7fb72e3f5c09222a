package aikpi.billing.ledger;

import aikpi.vocabulary.Groupings;

/** How a ledger summary is broken down. The SQL column is fixed per value: nothing from the request reaches SQL. */
public enum LedgerGrouping {
    TOTAL("'total'"),
    CUSTOMER("customer_id"),
    CUSTOMER_KIND("customer_kind"),
    PRODUCT("product"),
    BUSINESS_UNIT("NULLIF(business_unit, '')"),
    FUNDING("funding");

    final String column;

    LedgerGrouping(String column) {
        this.column = column;
    }

    /** Parses {@code customer}, {@code customerKind}, {@code product}, {@code businessUnit} or {@code funding}. */
    public static LedgerGrouping parse(String text) {
        return Groupings.parse(LedgerGrouping.class, TOTAL, text);
    }

    public String label() {
        return Groupings.label(this);
    }
}
