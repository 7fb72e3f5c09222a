package aikpi.platform.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/** Statements with a variable number of bind parameters (never values in the text: only '?' markers). */
public final class Sql {

    /** Bind parameters per IN list: well under every driver's limit. */
    public static final int IN_CHUNK = 500;

    private Sql() {
    }

    /** Whether the connection is to PostgreSQL (else the embedded H2). */
    public static boolean isPostgres(Connection c) throws SQLException {
        return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
    }

    /**
     * The database's own SHA-256 of a text column's UTF-8 bytes: the same 32 bytes as
     * {@link aikpi.vocabulary.Sha256#ofText}, for a migration that re-keys stored rows by their id's hash.
     */
    public static String sha256OfText(Connection c, String column) throws SQLException {
        return isPostgres(c) ? "sha256(convert_to(" + column + ", 'UTF8'))" : "HASH('SHA-256', " + column + ")";
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
