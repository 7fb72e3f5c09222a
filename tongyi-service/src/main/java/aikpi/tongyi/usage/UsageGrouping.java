package aikpi.tongyi.usage;

import aikpi.vocabulary.Groupings;

/** How a usage summary is broken down; each has its own fixed query ({@link UsageRollupRepository}). */
public enum UsageGrouping {
    TOTAL,
    CUSTOMER,
    MODEL,
    CUSTOMER_KIND,
    /** Internal customers only: a business unit using the models is a customer whose business unit is set. */
    BUSINESS_UNIT,
    DAY;

    /** Parses {@code customer}, {@code model}, {@code customerKind}, {@code businessUnit} or {@code day}; none means one total row. */
    public static UsageGrouping parse(String text) {
        return Groupings.parse(UsageGrouping.class, TOTAL, text);
    }

    String label() {
        return Groupings.label(this);
    }
}
