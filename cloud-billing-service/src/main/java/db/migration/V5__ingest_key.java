package db.migration;

import aikpi.security.keys.IngestKeyMigration;

/** The ingest keys' table ({@link IngestKeyMigration}), as this service's migration 5. */
public class V5__ingest_key extends IngestKeyMigration {
}
