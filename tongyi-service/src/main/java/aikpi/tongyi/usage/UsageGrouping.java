package aikpi.tongyi.usage;

import aikpi.vocabulary.problem.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

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
        if (text == null || text.isBlank()) {
            return TOTAL;
        }
        String wanted = text.trim().replace("_", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(g -> g.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException("groupBy '" + text + "' is not known; use one of "
                        + Arrays.stream(values()).filter(g -> g != TOTAL).map(UsageGrouping::label)
                        .collect(Collectors.joining(", ")) + " (or omit it for one total row)."));
    }

    boolean needsCustomer() {
        return this == CUSTOMER_KIND || this == BUSINESS_UNIT;
    }

    String label() {
        String[] parts = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return b.toString();
    }
}
