package aikpi.e2e;

import static org.awaitility.Awaitility.await;

import aikpi.testing.launch.ServiceLauncher;
import aikpi.testing.launch.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The recut after an unclean stop, at a size: tongyi's usage events or quark's activity events written straight into
 * the embedded database (synthetic rows: ids {@code e-000000000001} on, 5,000 customers or 2,000,000 users over a
 * year), the unclean-stop mark made, and the service started by the shipped launcher. Prints when {@code /health}
 * first answers and when it is UP, the process's peak resident memory, and the rollups against the raw rows.
 *
 * <pre>
 * mvn -q -pl e2e-tests exec:java -Dexec.mainClass=aikpi.e2e.LargeRecutBenchmark -Dexec.classpathScope=test \
 *     -Dbench.rows=10000000 -Dbench.modules=tongyi-service,quark-service
 * </pre>
 */
public final class LargeRecutBenchmark {

    private static final int FILL_CHUNK = 500_000;

    private LargeRecutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.getLong("bench.rows", 1_000_000);
        Path root = ServiceLauncher.suiteRoot();
        for (String module : System.getProperty("bench.modules", "tongyi-service,quark-service").split(",")) {
            run(root, module.trim(), rows);
        }
    }

    private static void run(Path root, String module, long rows) throws Exception {
        String name = module.substring(0, module.indexOf('-'));
        Path dir = Files.createTempDirectory("recut-" + name);
        ServiceLauncher launcher = ServiceLauncher.of(root, module).directory(dir).log(dir.resolve("service.log"), true);
        try (ServiceProcess first = launcher.start()) {
            first.awaitHealthy(Duration.ofMinutes(5), Duration.ofMillis(250));
            first.stop(Duration.ofMinutes(1));
        }
        String url = "jdbc:h2:file:" + dir.resolve("data").resolve(name)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        long fillStart = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
            if (name.equals("quark")) {
                for (int i = 0; i < 20; i++) {
                    st.executeUpdate("INSERT INTO app (app_id, name, business_unit, launched_on) VALUES ('app-" + i
                            + "', 'App " + i + "', 'unit-" + (i % 4) + "', DATE '2025-01-01')");
                }
            }
            for (long from = 1; from <= rows; from += FILL_CHUNK) {
                st.executeUpdate(fill(name, from, Math.min(rows, from + FILL_CHUNK - 1)));
            }
        }
        System.out.printf("%s: %,d rows written in %.0f s%n", module, rows, seconds(fillStart));
        Files.createFile(dir.resolve("data").resolve(name + ".running"));

        HttpClient http = HttpClient.newHttpClient();
        AtomicLong peakKb = new AtomicLong();
        double[] firstAnswer = {-1};
        double[] healthy = {-1};
        try (ServiceProcess recut = launcher.start()) {
            long start = recut.startedNanos();
            try {
                // Every second until it is healthy or has ended, within an hour of its start; its peak RSS on the way.
                await().atMost(Duration.ofSeconds(3_600).minusNanos(System.nanoTime() - start)).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofSeconds(1)).until(() -> {
                            peakKb.accumulateAndGet(residentKb(recut.pid()), Math::max);
                            int status = health(http, launcher.url());
                            if (status > 0 && firstAnswer[0] < 0) {
                                firstAnswer[0] = seconds(start);
                                System.out.printf("%s: first /health answer %d after %.1f s%n", module, status, firstAnswer[0]);
                            }
                            if (status == 200) {
                                healthy[0] = seconds(start);
                            }
                            return status == 200 || !recut.isAlive();
                        });
            } catch (ConditionTimeoutException notUp) {
                // not healthy within the hour: reported as -1
            }
            System.out.printf("%s: UP after %.1f s (-1: never), peak RSS %d MB%n", module, healthy[0], peakKb.get() >> 10);
            recut.stop(Duration.ofMinutes(2));
        }
        System.out.printf("%s: unclean-stop mark after the clean stop: %s%n", module,
                Files.exists(dir.resolve("data").resolve(name + ".running")) ? "still there" : "gone");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            for (String check : checks(name)) {
                System.out.printf("%s: %s -> %s%n", module, check, row(c, check));
            }
        }
    }

    /** Synthetic raw rows {@code from..to}: ids in order, days spread over 2026 (one row every 3 s). */
    private static String fill(String name, long from, long to) {
        String range = " FROM SYSTEM_RANGE(" + from + ", " + to + ")";
        String id = "'e-' || LPAD(CAST(\"X\" AS VARCHAR), 12, '0')";
        String at = "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00' + (\"X\" * 3) * INTERVAL '1' SECOND";
        if (name.equals("tongyi")) {
            return "INSERT INTO usage_event (event_key, customer_id, model_id, occurred_at, input_tokens, output_tokens) "
                    + "SELECT HASH('SHA-256', " + id + "), 'cust-' || MOD(\"X\" * 7919, 5000), 'model-' || MOD(\"X\", 20), " + at
                    + ", MOD(\"X\", 1000) + 1, MOD(\"X\", 500) + 1" + range;
        }
        return "INSERT INTO activity_event (keyed_at, event_key, app_id, user_id, occurred_at) SELECT " + at
                + ", HASH('SHA-256', " + id + "), 'app-' || MOD(\"X\", 20), 'u-' || MOD(\"X\" * 7919, 2000000), " + at + range;
    }

    /** Pairs of figures that must be equal after the recut. */
    private static List<String> checks(String name) {
        if (name.equals("tongyi")) {
            return List.of("SELECT COUNT(*), SUM(input_tokens), SUM(output_tokens) FROM usage_event",
                    "SELECT SUM(events), SUM(input_tokens), SUM(output_tokens) FROM usage_daily");
        }
        return List.of("SELECT COUNT(*), COUNT(DISTINCT user_id) FROM activity_event",
                "SELECT scope, COUNT(*) FROM first_seen GROUP BY scope ORDER BY COUNT(*) DESC LIMIT 1",
                "SELECT scope, SUM(new_users) FROM first_seen_daily GROUP BY scope ORDER BY 2 DESC LIMIT 1");
    }

    private static String row(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getString(i));
                }
            }
        }
        return String.join(" ", values);
    }

    private static int health(HttpClient http, String base) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The resident memory of a process (the launcher script execs the JVM, so its pid is the JVM's). */
    private static long residentKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // the process ended between two samples
        }
        return 0;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
