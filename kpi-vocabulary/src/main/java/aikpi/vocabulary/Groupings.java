package aikpi.vocabulary;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code groupBy} parameter of summaries: an enum constant such as {@code CUSTOMER_KIND} is written
 * {@code customerKind} on the wire. One constant stands for "no breakdown" (one total row) and is never named.
 */
public final class Groupings {

    private Groupings() {
    }

    /** The constant {@code text} names (case and underscores ignored); {@code total} when the text is absent. */
    public static <E extends Enum<E>> E parse(Class<E> type, E total, String text) {
        if (text == null || text.isBlank()) {
            return total;
        }
        String wanted = text.trim().replace("_", "").toLowerCase(Locale.ROOT);
        E[] values = type.getEnumConstants();
        return Arrays.stream(values)
                .filter(g -> g != total && g.name().replace("_", "").toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException("groupBy '" + text + "' is not known; use one of "
                        + Arrays.stream(values).filter(g -> g != total).map(Groupings::label)
                        .collect(Collectors.joining(", ")) + " (or omit it for one total row)."));
    }

    /** The wire name of a constant: {@code CUSTOMER_KIND} → {@code customerKind}. */
    public static String label(Enum<?> value) {
        String[] parts = value.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return b.toString();
    }
}
