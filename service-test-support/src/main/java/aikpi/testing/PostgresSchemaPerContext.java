package aikpi.testing;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Under the postgres profile, puts the default datasource of every application context a service's tests start on
 * PostgreSQL instead of the in-memory H2 of {@code application-test.yml}: in the service's own test database
 * ({@value #DATABASE}, recreated once per run), a schema of the context's own, created before Flyway migrates it and
 * dropped when the context closes. So every context starts from an empty database, as it does on H2, and the same
 * migrations and code run on both.
 *
 * <p>A context given {@value #SHARED_SCHEMA} (see {@link SharedDatabase}) uses that schema instead, creating it if it
 * is the first, and leaves it in place for the next context.
 */
@Singleton
@Requires(property = PostgresTestServer.SELECTOR, value = "postgres")
@Requires(classes = DatasourceConfiguration.class)
public class PostgresSchemaPerContext implements BeanCreatedEventListener<DatasourceConfiguration> {

    /** The service's test database, named in its {@code application-test.yml}. */
    public static final String DATABASE = "kpi.test.postgres-database";
    /** A schema that several contexts share, set by {@link SharedDatabase}. */
    public static final String SHARED_SCHEMA = "kpi.test.postgres-schema";

    private final Environment environment;
    private String ownSchema;

    public PostgresSchemaPerContext(Environment environment) {
        this.environment = environment;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration datasource = event.getBean();
        if (!"default".equals(datasource.getName())) {
            return datasource;
        }
        String database = environment.getProperty(DATABASE, String.class).orElseGet(() -> "aikpi_"
                + environment.getProperty("micronaut.application.name", String.class).orElse("service")
                        .replace('-', '_') + "_test");
        String schema = environment.getProperty(SHARED_SCHEMA, String.class).orElse(null);
        if (schema == null) {
            schema = "ctx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            ownSchema = schema;
        }
        PostgresTestServer.recreateOnce(database);
        PostgresTestServer.createSchema(database, schema);
        datasource.setUrl(PostgresTestServer.url(database, schema));
        datasource.setDriverClassName("org.postgresql.Driver");
        datasource.setUsername(PostgresTestServer.user());
        datasource.setPassword(PostgresTestServer.password());
        return datasource;
    }

    @PreDestroy
    void dropOwnSchema() {
        if (ownSchema != null) {
            PostgresTestServer.dropSchema(ownSchema);
            ownSchema = null;
        }
    }
}
