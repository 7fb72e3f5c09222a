package aikpi.security;

import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A table this module owns in every service's own database, created by the service's Flyway as one of its
 * migrations: the statements run in order, the same on H2 in PostgreSQL mode and on PostgreSQL 15.
 */
public abstract class DdlMigration extends BaseJavaMigration {

    private final List<String> statements;

    protected DdlMigration(List<String> statements) {
        this.statements = statements;
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
