package db.migration;

import aikpi.quark.activity.UserEventStore;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Re-keys installs and app opens by (the producer's stamp of their time, SHA-256 of the event id): random ids no longer
 * scatter every insert over the whole index, and the key is 32 bytes instead of up to 128 characters. In Java because
 * the two databases hash differently.
 */
public class V8__User_events_keyed_by_time_and_id_hash extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        UserEventStore.rekey(context.getConnection());
    }
}
