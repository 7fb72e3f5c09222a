package aikpi.quark.ingest;

import java.util.Collections;

/** Small helpers for statements with a variable number of bind parameters (never values: only '?'). */
public final class Sql {

    /** Bind parameters per IN list: well under every driver's limit. */
    public static final int IN_CHUNK = 500;

    private Sql() {
    }

    /** {@code ?, ?, ?} for {@code n} parameters. */
    public static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
