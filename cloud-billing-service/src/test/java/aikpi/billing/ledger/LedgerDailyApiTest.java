package aikpi.billing.ledger;

import static aikpi.billing.BillingApi.dec;
import static aikpi.billing.BillingApi.line;
import static aikpi.billing.BillingApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Revenue per booking day and business unit ({@code GET /api/v1/ledger/daily}): the series a running period's AI
 * revenue is projected from. Worked by hand on a few lines of May 2021.
 */
@MicronautTest
class LedgerDailyApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    BillingApi api;

    @BeforeEach
    void api() {
        api = new BillingApi(client.toBlocking());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> days(String period) {
        Map<String, Object> answer = api.get("/api/v1/ledger/daily?period=" + period);
        assertThat(answer).containsEntry("period", period);
        return (List<Map<String, Object>>) answer.get("rows");
    }

    /** A row as "day unit amount ai aiCash maas", the amounts plain. */
    private static String row(Map<String, Object> r) {
        List<String> parts = new ArrayList<>(List.of((String) r.get("day"), String.valueOf(r.get("businessUnit"))));
        for (String field : List.of("amountCny", "aiCny", "aiCashCny", "maasCny")) {
            parts.add(dec(r.get(field)).stripTrailingZeros().toPlainString());
        }
        return String.join(" ", parts);
    }

    @Test
    void eachDaysRevenueIsSplitIntoTheUnitsOwnLinesAndEveryOtherLine() {
        api.voucher("ld-v", "moonshot", "1000.00", "2021-01-01", "2021-12-31");
        assertThat(api.lines(List.of(
                line("ld-1", "taobao", "INTERNAL", "AI_COMPUTE", "100.00", "2021-05-03"),
                line("ld-2", "taobao", "INTERNAL", "IAAS", "50.00", "2021-05-03"),
                with(line("ld-3", "taobao", "INTERNAL", "MAAS_TOKENS", "20.00", "2021-05-04"), "tokens", 1_000),
                with(line("ld-4", "moonshot", "INVESTEE", "AI_COMPUTE", "30.00", "2021-05-03"),
                        "funding", "VOUCHER", "voucherId", "ld-v"),
                with(line("ld-5", "acme", "EXTERNAL", "MAAS_TOKENS", "7.00", "2021-05-03"), "tokens", 10),
                line("ld-6", "tmall", "INTERNAL", "AI_APPS", "5.00", "2021-05-03"),
                // Booked on another day than the line it corrects: it counts on its own day, with its sign.
                with(line("ld-7", "taobao", "INTERNAL", "AI_COMPUTE", "-10.00", "2021-06-01"), "correctionOf", "ld-1"),
                line("ld-8", "acme", "EXTERNAL", "AI_COMPUTE", "3.00", "2021-04-30"))))
                .containsEntry("accepted", 8);

        // 05-03, every other line: moonshot's 30.00 of vouchers and acme's 7.00 of MaaS cash.
        assertThat(days("2021-05")).extracting(LedgerDailyApiTest::row).containsExactlyInAnyOrder(
                "2021-05-03 null 37 37 7 7",
                "2021-05-03 taobao 150 100 100 0",
                "2021-05-03 tmall 5 5 5 0",
                "2021-05-04 taobao 20 20 20 20");
        assertThat(days("2021-06-01")).extracting(LedgerDailyApiTest::row)
                .containsExactly("2021-06-01 taobao -10 -10 -10 0");
        // A quarter has the same days as its months; a day without a line has no row.
        assertThat(days("2021-Q2")).hasSize(6);
        assertThat(days("2021-05-05")).isEmpty();
    }

    @Test
    void aPeriodThatIsNotOneIsAProblem() {
        Map<String, Object> problem = api.problem(HttpRequest.GET("/api/v1/ledger/daily?period=2021Q2"), 400);
        assertThat(problem.get("detail").toString()).contains("2021Q2");
    }
}
