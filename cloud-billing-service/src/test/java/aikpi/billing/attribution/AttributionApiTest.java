package aikpi.billing.attribution;

import static aikpi.billing.BillingApi.dec;
import static aikpi.billing.BillingApi.line;
import static aikpi.billing.BillingApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import aikpi.billing.metering.FakeTongyi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The attribution over HTTP, reconciled against a tongyi-service stand-in ({@link FakeTongyi}) on a port of its own. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttributionApiTest implements TestPropertyProvider {

    private final FakeTongyi tongyi = new FakeTongyi();

    @Inject
    @Client("/")
    HttpClient client;

    BillingApi api;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("micronaut.http.services.tongyi-service.url", tongyi.url(),
                "micronaut.http.services.tongyi-service.read-timeout", "500ms");
    }

    @AfterAll
    void stopTongyi() {
        tongyi.close();
    }

    @BeforeEach
    void api() {
        api = new BillingApi(client.toBlocking());
        tongyi.metering(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /**
     * The article's quarter with a synthetic ledger (the reported figures are real, the lines are not):
     * <pre>
     *   maas-1      acme      EXTERNAL  MAAS_TOKENS  1,200,000.00 cash     1,500,000,000 tokens
     *   maas-1-fix  acme      correction of maas-1   -200,000.00 cash     -250,000,000 tokens
     *   maas-2      minimax   INVESTEE  MAAS_TOKENS    800,000.00 voucher  1,000,000,000 tokens
     *   comp-1      moonshot  INVESTEE  AI_COMPUTE     500,000.00 cash
     *   app-1       quark     INTERNAL  AI_APPS        300,000.00 cash
     *   iaas-1      taobao    INTERNAL  IAAS         2,000,000.00 cash
     *   maas-0      acme      booked 2024-09-30, in the quarter before: not counted
     * </pre>
     */
    @Test
    void theArticlesQuarterIsAttributedAndReconciled() {
        assertThat(api.groupRevenue("FY2025-Q3", "280154000000", "31742000000").getStatus().getCode()).isEqualTo(201);
        api.voucher("attr-mm", "minimax", "1000000.00", "2024-10-01", "2025-03-31");
        var maas = with(line("maas-1", "acme", "EXTERNAL", "MAAS_TOKENS", "1200000.00", "2024-10-20"),
                "tokens", 1_500_000_000L);
        assertThat(api.lines(List.of(
                with(maas, "lineId", "maas-0", "bookedOn", "2024-09-30", "amountCny", 999.00),
                maas,
                with(line("maas-2", "minimax", "INVESTEE", "MAAS_TOKENS", "800000.00", "2024-11-11"),
                        "funding", "VOUCHER", "voucherId", "attr-mm", "tokens", 1_000_000_000L),
                line("comp-1", "moonshot", "INVESTEE", "AI_COMPUTE", "500000.00", "2024-11-12"),
                line("app-1", "quark", "INTERNAL", "AI_APPS", "300000.00", "2024-12-01"),
                line("iaas-1", "taobao", "INTERNAL", "IAAS", "2000000.00", "2024-12-02"),
                with(maas, "lineId", "maas-1-fix", "bookedOn", "2024-12-30", "amountCny", -200000.00,
                        "tokens", -250_000_000L, "correctionOf", "maas-1"))))
                .containsEntry("accepted", 7);
        tongyi.metering(2_000_000_000L);

        Map<String, Object> a = api.get("/api/v1/attribution?period=2024-Q4");
        assertThat(a).containsOnlyKeys("period", "fiscalQuarter", "from", "to", "reported", "note", "source",
                "groupRevenueCny", "cloudRevenueCny", "cloudShare", "cloudSharePct", "baselineShare", "shareGapPp",
                "ledgerTotalCny", "ledgerCashCny", "ledgerVoucherCny", "unattributedCny", "aiRevenueCny",
                "aiCashRevenueCny", "aiVoucherRevenueCny", "aiByProduct", "aiShareOfCloud", "aiCashShareOfCloud",
                "shareWithoutAi", "investees", "businessUnits", "payingCustomers", "reconciliation", "definitions",
                "currencies", "fxRates");
        assertThat(map(a.get("reconciliation"))).containsOnlyKeys("status", "detail", "billedTokens", "meteredTokens",
                "differenceTokens", "differenceRatio", "maasRevenueCny", "maasCashRevenueCny",
                "revenuePerMillionTokensCny", "cashRevenuePerMillionTokensCny", "revenuePerMillionBilledTokensCny");
        assertThat(a).containsEntry("period", "2024-Q4").containsEntry("fiscalQuarter", "FY2025-Q3")
                .containsEntry("from", "2024-10-01").containsEntry("to", "2024-12-31")
                .containsEntry("reported", true).containsEntry("note", null).containsEntry("source", "test figures");
        assertThat(dec(a.get("cloudShare"))).isEqualByComparingTo("0.113302");
        assertThat(dec(a.get("cloudSharePct"))).isEqualByComparingTo("11.33");
        assertThat(dec(a.get("baselineShare"))).isEqualByComparingTo("0.11");
        assertThat(dec(a.get("shareGapPp"))).isEqualByComparingTo("0.33");
        assertThat(dec(a.get("ledgerTotalCny"))).isEqualByComparingTo("4600000.00");
        assertThat(dec(a.get("ledgerCashCny"))).isEqualByComparingTo("3800000.00");
        assertThat(dec(a.get("ledgerVoucherCny"))).isEqualByComparingTo("800000.00");
        assertThat(dec(a.get("unattributedCny"))).isEqualByComparingTo("31737400000.00");  // 31,742 M − 4.6 M
        assertThat(dec(a.get("aiRevenueCny"))).isEqualByComparingTo("2600000.00");        // 1.8 M + 0.5 M + 0.3 M
        assertThat(dec(a.get("aiCashRevenueCny"))).isEqualByComparingTo("1800000.00");
        assertThat(dec(a.get("aiVoucherRevenueCny"))).isEqualByComparingTo("800000.00");
        Map<String, Object> maasSplit = map(map(a.get("aiByProduct")).get("MAAS_TOKENS"));
        assertThat(dec(maasSplit.get("totalCny"))).isEqualByComparingTo("1800000.00");
        assertThat(dec(maasSplit.get("cashCny"))).isEqualByComparingTo("1000000.00");
        assertThat(dec(maasSplit.get("voucherCny"))).isEqualByComparingTo("800000.00");
        assertThat(map(a.get("aiByProduct"))).containsOnlyKeys("MAAS_TOKENS", "AI_COMPUTE", "AI_APPS");
        // 2.6 M ÷ 31,742 M = 0.0000819… ; 1.8 M ÷ 31,742 M = 0.0000567…
        assertThat(dec(a.get("aiShareOfCloud"))).isEqualByComparingTo("0.000082");
        assertThat(dec(a.get("aiCashShareOfCloud"))).isEqualByComparingTo("0.000057");
        // (31,742 M − 1.8 M) ÷ (280,154 M − 1.8 M) = 0.1132962…
        assertThat(dec(a.get("shareWithoutAi"))).isEqualByComparingTo("0.113296");
        assertThat((List<Map<String, Object>>) a.get("investees"))
                .extracting(i -> i.get("customerId") + " cash " + dec(i.get("cashCny")).setScale(2).toPlainString()
                        + " voucher " + dec(i.get("voucherCny")).setScale(2).toPlainString())
                .containsExactly("minimax cash 0.00 voucher 800000.00", "moonshot cash 500000.00 voucher 0.00");
        assertThat((List<Map<String, Object>>) a.get("businessUnits"))
                .extracting(u -> u.get("businessUnit") + " " + dec(u.get("cloudSpendCny")).setScale(2).toPlainString()
                        + " ai " + dec(u.get("aiSpendCny")).setScale(2).toPlainString())
                .containsExactly("quark 300000.00 ai 300000.00", "taobao 2000000.00 ai 0.00");
        assertThat(a).containsEntry("payingCustomers", 4);   // acme, moonshot, quark, taobao; minimax paid by voucher

        Map<String, Object> r = map(a.get("reconciliation"));
        assertThat(r).containsEntry("status", "OK").containsEntry("billedTokens", 2_250_000_000L)
                .containsEntry("meteredTokens", 2_000_000_000).containsEntry("differenceTokens", 250_000_000);
        assertThat(dec(r.get("differenceRatio"))).isEqualByComparingTo("0.125");
        assertThat(dec(r.get("maasRevenueCny"))).isEqualByComparingTo("1800000.00");
        assertThat(dec(r.get("revenuePerMillionTokensCny"))).isEqualByComparingTo("900");        // 1.8 M ÷ 2,000 M × 1 M
        assertThat(dec(r.get("cashRevenuePerMillionTokensCny"))).isEqualByComparingTo("500");
        assertThat(dec(r.get("revenuePerMillionBilledTokensCny"))).isEqualByComparingTo("800"); // 1.8 M ÷ 2,250 M × 1 M
        assertThat(tongyi.queries()).contains("period=2024-Q4");

        // Exact to the fen on the wire, and the fiscal name answers the same.
        String text = api.getText("/api/v1/attribution?period=FY2025-Q3");
        assertThat(text).contains("\"unattributedCny\":31737400000.00").contains("\"cloudShare\":0.113302")
                .contains("\"shareGapPp\":0.33");
        assertThat(api.get("/api/v1/attribution?period=FY2025-Q3")).isEqualTo(a);
        assertThat(tongyi.queries()).doesNotContain("period=FY2025-Q3");
    }

    @Test
    void anUnreportedQuarterStillAnswersWithTheLedgerFiguresAndNullRatios() {
        api.lines(List.of(line("unrep-1", "acme", "EXTERNAL", "AI_APPS", "12.34", "2021-05-05")));
        tongyi.metering(1_000);
        Map<String, Object> a = api.get("/api/v1/attribution?period=2021-Q2");
        assertThat(a).containsEntry("reported", false).containsEntry("cloudShare", null)
                .containsEntry("shareGapPp", null).containsEntry("aiShareOfCloud", null)
                .containsEntry("aiCashShareOfCloud", null).containsEntry("shareWithoutAi", null)
                .containsEntry("unattributedCny", null).containsEntry("groupRevenueCny", null)
                .containsEntry("payingCustomers", 1);
        assertThat((String) a.get("note")).contains("No group revenue is reported for 2021-Q2");
        assertThat(dec(a.get("aiRevenueCny"))).isEqualByComparingTo("12.34");
        assertThat(map(a.get("reconciliation"))).containsEntry("status", "OK").containsEntry("meteredTokens", 1_000)
                .containsEntry("billedTokens", 0).containsEntry("differenceTokens", -1_000);
    }

    @Test
    void billedTokensBeyondALongAreReconciledExactly() {
        api.lines(BillingApi.largestTokenBatch("max-tokens-", "acme", "2023-12-10"));
        tongyi.metering(1_000);

        Map<String, Object> r = map(api.get("/api/v1/attribution?period=2023-Q4").get("reconciliation"));
        assertThat(r).containsEntry("status", "OK").containsEntry("meteredTokens", 1_000);
        assertThat(dec(r.get("billedTokens"))).isEqualByComparingTo(new BigDecimal(BillingApi.LARGEST_TOKEN_BATCH_TOKENS));
        assertThat(dec(r.get("differenceTokens"))).isEqualByComparingTo(
                new BigDecimal(BillingApi.LARGEST_TOKEN_BATCH_TOKENS.subtract(BigInteger.valueOf(1_000))));
        assertThat(dec(r.get("maasRevenueCny"))).isEqualByComparingTo("100.00");
    }

    @Test
    void aTongyiErrorMakesTheReconciliationUnavailableWithItsReason() {
        tongyi.failing(400);
        Map<String, Object> r = map(api.get("/api/v1/attribution?period=2020-Q1").get("reconciliation"));
        assertThat(r).containsEntry("status", "UNAVAILABLE").containsEntry("meteredTokens", null)
                .containsEntry("revenuePerMillionTokensCny", null).containsEntry("differenceTokens", null);
        assertThat((String) r.get("detail")).contains("answered 400").contains("'2020-Q1' is not a period");
    }

    @Test
    void anUnreadableTongyiAnswerMakesTheReconciliationUnavailable() {
        tongyi.garbled();
        Map<String, Object> r = map(api.get("/api/v1/attribution?period=2020-Q3").get("reconciliation"));
        assertThat(r).containsEntry("status", "UNAVAILABLE").containsEntry("meteredTokens", null);
        assertThat((String) r.get("detail")).startsWith("tongyi-service");
    }

    @Test
    void aSlowTongyiMakesTheReconciliationUnavailableAfterTheReadTimeout() {
        // tongyi would answer 5 tokens after 3 s; the 500 ms read timeout gives up first. The state shows which won:
        // an answer would have been OK with 5 tokens, the time-out is UNAVAILABLE saying tongyi did not answer.
        tongyi.metering(5).slow(3_000);
        Map<String, Object> r = map(api.get("/api/v1/attribution?period=2020-Q2").get("reconciliation"));
        assertThat(r).containsEntry("status", "UNAVAILABLE").containsEntry("meteredTokens", null);
        assertThat((String) r.get("detail")).contains("did not answer");
        assertThat(tongyi.queries()).contains("period=2020-Q2");
    }

    @Test
    void onlyAQuarterCanBeAttributed() {
        assertThat((String) api.problem(HttpRequest.GET("/api/v1/attribution?period=2024-11"), 400).get("detail"))
                .contains("not a quarter");
        assertThat((String) api.problem(HttpRequest.GET("/api/v1/attribution?period=2024-Q5"), 400).get("detail"))
                .contains("FY2025-Q3");
        api.problem(HttpRequest.GET("/api/v1/attribution"), 400);
    }
}
