package aikpi.security.keys;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** An ingest key as it is listed: its scope and history, never the key nor its hash. */
@Serdeable
public record IngestKey(String id, String name, List<String> streams, String creator, Instant createdAt,
                        @Nullable Instant expiresAt, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {

    /** Whether the key is taken at {@code now}: neither revoked nor expired. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
