package aikpi.platform.store;

import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/** Statements with a variable number of bind parameters (never values in the text: only '?' markers). */
public final class Sql {

    /** Bind parameters per IN list: well under every driver's limit. */
    public static final int IN_CHUNK = 500;

    private Sql() {
    }

    /** {@code ?, ?, ?} for {@code n} parameters. */
    public static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** Runs {@code action} on consecutive parts of {@code ids} of at most {@link #IN_CHUNK} each. */
    public static <T> void forEachChunk(List<T> ids, Consumer<List<T>> action) {
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            action.accept(ids.subList(from, Math.min(ids.size(), from + IN_CHUNK)));
        }
    }
}
