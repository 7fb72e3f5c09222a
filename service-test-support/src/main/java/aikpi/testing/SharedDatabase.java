package aikpi.testing;

import aikpi.platform.store.UncleanStop;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One database that several running instances of a service share in a test, one after another (a restart) or at the
 * same time (two instances behind one load balancer): an H2 file database in PostgreSQL mode under the test's
 * directory by default, as the services run out of the box; one PostgreSQL schema under the postgres profile,
 * dropped by {@link #close()}.
 */
public final class SharedDatabase implements AutoCloseable {

    private static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private final Map<String, Object> properties;
    private final String schema;

    private SharedDatabase(Map<String, Object> properties, String schema) {
        this.properties = properties;
        this.schema = schema;
    }

    /**
     * A new, empty database named {@code name}: the file {@code dir/name} on H2, a schema named after it on
     * PostgreSQL.
     *
     * @param h2Settings extra H2 settings such as {@code ";LOCK_TIMEOUT=30000"} (none on PostgreSQL)
     */
    public static SharedDatabase create(Path dir, String name, String h2Settings) {
        if (PostgresTestServer.selected()) {
            String schema = PostgresTestServer.checked("shared_" + name + "_"
                    + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
            return new SharedDatabase(Map.of(PostgresSchemaPerContext.SHARED_SCHEMA, schema), schema);
        }
        return new SharedDatabase(Map.of("datasources.default.url",
                "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath() + H2_SETTINGS + h2Settings), null);
    }

    public static SharedDatabase create(Path dir, String name) {
        return create(dir, name, "");
    }

    /** The properties that put an application context on this database. */
    public Map<String, Object> properties() {
        return properties;
    }

    /** Starts an instance of the service (test environment, random port) on this database, with extra properties. */
    public EmbeddedServer start(Map<String, Object> extra) {
        Map<String, Object> all = new HashMap<>(extra);
        all.putAll(properties);
        all.putIfAbsent("micronaut.server.port", -1);
        return ApplicationContext.run(EmbeddedServer.class, all, Environment.TEST);
    }

    public EmbeddedServer start() {
        return start(Map.of());
    }

    /** True for the embedded H2 file database (the default), false under the postgres profile. */
    public boolean embedded() {
        return schema == null;
    }

    /**
     * Runs statements on the embedded database while no instance has it open: a test's way to put a derived table
     * out of step with its rows, as a crash of H2 can.
     */
    public void execute(String... statements) {
        requireEmbedded();
        try (Connection c = DriverManager.getConnection(url(), "sa", ""); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot change the test database", e);
        }
    }

    /** Leaves the mark that an instance killed while it had the embedded database open leaves ({@link UncleanStop}). */
    public void markCrashed() {
        requireEmbedded();
        Path mark = UncleanStop.markOf(url()).orElseThrow();
        try {
            Files.createFile(mark);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String url() {
        return (String) properties.get("datasources.default.url");
    }

    private void requireEmbedded() {
        if (!embedded()) {
            throw new IllegalStateException("only the embedded database can be changed behind a service's back");
        }
    }

    /** Drops the PostgreSQL schema; on H2 the test's directory goes with the files. */
    @Override
    public void close() {
        if (schema != null) {
            PostgresTestServer.dropSchema(schema);
        }
    }
}
