package aikpi.billing.ledger;

import static aikpi.billing.BillingApi.dec;
import static aikpi.billing.BillingApi.line;
import static aikpi.billing.BillingApi.offenders;
import static aikpi.billing.BillingApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class LedgerIngestionTest {

    @Inject
    @Client("/")
    HttpClient client;

    BillingApi api;

    @BeforeEach
    void api() {
        api = new BillingApi(client.toBlocking());
    }

    private Map<String, Object> summary(String period, String groupBy) {
        return api.get("/api/v1/ledger/summary?period=" + period + (groupBy == null ? "" : "&groupBy=" + groupBy));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> total(String period) {
        return ((List<Map<String, Object>>) summary(period, null).get("rows")).get(0);
    }

    @Test
    void aReplayedBatchIsAcknowledgedAndCountedOnce() {
        List<Map<String, Object>> batch = List.of(
                line("replay-1", "acme", "EXTERNAL", "IAAS", "100.00", "2023-02-01"),
                line("replay-2", "acme", "EXTERNAL", "PAAS", "50.25", "2023-02-02"));
        assertThat(api.lines(batch)).containsEntry("accepted", 2).containsEntry("duplicates", 0);
        assertThat(api.lines(batch)).containsEntry("accepted", 0).containsEntry("duplicates", 2);
        assertThat(dec(total("2023-02").get("amountCny"))).isEqualByComparingTo("150.25");
        assertThat(total("2023-02")).containsEntry("lines", 2);
    }

    @Test
    void aRepeatedLineIdInsideOneBatchCountsOnce() {
        var l = line("twice", "acme", "EXTERNAL", "IAAS", "7.00", "2023-03-03");
        assertThat(api.lines(List.of(l, l))).containsEntry("accepted", 1).containsEntry("duplicates", 1);
        assertThat(dec(total("2023-03-03").get("amountCny"))).isEqualByComparingTo("7.00");
    }

    @Test
    void oneBadLineRejectsTheBatchNamingEveryOffenderAndNothingIsStored() {
        api.voucher("atomic-v", "minimax", "100.00", "2023-04-01", "2023-04-30");
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(with(line("at-ok", "minimax", "INVESTEE", "AI_COMPUTE", "60.00", "2023-04-02"),
                "funding", "VOUCHER", "voucherId", "atomic-v"));                                       // 0 fine alone
        batch.add(line("at-neg", "acme", "EXTERNAL", "IAAS", "-1.00", "2023-04-02"));              // 1 negative
        batch.add(line("at-fen", "acme", "EXTERNAL", "IAAS", "1.001", "2023-04-02"));              // 2 sub-fen
        batch.add(with(line("at-maas", "acme", "EXTERNAL", "MAAS_TOKENS", "1.00", "2023-04-02")));  // 3 no tokens
        batch.add(with(line("at-tok", "acme", "EXTERNAL", "IAAS", "1.00", "2023-04-02"), "tokens", 5)); // 4 tokens on IAAS
        batch.add(with(line("at-bu", "taobao", "INTERNAL", "IAAS", "1.00", "2023-04-02"), "businessUnit", null)); // 5
        batch.add(with(line("at-bu2", "acme", "EXTERNAL", "IAAS", "1.00", "2023-04-02"), "businessUnit", "taobao")); // 6
        batch.add(with(line("at-over", "minimax", "INVESTEE", "AI_COMPUTE", "40.01", "2023-04-03"),
                "funding", "VOUCHER", "voucherId", "atomic-v"));                                       // 7 overdraws
        batch.add(with(line("at-cash-v", "acme", "EXTERNAL", "IAAS", "1.00", "2023-04-02"), "voucherId", "atomic-v")); // 8
        batch.add(with(line("at-kind", "acme", "FRIEND", "IAAS", "1.00", "2023-04-02")));         // 9 unknown kind
        batch.add(with(line("at-fix", "acme", "EXTERNAL", "IAAS", "-1.00", "2023-04-02"), "correctionOf", "never")); // 10
        batch.add(with(line("at-x", "acme", "EXTERNAL", "IAAS", "1.00", "2023-04-02"), "lineId", null)); // 11 no id

        Map<String, Object> problem = api.problem(HttpRequest.POST("/api/v1/ledger/lines", batch), 400);
        assertThat(offenders(problem)).containsExactly("1:at-neg:amountCny", "2:at-fen:amountCny", "3:at-maas:tokens",
                "4:at-tok:tokens", "5:at-bu:businessUnit", "6:at-bu2:businessUnit", "7:at-over:voucherId",
                "8:at-cash-v:voucherId", "9:at-kind:customerKind", "10:at-fix:correctionOf", "11:null:lineId");
        assertThat((String) problem.get("detail")).contains("nothing was stored");

        assertThat(total("2023-04")).containsEntry("lines", 0);
        assertThat(dec(api.get("/api/v1/vouchers/atomic-v").get("drawnCny"))).isEqualByComparingTo("0.00");
        // The valid line of the rejected batch was not stored: sent alone now, it is new.
        assertThat(api.lines(List.of(batch.get(0)))).containsEntry("accepted", 1);
    }

    @Test
    void aBatchOverTheLimitIs413AndAnEmptyOneIs400() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            batch.add(line("big-" + i, "acme", "EXTERNAL", "IAAS", "1.00", "2023-05-01"));
        }
        assertThat((String) api.problem(HttpRequest.POST("/api/v1/ledger/lines", batch), 413).get("detail"))
                .contains("at most 10000");
        api.problem(HttpRequest.POST("/api/v1/ledger/lines", List.of()), 400);
        assertThat(total("2023-05")).containsEntry("lines", 0);
        // Exactly the limit is fine.
        assertThat(api.lines(batch.subList(0, 10_000))).containsEntry("accepted", 10_000);
        assertThat(dec(total("2023-05").get("amountCny"))).isEqualByComparingTo("10000.00");
    }

    @Test
    void brokenJsonAndWrongTypesAreProblems() {
        var broken = HttpRequest.POST("/api/v1/ledger/lines", "[{\"lineId\": ").contentType("application/json");
        assertThat((String) api.problem(broken, 400).get("detail")).contains("JSON");
        var wrongType = HttpRequest.POST("/api/v1/ledger/lines", "[{\"lineId\":\"x\",\"amountCny\":\"lots\"}]")
                .contentType("application/json");
        assertThat(api.problem(wrongType, 400)).containsKey("detail");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCorrectionIsANewLineAndTheCorrectedLineIsNeverEdited() {
        var billed = with(line("cor-1", "acme", "EXTERNAL", "MAAS_TOKENS", "300.00", "2023-06-10"), "tokens", 3_000_000);
        assertThat(api.lines(List.of(billed))).containsEntry("accepted", 1);
        var fix = with(billed, "lineId", "cor-1-fix", "amountCny", -50.00, "tokens", -500_000,
                "bookedOn", "2023-07-02", "correctionOf", "cor-1");
        var again = with(fix, "lineId", "cor-1-fix2", "amountCny", 10.00, "tokens", 0);
        assertThat(api.lines(List.of(fix, again))).containsEntry("accepted", 2);

        Map<String, Object> history = api.get("/api/v1/ledger/lines/cor-1");
        assertThat(history).containsOnlyKeys("line", "corrections", "effectiveAmountCny", "effectiveTokens");
        assertThat((Map<String, Object>) history.get("line")).containsOnlyKeys("lineId", "customerId", "customerKind",
                "businessUnit", "bookedOn", "product", "amountCny", "funding", "voucherId", "tokens", "correctionOf",
                "recordedAt", "importId", "billedCurrency", "billedAmount", "fxRate", "fxDay", "fxVersion", "pricingCurrency",
                "pricingCost", "model");
        Map<String, Object> original = (Map<String, Object>) history.get("line");
        assertThat(dec(original.get("amountCny"))).isEqualByComparingTo("300.00");
        assertThat(original).containsEntry("tokens", 3_000_000).containsEntry("correctionOf", null);
        assertThat((List<?>) history.get("corrections")).hasSize(2);
        assertThat(dec(history.get("effectiveAmountCny"))).isEqualByComparingTo("260.00");
        assertThat(history).containsEntry("effectiveTokens", 2_500_000);

        // Each quarter counts what was booked in it: the correction lands in July.
        assertThat(dec(total("2023-06").get("amountCny"))).isEqualByComparingTo("300.00");
        assertThat(dec(total("2023-07").get("amountCny"))).isEqualByComparingTo("-40.00");
        assertThat(total("2023-07")).containsEntry("tokens", -500_000);

        // A correction may not take the line below zero, nor change its customer.
        var tooMuch = with(fix, "lineId", "cor-1-fix3", "amountCny", -260.01, "tokens", 0);
        assertThat(offenders(api.problem(HttpRequest.POST("/api/v1/ledger/lines", List.of(tooMuch)), 400)))
                .containsExactly("0:cor-1-fix3:amountCny");
        var otherCustomer = with(fix, "lineId", "cor-1-fix4", "customerId", "beta");
        assertThat(offenders(api.problem(HttpRequest.POST("/api/v1/ledger/lines", List.of(otherCustomer)), 400)))
                .containsExactly("0:cor-1-fix4:correctionOf");
    }

    @Test
    void voucherLinesDrawTheVoucherDownAndMayNotOverdrawOrUseAnotherCustomersOrAnExpiredVoucher() {
        api.voucher("draw-v", "moonshot", "100.00", "2023-08-01", "2023-08-31");
        var first = with(line("draw-1", "moonshot", "INVESTEE", "MAAS_TOKENS", "70.00", "2023-08-05"),
                "funding", "VOUCHER", "voucherId", "draw-v", "tokens", 700_000);
        assertThat(api.lines(List.of(first))).containsEntry("accepted", 1);
        assertThat(dec(api.get("/api/v1/vouchers/draw-v").get("balanceCny"))).isEqualByComparingTo("30.00");

        var overdraw = with(first, "lineId", "draw-2", "amountCny", 30.01);
        Map<String, Object> problem = api.problem(HttpRequest.POST("/api/v1/ledger/lines", List.of(overdraw)), 400);
        assertThat(offenders(problem)).containsExactly("0:draw-2:voucherId");
        assertThat((String) problem.get("detail")).contains("30.00 CNY left");

        var someoneElse = with(first, "lineId", "draw-3", "customerId", "zhipu", "amountCny", 1.00);
        var expired = with(first, "lineId", "draw-4", "amountCny", 1.00, "bookedOn", "2023-09-01");
        assertThat(offenders(api.problem(HttpRequest.POST("/api/v1/ledger/lines", List.of(someoneElse, expired)), 400)))
                .containsExactly("0:draw-3:voucherId", "1:draw-4:voucherId");

        // A negative correction gives balance back, which a new line may then use.
        var refund = with(first, "lineId", "draw-1-fix", "amountCny", -20.00, "tokens", -200_000,
                "bookedOn", "2023-09-05", "correctionOf", "draw-1");
        var more = with(first, "lineId", "draw-5", "amountCny", 50.00, "bookedOn", "2023-08-31");
        assertThat(api.lines(List.of(refund, more))).containsEntry("accepted", 2);
        Map<String, Object> voucher = api.get("/api/v1/vouchers/draw-v");
        assertThat(dec(voucher.get("drawnCny"))).isEqualByComparingTo("100.00");
        assertThat(dec(voucher.get("balanceCny"))).isEqualByComparingTo("0.00");
    }

    @Test
    void concurrentBatchesCannotOverdrawAVoucherTogether() throws Exception {
        api.voucher("race-v", "minimax", "100.00", "2023-10-01", "2023-12-31");
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                // Each batch alone fits (60 of 100); any two together overdraw.
                var batch = List.of(with(line("race-" + w, "minimax", "INVESTEE", "AI_COMPUTE", "60.00", "2023-10-02"),
                        "funding", "VOUCHER", "voucherId", "race-v"));
                tasks.add(() -> {
                    try {
                        return ((Number) api.lines(batch).get("accepted")).intValue();
                    } catch (HttpClientResponseException e) {
                        return e.getStatus().getCode() == 400 ? 0 : -1;
                    }
                });
            }
            int accepted = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isNotNegative();
                accepted += f.get();
            }
            assertThat(accepted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(dec(api.get("/api/v1/vouchers/race-v").get("drawnCny"))).isEqualByComparingTo("60.00");
        assertThat(dec(total("2023-10-02").get("voucherCny"))).isEqualByComparingTo("60.00");
    }

    @Test
    @SuppressWarnings("unchecked")
    void summariesBreakThePeriodDownByEachDimension() {
        api.voucher("sum-v", "minimax", "500.00", "2022-01-01", "2022-12-31");
        api.lines(List.of(
                with(line("sum-1", "acme", "EXTERNAL", "MAAS_TOKENS", "10.00", "2022-02-01"), "tokens", 1_000),
                line("sum-2", "taobao", "INTERNAL", "AI_APPS", "20.00", "2022-02-02"),
                line("sum-3", "amap", "INTERNAL", "IAAS", "30.00", "2022-02-03"),
                with(line("sum-4", "minimax", "INVESTEE", "AI_COMPUTE", "40.00", "2022-02-04"),
                        "funding", "VOUCHER", "voucherId", "sum-v"),
                line("sum-5", "acme", "EXTERNAL", "IAAS", "99.00", "2022-03-01")));

        Map<String, Object> byCustomer = summary("2022-02", "customer");
        assertThat(byCustomer).containsEntry("period", "2022-02").containsEntry("groupBy", "customer")
                .containsEntry("from", "2022-02-01").containsEntry("to", "2022-02-28");
        assertThat((List<Map<String, Object>>) byCustomer.get("rows"))
                .extracting(r -> r.get("key") + "=" + dec(r.get("amountCny")).setScale(2).toPlainString())
                .containsExactly("acme=10.00", "amap=30.00", "minimax=40.00", "taobao=20.00");
        assertThat((List<Map<String, Object>>) summary("2022-Q1", "businessUnit").get("rows"))
                .extracting(r -> r.get("key") + "=" + dec(r.get("amountCny")).setScale(2).toPlainString())
                .containsExactly("amap=30.00", "taobao=20.00");
        assertThat((List<Map<String, Object>>) summary("FY2022-Q4", "funding").get("rows"))
                .extracting(r -> r.get("key") + "=" + dec(r.get("amountCny")).setScale(2).toPlainString())
                .containsExactly("CASH=159.00", "VOUCHER=40.00");
        assertThat((List<Map<String, Object>>) summary("2022-Q1", "product").get("rows"))
                .extracting(r -> r.get("key") + "=" + r.get("lines")).containsExactly(
                        "AI_APPS=1", "AI_COMPUTE=1", "IAAS=2", "MAAS_TOKENS=1");
        assertThat((List<Map<String, Object>>) summary("2022-Q1", "customerKind").get("rows"))
                .extracting(r -> r.get("key")).containsExactly("EXTERNAL", "INTERNAL", "INVESTEE");

        // The AI-attributed part: MaaS 10 (acme, cash), AI apps 20 (taobao, cash), AI compute 40 (minimax, voucher).
        Map<String, Object> quarter = total("2022-Q1");
        assertThat(dec(quarter.get("aiCny"))).isEqualByComparingTo("70.00");
        assertThat(dec(quarter.get("aiCashCny"))).isEqualByComparingTo("30.00");
        assertThat(dec(quarter.get("maasCny"))).isEqualByComparingTo("10.00");
        assertThat((List<Map<String, Object>>) summary("2022-Q1", "customer").get("rows"))
                .extracting(r -> r.get("key") + "=" + dec(r.get("aiCny")).setScale(2) + "/"
                        + dec(r.get("aiCashCny")).setScale(2) + "/" + dec(r.get("maasCny")).setScale(2))
                .containsExactly("acme=10.00/10.00/10.00", "amap=0.00/0.00/0.00", "minimax=40.00/0.00/0.00",
                        "taobao=20.00/20.00/0.00");
        // By product, a row is all AI or none of it, as the product's own flag says.
        for (Map<String, Object> row : (List<Map<String, Object>>) summary("2022-Q1", "product").get("rows")) {
            BigDecimal expected = Product.valueOf((String) row.get("key")).aiDriven() ? dec(row.get("amountCny"))
                    : BigDecimal.ZERO;
            assertThat(dec(row.get("aiCny"))).as((String) row.get("key")).isEqualByComparingTo(expected);
        }
        // One unit's own lines by product: taobao's AI apps, not amap's IaaS.
        assertThat((List<Map<String, Object>>) api.get("/api/v1/ledger/summary?period=2022-Q1&groupBy=product"
                + "&businessUnit=taobao").get("rows"))
                .extracting(r -> r.get("key") + "=" + dec(r.get("amountCny")).setScale(2) + "/" + dec(r.get("aiCny")).setScale(2))
                .containsExactly("AI_APPS=20.00/20.00");
        assertThat((String) api.problem(HttpRequest.GET("/api/v1/ledger/summary?period=2022-Q1&businessUnit=taobao"), 400)
                .get("detail")).contains("groupBy=product");
        Map<String, Object> total = total("2022-02");
        assertThat(dec(total.get("cashCny"))).isEqualByComparingTo("60.00");
        assertThat(dec(total.get("voucherCny"))).isEqualByComparingTo("40.00");
        assertThat(total).containsEntry("tokens", 1_000).containsEntry("key", "total");

        assertThat((String) api.problem(HttpRequest.GET("/api/v1/ledger/summary?period=2022-02&groupBy=region"), 400)
                .get("detail")).contains("businessUnit");
        api.problem(HttpRequest.GET("/api/v1/ledger/summary?period=someday"), 400);
        api.problem(HttpRequest.GET("/api/v1/ledger/summary"), 400);
    }

    @Test
    void tokenSumsBeyondALongAreExact() {
        assertThat(api.lines(BillingApi.largestTokenBatch("max-tokens-", "acme", "2021-08-10"))).containsEntry("accepted", 10_000);

        assertThat(dec(total("2021-08").get("tokens"))).isEqualByComparingTo(new BigDecimal(BillingApi.LARGEST_TOKEN_BATCH_TOKENS));
        assertThat(total("2021-08")).containsEntry("lines", 10_000);
        assertThat(dec(total("2021-08").get("amountCny"))).isEqualByComparingTo("100.00");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> byProduct = (List<Map<String, Object>>) summary("2021-Q3", "product").get("rows");
        assertThat(byProduct).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("key", "MAAS_TOKENS");
            assertThat(dec(row.get("tokens"))).isEqualByComparingTo(new BigDecimal(BillingApi.LARGEST_TOKEN_BATCH_TOKENS));
        });
    }

    @Test
    void anUnknownLineIsNotFound() {
        api.problem(HttpRequest.GET("/api/v1/ledger/lines/no-such-line"), 404);
    }

    @Test
    void ingestionOutcomesAreCountedForPrometheus() {
        api.lines(List.of(line("metric-1", "acme", "EXTERNAL", "IAAS", "1.00", "2023-11-01")));
        api.lines(List.of(line("metric-1", "acme", "EXTERNAL", "IAAS", "1.00", "2023-11-01")));
        String metrics = api.getText("/prometheus");
        assertThat(metrics).contains("kpi_ingest_items_total{outcome=\"accepted\",stream=\"ledger-lines\"}")
                .contains("kpi_ingest_items_total{outcome=\"duplicate\",stream=\"ledger-lines\"}");
    }
}
