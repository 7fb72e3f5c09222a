package db.migration;

import aikpi.security.keys.IngestKeyMigration;

/** The ingest keys' table ({@link IngestKeyMigration}), as this service's migration 8. */
public class V8__ingest_key extends IngestKeyMigration {
}
