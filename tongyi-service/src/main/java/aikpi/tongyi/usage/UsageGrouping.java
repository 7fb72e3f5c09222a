package aikpi.tongyi.usage;

import aikpi.vocabulary.Groupings;

/** How a usage summary is broken down. The SQL column is fixed per value: nothing from the request reaches SQL. */
public enum UsageGrouping {
    TOTAL("'total'"),
    CUSTOMER("u.customer_id"),
    MODEL("u.model_id"),
    CUSTOMER_KIND("c.kind"),
    /** Internal customers only: a business unit using the models is a customer whose business unit is set. */
    BUSINESS_UNIT("c.business_unit"),
    DAY("CAST(u.usage_day AS VARCHAR(10))");

    final String column;

    UsageGrouping(String column) {
        this.column = column;
    }

    /** Parses {@code customer}, {@code model}, {@code customerKind}, {@code businessUnit} or {@code day}; none means one total row. */
    public static UsageGrouping parse(String text) {
        return Groupings.parse(UsageGrouping.class, TOTAL, text);
    }

    boolean needsCustomer() {
        return this == CUSTOMER_KIND || this == BUSINESS_UNIT;
    }

    String label() {
        return Groupings.label(this);
    }
}
