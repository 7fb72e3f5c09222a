package aikpi.billing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.Map;

/** Starts the whole service on a file database, as it runs in production (by default on H2 files). */
public final class FileDatabase {

    private FileDatabase() {
    }

    public static String url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("billing").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** A running instance on the database in {@code dir}, on a random port. */
    public static EmbeddedServer start(Path dir) {
        return ApplicationContext.run(EmbeddedServer.class, Map.of("datasources.default.url", url(dir)), Environment.TEST);
    }

    public static BillingApi api(EmbeddedServer server) {
        return new BillingApi(HttpClient.create(server.getURL()).toBlocking());
    }
}
