package aikpi.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import aikpi.testing.LauncherFlags;
import aikpi.testing.SharedDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recut after a crash works in bounded memory at a ledger of any size. One {@code INSERT ... SELECT ... GROUP BY}
 * over every line ran the launcher's 192 MB heap out at about 600,000 rollup rows; to keep the test short, the service
 * here runs with {@code bin/start-service.sh}'s flags for billing but 80 MB of heap (and H2's page cache at 8 MB, not
 * its default 64 MB), on 250,000 lines that are each their own rollup row, which the single statement cannot cut in
 * that heap. The rollup and the vouchers
 * then equal the lines, and the unclean-stop mark is gone after the clean stop.
 */
class LargeLedgerRecutTest {

    private static final int LINES = 250_000;
    private static final String HEAP = "-Xmx80m";
    private static final String CACHE = ";CACHE_SIZE=8192";

    @TempDir
    Path dir;

    @Test
    void aLedgerOfManyRollupRowsIsRecutInTheLaunchersHeap() throws Exception {
        List<String> flags = LauncherFlags.shipped(Path.of("").toAbsolutePath().getParent(), "cloud-billing-service");
        assumeTrue(!flags.isEmpty(), "the suite's launcher answers its flags");
        try (SharedDatabase database = SharedDatabase.create(dir, "billing")) {
            assumeTrue(database.embedded(), "PostgreSQL recovers committed transactions whole: no recut");
            try (EmbeddedServer first = database.start()) {
                BillingApi.of(first).voucher("big-v", "minimax", "1000000.00", "2020-01-01", "2029-12-31");
            }
            // One line per customer and day (700 customers, 358 days): as many rollup rows as lines. Every 100th
            // line draws on the voucher. Written 50,000 lines a statement (H2 is slow with one huge transaction).
            List<String> fill = new ArrayList<>();
            for (int from = 0; from < LINES; from += 50_000) {
                fill.add("""
                    INSERT INTO ledger_line (line_id, customer_id, customer_kind, business_unit, booked_on, product,
                                             amount_cny, funding, voucher_id, tokens, correction_of, recorded_at)
                    SELECT 'big-' || "X", 'cust-' || MOD("X", 700), 'INVESTEE', NULL, DATE '2021-01-01' + CAST("X" / 700 AS INT),
                           CASE WHEN MOD("X", 100) = 0 THEN 'MAAS_TOKENS' ELSE 'IAAS' END, 1.25,
                           CASE WHEN MOD("X", 100) = 0 THEN 'VOUCHER' ELSE 'CASH' END,
                           CASE WHEN MOD("X", 100) = 0 THEN 'big-v' END,
                           CASE WHEN MOD("X", 100) = 0 THEN 1000 END, NULL, CURRENT_TIMESTAMP
                    FROM SYSTEM_RANGE(%d, %d)""".formatted(from, Math.min(LINES, from + 50_000) - 1));
            }
            fill.add("TRUNCATE TABLE ledger_daily");
            database.execute(fill.toArray(String[]::new));
            database.markCrashed();

            String url = (String) database.properties().get("datasources.default.url");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            flags.stream().map(f -> f.startsWith("-Xmx") ? HEAP : f).forEach(command::add);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), RecutAfterCrash.class.getName(), url + CACHE));
            Path log = dir.resolve("recut.log");
            Process recut = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!recut.waitFor(5, TimeUnit.MINUTES)) {
                recut.destroyForcibly();
                throw new AssertionError("the recut did not end within 5 minutes: " + tail(Files.readString(log)));
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(recut.exitValue()).as("exit of a start in %s; its output:%n%s", flags, tail(out)).isZero();
            assertThat(out).contains("PHASE READY");

            try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                assertThat(longs(c, "SELECT COUNT(*), SUM(line_count), SUM(amount_cny) * 100, SUM(tokens) FROM ledger_daily"))
                        .containsExactly((long) LINES, (long) LINES, LINES * 125L, (LINES / 100) * 1000L);
                assertThat(longs(c, "SELECT drawn_cny * 100 FROM voucher WHERE voucher_id = 'big-v'"))
                        .containsExactly((LINES / 100) * 125L);
            }
            assertThat(dir.resolve("billing.running")).as("the figures are right: the clean stop removed the mark")
                    .doesNotExist();
        }
    }

    private static List<Long> longs(Connection c, String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getBigDecimal(i).longValueExact());
            }
        }
        return values;
    }

    private static String tail(String out) {
        return out.length() <= 4_000 ? out : out.substring(out.length() - 4_000);
    }

}
