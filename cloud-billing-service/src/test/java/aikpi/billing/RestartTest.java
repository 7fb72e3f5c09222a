package aikpi.billing;

import static aikpi.billing.BillingApi.dec;
import static aikpi.billing.BillingApi.line;
import static aikpi.billing.BillingApi.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import aikpi.testing.ServiceInstances;
import aikpi.testing.SharedDatabase;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything the service owns survives a restart on its file database (on PostgreSQL under the postgres profile),
 * including what dedup remembers; after a crash, the daily rollup and what vouchers have drawn are recut from the lines.
 */
class RestartTest {

    @TempDir
    Path dir;

    @Test
    void reportedRevenueVouchersAndTheLedgerSurviveARestart() {
        List<Map<String, Object>> batch = List.of(
                with(line("r-1", "minimax", "INVESTEE", "MAAS_TOKENS", "40.00", "2024-11-01"),
                        "funding", "VOUCHER", "voucherId", "r-v", "tokens", 4_000),
                line("r-2", "taobao", "INTERNAL", "AI_APPS", "60.00", "2024-11-02"));
        try (SharedDatabase database = SharedDatabase.create(dir, "billing")) {
            try (EmbeddedServer first = database.start()) {
                BillingApi api = BillingApi.of(first);
                api.groupRevenue("FY2025-Q3", "280154000000", "31742000000");
                api.voucher("r-v", "minimax", "100.00", "2024-10-01", "2025-03-31");
                assertThat(api.lines(batch)).containsEntry("accepted", 2);
            }
            try (EmbeddedServer second = database.start()) {
                BillingApi api = BillingApi.of(second);
                assertThat(dec(api.get("/api/v1/group-revenue/2024-Q4").get("cloudShare")))
                        .isEqualByComparingTo("0.113302");
                assertThat(dec(api.get("/api/v1/vouchers/r-v").get("balanceCny"))).isEqualByComparingTo("60.00");
                Map<String, Object> attribution = api.get("/api/v1/attribution?period=2024-Q4");
                assertThat(dec(attribution.get("aiRevenueCny"))).isEqualByComparingTo("100.00");
                assertThat(dec(attribution.get("aiVoucherRevenueCny"))).isEqualByComparingTo("40.00");
                // The lines are remembered: sent again after the restart, they are duplicates and draw nothing.
                assertThat(api.lines(batch)).containsEntry("accepted", 0).containsEntry("duplicates", 2);
                assertThat(dec(api.get("/api/v1/vouchers/r-v").get("drawnCny"))).isEqualByComparingTo("40.00");
            }
        }
    }

    @Test
    void afterAnUncleanStopTheDailyRollupAndWhatEachVoucherDrewAreRecutFromTheLedger() {
        List<Map<String, Object>> summary = new java.util.ArrayList<>();
        try (SharedDatabase database = SharedDatabase.create(dir, "billing")) {
            assumeTrue(database.embedded(), "PostgreSQL recovers committed transactions whole");
            try (EmbeddedServer first = database.start()) {
                BillingApi api = BillingApi.of(first);
                api.voucher("c-v", "minimax", "100.00", "2024-10-01", "2025-03-31");
                api.voucher("c-unused", "minimax", "50.00", "2024-10-01", "2025-03-31");
                api.lines(List.of(
                        with(line("c-1", "minimax", "INVESTEE", "MAAS_TOKENS", "40.00", "2024-11-01"),
                                "funding", "VOUCHER", "voucherId", "c-v", "tokens", 4_000),
                        with(line("c-2", "minimax", "INVESTEE", "MAAS_TOKENS", "15.50", "2024-11-03"),
                                "funding", "VOUCHER", "voucherId", "c-v", "tokens", 1_000)));
                summary.add(api.get("/api/v1/ledger/summary?period=2024-11"));
                summary.add(api.get("/api/v1/attribution?period=2024-Q4"));
                assertThat(summary.get(0)).extractingByKey("rows").asList().singleElement()
                        .satisfies(row -> assertThat(dec(((Map<?, ?>) row).get("amountCny"))).isEqualByComparingTo("55.50"));
            }
            // What a crash of H2 can leave: a drawdown or a rollup kept without its lines, or lines kept without them.
            database.execute("UPDATE voucher SET drawn_cny = 99.00 WHERE voucher_id = 'c-v'",
                    "UPDATE voucher SET drawn_cny = 20.00 WHERE voucher_id = 'c-unused'",
                    "UPDATE ledger_daily SET line_count = line_count + 5, amount_cny = amount_cny + 1000",
                    "DELETE FROM ledger_daily WHERE booked_on = DATE '2024-11-03'");
            try (EmbeddedServer clean = database.start()) {
                BillingApi api = BillingApi.of(clean);
                assertThat(dec(api.get("/api/v1/vouchers/c-v").get("drawnCny")))
                        .as("a clean stop is trusted").isEqualByComparingTo("99.00");
                assertThat(api.get("/api/v1/ledger/summary?period=2024-11")).isNotEqualTo(summary.get(0));
            }
            database.markCrashed();

            try (EmbeddedServer afterCrash = database.start()) {
                BillingApi api = BillingApi.of(afterCrash);
                assertThat(dec(api.get("/api/v1/vouchers/c-v").get("drawnCny"))).isEqualByComparingTo("55.50");
                assertThat(dec(api.get("/api/v1/vouchers/c-v").get("balanceCny"))).isEqualByComparingTo("44.50");
                assertThat(dec(api.get("/api/v1/vouchers/c-unused").get("drawnCny"))).isEqualByComparingTo("0.00");
                assertThat(api.get("/api/v1/ledger/summary?period=2024-11")).isEqualTo(summary.get(0));
                assertThat(api.get("/api/v1/attribution?period=2024-Q4")).isEqualTo(summary.get(1));
            }
        }
    }

    @Test
    void aServiceThatCannotFinishItsRecutSaysWhyAnswersNotReadyAndDoesNotLoop() throws Exception {
        try (SharedDatabase database = SharedDatabase.create(dir, "billing")) {
            assumeTrue(database.embedded(), "PostgreSQL recovers committed transactions whole");
            try (EmbeddedServer first = database.start()) {
                BillingApi.of(first).voucher("f-v", "minimax", "100.00", "2024-10-01", "2025-03-31");
            }
            database.markCrashed();
            FailingRecut.ATTEMPTS.set(0);
            try (EmbeddedServer failed = database.start(Map.of("test.recut-fails", "true"))) {
                BillingApi api = BillingApi.of(failed);
                HttpClient http = ServiceInstances.clientOf(failed);
                HttpClientResponseException health = catchThrowableOfType(HttpClientResponseException.class,
                        () -> http.toBlocking().exchange(HttpRequest.GET("/health"), String.class));
                assertThat(health.getStatus().getCode()).isEqualTo(503);
                assertThat(health.getResponse().getBody(String.class)).hasValueSatisfying(body -> assertThat(body)
                        .contains("derivedFigures").contains("a figure that cannot be recut")
                        .contains("IllegalStateException"));
                assertThat(http.toBlocking().exchange(HttpRequest.GET("/health/liveness"), String.class).code())
                        .as("alive: a supervisor must not restart it into the same failure").isEqualTo(200);

                Map<String, Object> read = api.problem(HttpRequest.GET("/api/v1/vouchers/f-v"), 503);
                assertThat((String) read.get("detail")).contains("not ready").contains("a figure that cannot be recut");
                api.problem(HttpRequest.POST("/api/v1/ledger/lines",
                        List.of(line("f-1", "taobao", "INTERNAL", "AI_APPS", "1.00", "2024-11-02"))), 503);
                HttpClientResponseException refused = catchThrowableOfType(HttpClientResponseException.class,
                        () -> http.toBlocking().exchange(HttpRequest.GET("/api/v1/ledger/summary?period=2024-11")));
                assertThat(refused.getResponse().getHeaders().get("Retry-After")).isNotBlank();

                Thread.sleep(500);
                assertThat(FailingRecut.ATTEMPTS.get()).as("tried once, not in a loop").isEqualTo(1);
            }
            try (EmbeddedServer next = database.start()) {
                assertThat(dec(BillingApi.of(next).get("/api/v1/vouchers/f-v").get("drawnCny")))
                        .as("the mark stayed: the next start recut the figures and answers").isEqualByComparingTo("0.00");
            }
            assertThat(dir.resolve("billing.running")).doesNotExist();
        }
    }
}
