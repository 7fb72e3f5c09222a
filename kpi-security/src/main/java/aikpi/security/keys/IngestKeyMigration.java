package aikpi.security.keys;

import aikpi.security.DdlMigration;
import java.util.List;

/**
 * Creates the ingest keys' table, the same in every service that takes feeds (H2 in PostgreSQL mode and PostgreSQL
 * 15): a key is kept only as its keyed hash, with its scope and its history. Each service runs it from a class of its
 * own {@code db.migration} package that extends this one ({@code V8__ingest_key}).
 */
public abstract class IngestKeyMigration extends DdlMigration {

    private static final List<String> DDL = List.of("""
            CREATE TABLE ingest_key (
                id            VARCHAR(36)  PRIMARY KEY,
                key_hash      VARCHAR(64)  NOT NULL,
                name          VARCHAR(100) NOT NULL,
                streams       VARCHAR(200) NOT NULL,
                creator       VARCHAR(255) NOT NULL,
                created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
                expires_at    TIMESTAMP WITH TIME ZONE,
                last_used_at  TIMESTAMP WITH TIME ZONE,
                revoked_at    TIMESTAMP WITH TIME ZONE
            )""",
            "CREATE UNIQUE INDEX ingest_key_hash_idx ON ingest_key (key_hash)");

    protected IngestKeyMigration() {
        super(DDL);
    }
}
