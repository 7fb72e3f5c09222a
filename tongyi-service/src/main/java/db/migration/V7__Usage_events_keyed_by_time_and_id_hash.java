package db.migration;

import aikpi.tongyi.usage.RawUsageStore;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Re-keys the raw usage events by (occurred_at, SHA-256 of the event id): random ids no longer scatter every insert over
 * the whole index, the key is 32 bytes instead of up to 128 characters, and on PostgreSQL the table is partitioned by
 * month. In Java because the two databases need different DDL and hash functions.
 */
public class V7__Usage_events_keyed_by_time_and_id_hash extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        RawUsageStore.rekey(context.getConnection());
    }
}
