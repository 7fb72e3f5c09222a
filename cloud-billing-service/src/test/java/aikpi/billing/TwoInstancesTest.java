package aikpi.billing;

import static aikpi.billing.BillingApi.dec;
import static aikpi.billing.BillingApi.line;
import static aikpi.billing.BillingApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.testing.ServiceInstances;
import aikpi.testing.SharedDatabase;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the service on one database, written to at the same time: nothing held in one instance's
 * memory can keep them apart, only the database (primary keys, row locks and guarded updates).
 */
class TwoInstancesTest {

    private static final String[] GROUPINGS = {"", "customer", "customerKind", "product", "businessUnit", "funding"};
    private static final String[] PRODUCTS = {"MAAS_TOKENS", "AI_COMPUTE", "AI_APPS", "IAAS", "PAAS", "SAAS"};

    @TempDir
    Path dir;

    SharedDatabase database;
    ServiceInstances instances;
    BillingApi[] apis;

    @BeforeEach
    void startTwoInstances() {
        database = SharedDatabase.create(dir, "billing");
        instances = ServiceInstances.start(database, 2);
        apis = new BillingApi[] {new BillingApi(instances.client(0)), new BillingApi(instances.client(1))};
    }

    @AfterEach
    void stop() {
        instances.close();
        database.close();
    }

    @Test
    void twoInstancesNeitherOverdrawAVoucherNorStoreALineTwice() throws Exception {
        apis[0].voucher("two-v", "minimax", "100.00", "2024-10-01", "2025-03-31");
        int writers = 8;
        // Eight different lines of 30.00 on a 100.00 voucher: exactly three fit, whichever instance takes them.
        List<Callable<Integer>> draws = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            BillingApi api = apis[w % 2];
            var batch = List.of(with(line("two-" + w, "minimax", "INVESTEE", "AI_COMPUTE", "30.00", "2024-11-01"),
                    "funding", "VOUCHER", "voucherId", "two-v"));
            draws.add(() -> accepted(api, batch));
        }
        assertThat(sum(ServiceInstances.atOnce(draws))).isEqualTo(3);
        assertThat(dec(apis[1].get("/api/v1/vouchers/two-v").get("drawnCny"))).isEqualByComparingTo("90.00");

        // The same line sent to both instances at once is stored once.
        List<Callable<Integer>> same = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            BillingApi api = apis[w % 2];
            same.add(() -> accepted(api, List.of(line("two-same", "acme", "EXTERNAL", "IAAS", "5.00", "2024-11-02"))));
        }
        assertThat(sum(ServiceInstances.atOnce(same))).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> day = ((List<Map<String, Object>>) apis[0]
                .get("/api/v1/ledger/summary?period=2024-11-02").get("rows")).get(0);
        assertThat(day).containsEntry("lines", 1);
        assertThat(dec(day.get("amountCny"))).isEqualByComparingTo("5.00");
    }

    @Test
    void theSameBatchSentToBothInstancesAtOnceIsCountedOnceAndBothAnswerAlike() throws Exception {
        apis[0].voucher("same-v", "minimax", "100000.00", "2024-10-01", "2025-03-31");
        int rounds = 4;
        int size = 150;
        int step = 100;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal voucher = BigDecimal.ZERO;
        for (int round = 0; round < rounds; round++) {
            // Each batch repeats the last 50 lines of the one before: a sender's retry of a batch it had no answer to.
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int n = round * step; n < round * step + size; n++) {
                Map<String, Object> line = ledgerLine(n);
                batch.add(line);
                if (n >= round * step + (round == 0 ? 0 : size - step)) {
                    amount = amount.add((BigDecimal) line.get("amountCny"));
                    if ("VOUCHER".equals(line.get("funding"))) {
                        voucher = voucher.add((BigDecimal) line.get("amountCny"));
                    }
                }
            }
            // Two sends to each instance, all at the same moment.
            List<Callable<Map<String, Object>>> sends = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                BillingApi api = apis[s % 2];
                sends.add(() -> api.lines(batch));
            }
            List<Map<String, Object>> answers = ServiceInstances.atOnce(sends);
            int fresh = round == 0 ? size : step;
            assertThat(answers.stream().mapToInt(a -> (Integer) a.get("accepted")).sum()).as("round %d", round)
                    .isEqualTo(fresh);
            assertThat(answers.stream().mapToInt(a -> (Integer) a.get("duplicates")).sum()).as("round %d", round)
                    .isEqualTo(4 * size - fresh);
        }

        for (String groupBy : GROUPINGS) {
            String uri = "/api/v1/ledger/summary?period=2024-Q4" + (groupBy.isEmpty() ? "" : "&groupBy=" + groupBy);
            assertThat(apis[1].get(uri)).as(uri).isEqualTo(apis[0].get(uri));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> total = ((List<Map<String, Object>>) apis[1]
                .get("/api/v1/ledger/summary?period=2024-Q4").get("rows")).get(0);
        int lines = (rounds - 1) * step + size;
        assertThat(total).containsEntry("lines", lines);
        assertThat(dec(total.get("amountCny"))).isEqualByComparingTo(amount);
        assertThat(dec(total.get("voucherCny"))).isEqualByComparingTo(voucher);
        assertThat(apis[1].get("/api/v1/vouchers/same-v")).isEqualTo(apis[0].get("/api/v1/vouchers/same-v"));
        assertThat(dec(apis[0].get("/api/v1/vouchers/same-v").get("drawnCny"))).isEqualByComparingTo(voucher);
    }

    /** Line {@code n} of a quarter's ledger: three kinds of customer, six products, a voucher-funded line in five. */
    private static Map<String, Object> ledgerLine(int n) {
        String product = PRODUCTS[n % PRODUCTS.length];
        String bookedOn = LocalDate.parse("2024-10-01").plusDays(n % 92).toString();
        String amount = (n % 50 + 1) + ".25";
        Map<String, Object> line = switch (n % 3) {
            case 0 -> with(line("same-" + n, "minimax", "INVESTEE", product, amount, bookedOn),
                    "funding", n % 5 == 0 ? "VOUCHER" : "CASH", "voucherId", n % 5 == 0 ? "same-v" : null);
            case 1 -> line("same-" + n, "acme", "EXTERNAL", product, amount, bookedOn);
            default -> line("same-" + n, "taobao", "INTERNAL", product, amount, bookedOn);
        };
        return product.equals("MAAS_TOKENS") ? with(line, "tokens", 1_000L * (n + 1)) : line;
    }

    private static int sum(List<Integer> counts) {
        return counts.stream().mapToInt(Integer::intValue).sum();
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
}
