package aikpi.billing.ledger;

import aikpi.vocabulary.problem.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a ledger summary is broken down. The SQL column is fixed per value: nothing from the request reaches SQL. */
public enum LedgerGrouping {
    TOTAL("'total'"),
    CUSTOMER("customer_id"),
    CUSTOMER_KIND("customer_kind"),
    PRODUCT("product"),
    BUSINESS_UNIT("business_unit"),
    FUNDING("funding");

    final String column;

    LedgerGrouping(String column) {
        this.column = column;
    }

    /** Parses {@code customer}, {@code customerKind}, {@code product}, {@code businessUnit} or {@code funding}. */
    public static LedgerGrouping parse(String text) {
        if (text == null || text.isBlank()) {
            return TOTAL;
        }
        String wanted = text.trim().replace("_", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(g -> g.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException("groupBy '" + text + "' is not known; use one of "
                        + Arrays.stream(values()).filter(g -> g != TOTAL).map(LedgerGrouping::label)
                        .collect(Collectors.joining(", ")) + " (or omit it for one total row)."));
    }

    public String label() {
        String[] parts = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return b.toString();
    }
}
