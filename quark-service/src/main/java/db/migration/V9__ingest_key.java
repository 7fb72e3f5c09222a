package db.migration;

import aikpi.security.keys.IngestKeyMigration;

/** The ingest keys' table ({@link IngestKeyMigration}), as this service's migration 9. */
public class V9__ingest_key extends IngestKeyMigration {
}
