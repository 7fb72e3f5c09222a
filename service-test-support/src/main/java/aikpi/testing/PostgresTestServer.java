package aikpi.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server the services' tests run on under the postgres profile ({@code mvn verify -Ppostgres}, which
 * sets {@code kpi.test.database=postgres}), and the databases and schemas the tests create in it.
 *
 * <p>Where it is: {@code -Dkpi.test.postgres.url} or {@code KPI_TEST_PG_URL}, the server's URL to which a database
 * name is appended (default {@code jdbc:postgresql://127.0.0.1:5432/}); the user {@code -Dkpi.test.postgres.user} or
 * {@code KPI_TEST_PG_USER} (default {@code postgres}) and its password {@code -Dkpi.test.postgres.password} or
 * {@code KPI_TEST_PG_PASSWORD} (default none). The user must be allowed to create databases.
 */
public final class PostgresTestServer {

    /** The system property that selects PostgreSQL for the tests; the postgres profile sets it to "postgres". */
    public static final String SELECTOR = "kpi.test.database";

    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /**
     * The databases recreated in this JVM, so each is recreated once, before its first use. A service's tests run in
     * one JVM (Surefire's default), so that is once per run.
     */
    private static final Set<String> RECREATED = ConcurrentHashMap.newKeySet();
    /** The database each schema was created in, for dropping it again. */
    private static final Map<String, String> SCHEMA_DATABASES = new ConcurrentHashMap<>();

    private PostgresTestServer() {
    }

    /** Whether this run's tests are on PostgreSQL (the postgres profile) rather than on H2 (the default run). */
    public static boolean selected() {
        return "postgres".equals(System.getProperty(SELECTOR));
    }

    public static String serverUrl() {
        String url = setting("kpi.test.postgres.url", "KPI_TEST_PG_URL", DEFAULT_URL);
        return url.endsWith("/") ? url : url + "/";
    }

    /**
     * A database for services a harness starts as processes of their own: dropped and created empty, answered as the
     * JDBC URL to give them.
     */
    public static String freshDatabase(String database) {
        RECREATED.remove(database);
        recreateOnce(database);
        return serverUrl() + database;
    }

    public static String user() {
        return setting("kpi.test.postgres.user", "KPI_TEST_PG_USER", "postgres");
    }

    public static String password() {
        return setting("kpi.test.postgres.password", "KPI_TEST_PG_PASSWORD", "");
    }

    /** The URL of one schema of a database: connections start in that schema and carry its name as their own. */
    static String url(String database, String schema) {
        return serverUrl() + checked(database) + "?currentSchema=" + checked(schema) + "&ApplicationName=" + schema;
    }

    /**
     * Drops and recreates {@code database} the first time this run asks for it: a run starts from an empty database,
     * whatever an earlier run (stopped half-way, say) left in it.
     */
    static synchronized void recreateOnce(String database) {
        if (RECREATED.contains(database)) {
            return;
        }
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + checked(database) + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not recreate the test database " + database + " at " + serverUrl()
                    + " as user '" + user() + "': " + e.getMessage(), e);
        }
        RECREATED.add(database);
    }

    /** Creates {@code schema} in {@code database} unless it exists (a shared schema is created by its first user). */
    static void createSchema(String database, String schema) {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + checked(schema));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create schema " + schema + " in " + database + ": "
                    + e.getMessage(), e);
        }
        SCHEMA_DATABASES.put(schema, database);
    }

    /**
     * Drops {@code schema} and everything in it. Connections still open on it (a pool not closed yet) are ended
     * first, so the drop never waits on them.
     */
    static void dropSchema(String schema) {
        String database = SCHEMA_DATABASES.remove(schema);
        if (database == null) {
            return;
        }
        try (Connection c = connect(database)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = ? AND application_name = ? AND pid <> pg_backend_pid()")) {
                ps.setString(1, database);
                ps.setString(2, schema);
                ps.execute();
            }
            try (Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + checked(schema) + " CASCADE");
            }
        } catch (SQLException e) {
            // Left for the next run, which recreates the database.
            System.err.println("Could not drop test schema " + schema + " in " + database + ": " + e.getMessage());
        }
    }

    static Connection connect(String database) throws SQLException {
        String url = serverUrl() + database;
        try {
            return DriverManager.getConnection(url, user(), password());
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (state != null && state.startsWith("08")) {
                throw new IllegalStateException("PostgreSQL is not reachable at " + serverUrl() + " (" + e.getMessage()
                        + "). Start it, or point -Dkpi.test.postgres.url or KPI_TEST_PG_URL at a running server.", e);
            }
            throw e;
        }
    }

    /** Names of databases and schemas go into SQL unquoted: only plain lower-case identifiers are taken. */
    static String checked(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain lower-case identifier: '" + name + "'");
        }
        return name;
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
