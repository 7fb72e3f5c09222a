package aikpi.billing;

import static aikpi.billing.BillingApi.dec;
import static aikpi.billing.BillingApi.line;
import static aikpi.billing.BillingApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the service on one database, written to at the same time: nothing held in one instance's
 * memory can keep them apart, only the database (primary keys, row locks and guarded updates).
 */
class TwoInstancesTest {

    @TempDir
    Path dir;

    @Test
    void twoInstancesNeitherOverdrawAVoucherNorStoreALineTwice() throws Exception {
        try (EmbeddedServer a = FileDatabase.start(dir); EmbeddedServer b = FileDatabase.start(dir)) {
            BillingApi[] apis = {FileDatabase.api(a), FileDatabase.api(b)};
            apis[0].voucher("two-v", "minimax", "100.00", "2024-10-01", "2025-03-31");
            int writers = 8;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                // Eight different lines of 30.00 on a 100.00 voucher: exactly three fit, whichever instance takes them.
                List<Callable<Integer>> draws = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    BillingApi api = apis[w % 2];
                    var batch = List.of(with(line("two-" + w, "minimax", "INVESTEE", "AI_COMPUTE", "30.00", "2024-11-01"),
                            "funding", "VOUCHER", "voucherId", "two-v"));
                    draws.add(() -> accepted(api, batch));
                }
                assertThat(sum(pool.invokeAll(draws))).isEqualTo(3);
                assertThat(dec(apis[1].get("/api/v1/vouchers/two-v").get("drawnCny"))).isEqualByComparingTo("90.00");

                // The same line sent to both instances at once is stored once.
                List<Callable<Integer>> same = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    BillingApi api = apis[w % 2];
                    same.add(() -> accepted(api, List.of(line("two-same", "acme", "EXTERNAL", "IAAS", "5.00", "2024-11-02"))));
                }
                assertThat(sum(pool.invokeAll(same))).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> day = ((List<Map<String, Object>>) apis[0]
                    .get("/api/v1/ledger/summary?period=2024-11-02").get("rows")).get(0);
            assertThat(day).containsEntry("lines", 1);
            assertThat(dec(day.get("amountCny"))).isEqualByComparingTo("5.00");
        }
    }

    private static int accepted(BillingApi api, List<Map<String, Object>> batch) {
        try {
            return ((Number) api.lines(batch).get("accepted")).intValue();
        } catch (HttpClientResponseException e) {
            if (e.getStatus().getCode() != 400) {
                throw e;
            }
            return 0;
        }
    }

    private static int sum(List<Future<Integer>> results) throws Exception {
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get();
        }
        return total;
    }
}
