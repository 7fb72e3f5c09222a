package aikpi.billing.fx;

import static aikpi.billing.BillingApi.dec;
import static aikpi.billing.BillingApi.line;
import static aikpi.billing.BillingApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exchange rates over HTTP: versions, the bad input of a rate and of a rates file (nothing stored), which rate converts
 * a ledger line, the breakdown by billed currency, a correction's currency, a rebook, and the attribution's currencies.
 * Each test uses its own currency or days, in one service.
 */
@MicronautTest
class FxRateApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    BillingApi api;

    @BeforeEach
    void api() {
        api = new BillingApi(client.toBlocking());
    }

    private HttpResponse<Map> rate(String currency, String day, String cnyPerUnit) {
        return api.put("/api/v1/fx-rates/" + currency + "/" + day, Map.of("cnyPerUnit", new BigDecimal(cnyPerUnit),
                "source", "test rate"));
    }

    private Map<String, Object> refused(String currency, String day, Object cnyPerUnit) {
        return api.problem(HttpRequest.PUT("/api/v1/fx-rates/" + currency + "/" + day,
                cnyPerUnit == null ? Map.of("source", "x") : Map.of("cnyPerUnit", cnyPerUnit, "source", "x")), 400);
    }

    private HttpRequest<byte[]> csv(String body) {
        return HttpRequest.POST("/api/v1/fx-rates", body.getBytes(StandardCharsets.UTF_8)).contentType("text/csv");
    }

    @Test
    void eachChangeIsANewVersionAndTheSameValueChangesNothing() {
        HttpResponse<Map> first = rate("GBP", "2025-03-03", "9.1");
        assertThat(first.getStatus().getCode()).isEqualTo(201);
        assertThat(first.body()).containsEntry("version", 1).containsEntry("currency", "GBP").containsKey("setBy")
                .containsKey("setAt");
        HttpResponse<Map> same = rate("GBP", "2025-03-03", "9.1000");
        assertThat(same.getStatus().getCode()).isEqualTo(200);
        assertThat(same.body()).containsEntry("version", 1);
        assertThat(rate("GBP", "2025-03-03", "9.2").body()).containsEntry("version", 2);
        List<Map<String, Object>> versions = api.getList("/api/v1/fx-rates?currency=GBP&from=2025-03-01&to=2025-03-31");
        assertThat(versions).extracting(v -> v.get("version") + ":" + dec(v.get("cnyPerUnit")).toPlainString())
                .containsExactly("1:9.1", "2:9.2");
        assertThat(api.getAllPages("/api/v1/fx-rates?currency=GBP", 1)).hasSize(2);
        api.assertPagingParametersChecked("/api/v1/fx-rates", BillingApi.FOREIGN_CURSOR);
    }

    @Test
    void aBadRateIsRefusedAndNothingIsStored() {
        assertThat(refused("XYZ", "2025-03-03", 1).get("detail").toString()).contains("XYZ", "ISO 4217");
        assertThat(refused("usd", "2025-03-03", 1).get("detail").toString()).contains("ISO 4217");
        assertThat(refused("CNY", "2025-03-03", 1).get("detail").toString()).contains("CNY needs no rate");
        assertThat(refused("CHF", "2025-03-03", 0).get("detail").toString()).contains("above zero");
        assertThat(refused("CHF", "2025-03-03", -7.1).get("detail").toString()).contains("above zero");
        assertThat(refused("CHF", "2025-03-03", new BigDecimal("7.12345678901")).get("detail").toString())
                .contains("more than 10 decimals");
        assertThat(refused("CHF", "2099-01-01", 1).get("detail").toString()).contains("future");
        assertThat(refused("CHF", "2025-02-30", 1).get("detail").toString()).contains("date");
        assertThat(refused("CHF", "2025-03-03", null).get("detail").toString()).contains("cnyPerUnit is missing");
        assertThat(api.getList("/api/v1/fx-rates?currency=CHF")).isEmpty();
        api.problem(HttpRequest.GET("/api/v1/fx-rates?currency=XYZ"), 400);
        api.problem(HttpRequest.GET("/api/v1/fx-rates?from=2025-03-05&to=2025-03-01"), 400);
    }

    @Test
    void aRatesFileIsAllOrNothingAndABadRowIsNamed() {
        for (String bad : List.of("XYZ,7.1", "SEK,0", "SEK,-1", "SEK,0.12345678901", "SEK,abc")) {
            String[] f = bad.split(",");
            Map<String, Object> problem = api.problem(csv("date,currency,cnyPerUnit,source\n"
                    + "2025-04-01,SEK,0.68,synthetic\n2025-04-02," + f[0] + "," + f[1] + ",synthetic\n"), 400);
            assertThat(problem.get("detail").toString()).contains("line 3").contains("Nothing was stored");
            assertThat(errorLines(problem)).containsExactly(3L);
        }
        Map<String, Object> future = api.problem(csv("date,currency,cnyPerUnit,source\n2099-04-01,SEK,0.68,x\n"), 400);
        assertThat(future.get("detail").toString()).contains("line 2", "future");
        Map<String, Object> missing = api.problem(csv("date,currency,source\n2025-04-01,SEK,x\n"), 400);
        assertThat(missing.get("detail").toString()).contains("Line 1", "cnyPerUnit");
        assertThat(errorLines(missing)).containsExactly(1L);
        assertThat(api.getList("/api/v1/fx-rates?currency=SEK")).isEmpty();

        Map<String, Object> done = client.toBlocking().retrieve(csv("date,currency,cnyPerUnit,source\n"
                + "2025-04-01,SEK,0.68,synthetic\n2025-04-02,SEK,0.69,synthetic\n"), Map.class);
        assertThat(done).containsEntry("rows", 2).containsEntry("created", 2).containsEntry("unchanged", 0);
        assertThat(api.getList("/api/v1/fx-rates?currency=SEK")).hasSize(2);
    }

    @SuppressWarnings("unchecked")
    private static List<Long> errorLines(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream()
                .map(e -> ((Number) e.get("line")).longValue()).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLineInAnotherCurrencyIsConvertedAtItsDaysRateOrTheLatestWithinTheMaxAge() {
        rate("USD", "2025-01-06", "7.1234");
        rate("USD", "2025-01-08", "7.2000");
        api.lines(List.of(
                usd("fx-a", "100.00", "2025-01-06"),       // its own day: 712.34
                usd("fx-b", "0.005", "2025-01-07"),        // the day before's: 0.035617 -> 0.04
                usd("fx-c", "10", "2025-01-15"),           // 2025-01-08 is 7 days before: 72.00
                line("fx-d", "acme", "EXTERNAL", "IAAS", "5.00", "2025-01-06")));
        Map<String, Object> a = (Map<String, Object>) api.get("/api/v1/ledger/lines/fx-a").get("line");
        assertThat(dec(a.get("amountCny"))).isEqualByComparingTo("712.34");
        assertThat(a).containsEntry("billedCurrency", "USD").containsEntry("fxDay", "2025-01-06").containsEntry("fxVersion", 1);
        assertThat(dec(a.get("billedAmount"))).isEqualByComparingTo("100");
        assertThat(dec(((Map<String, Object>) api.get("/api/v1/ledger/lines/fx-b").get("line")).get("amountCny")))
                .isEqualByComparingTo("0.04");
        Map<String, Object> c = (Map<String, Object>) api.get("/api/v1/ledger/lines/fx-c").get("line");
        assertThat(c).containsEntry("fxDay", "2025-01-08");
        assertThat(dec(c.get("amountCny"))).isEqualByComparingTo("72.00");
        Map<String, Object> d = (Map<String, Object>) api.get("/api/v1/ledger/lines/fx-d").get("line");
        assertThat(d).containsEntry("billedCurrency", "CNY").containsEntry("fxVersion", null);
        assertThat(dec(d.get("fxRate"))).isEqualByComparingTo("1");

        // Eight days after the last rate: refused, the line, currency and day named; nothing of the batch stored.
        Map<String, Object> problem = api.problem(HttpRequest.POST("/api/v1/ledger/lines", List.of(
                line("fx-e", "acme", "EXTERNAL", "IAAS", "1.00", "2025-01-16"), usd("fx-f", "1", "2025-01-16"))), 400);
        assertThat(BillingApi.offenders(problem)).containsExactly("1:fx-f:currency");
        assertThat(problem.toString()).contains("USD", "2025-01-16");
        api.problem(HttpRequest.GET("/api/v1/ledger/lines/fx-e"), 404);

        // Exactly one form of amount; a known currency.
        Map<String, Object> both = api.problem(HttpRequest.POST("/api/v1/ledger/lines",
                List.of(with(usd("fx-g", "1", "2025-01-06"), "amountCny", new BigDecimal("7.12")))), 400);
        assertThat(BillingApi.offenders(both)).containsExactly("0:fx-g:amountCny");
        Map<String, Object> unknown = api.problem(HttpRequest.POST("/api/v1/ledger/lines",
                List.of(with(usd("fx-h", "1", "2025-01-06"), "currency", "XYZ"))), 400);
        assertThat(BillingApi.offenders(unknown)).containsExactly("0:fx-h:currency");
        Map<String, Object> noAmount = api.problem(HttpRequest.POST("/api/v1/ledger/lines",
                List.of(with(usd("fx-i", "1", "2025-01-06"), "amount", null))), 400);
        assertThat(BillingApi.offenders(noAmount)).containsExactly("0:fx-i:amount");

        // A correction keeps its original's currency.
        Map<String, Object> cnyCorrection = api.problem(HttpRequest.POST("/api/v1/ledger/lines", List.of(with(
                line("fx-a-c1", "acme", "EXTERNAL", "IAAS", "-1.00", "2025-01-09"), "correctionOf", "fx-a"))), 400);
        assertThat(BillingApi.offenders(cnyCorrection)).containsExactly("0:fx-a-c1:correctionOf");
        api.lines(List.of(with(usd("fx-a-c2", "-10", "2025-01-09"), "correctionOf", "fx-a")));
        assertThat(dec(api.get("/api/v1/ledger/lines/fx-a").get("effectiveAmountCny"))).isEqualByComparingTo("640.34");

        // The breakdown by billed currency: both amounts; every other figure stays CNY.
        Map<String, Object> summary = api.get("/api/v1/ledger/summary?period=2025-01&groupBy=currency");
        assertThat(summary).containsEntry("groupBy", "currency");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) summary.get("rows");
        assertThat(rows).extracting(r -> r.get("key")).contains("CNY", "USD");
        Map<String, Object> usd = rows.stream().filter(r -> r.get("key").equals("USD")).findFirst().orElseThrow();
        assertThat(dec(usd.get("billedAmount"))).isEqualByComparingTo("100.005");
        // 712.34 + 0.04 + 72.00 - 72.00 (the correction: -10 USD at 7.2000 on 2025-01-08's rate)
        assertThat(dec(usd.get("amountCny"))).isEqualByComparingTo("712.38");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCorrectedRateChangesNothingBookedUntilARebookWhichListsWhatChanged() {
        rate("EUR", "2025-02-03", "7.5");
        api.lines(List.of(eur("rb-1", "200", "2025-02-03"), eur("rb-2", "1", "2025-02-04")));
        rate("EUR", "2025-02-03", "7.6");
        assertThat(dec(stored("rb-1").get("amountCny"))).isEqualByComparingTo("1500.00");
        assertThat(stored("rb-1")).containsEntry("fxVersion", 1);
        BigDecimal before = total("2025-02");

        Map<String, Object> rebook = api.post("/api/v1/fx-rates/rebook?from=2025-02-01&to=2025-02-28", Map.of());
        assertThat(rebook).containsEntry("linesRead", 2).containsEntry("linesChanged", 2);
        List<Map<String, Object>> changed = (List<Map<String, Object>>) rebook.get("changed");
        Map<String, Object> one = changed.stream().filter(x -> x.get("lineId").equals("rb-1")).findFirst().orElseThrow();
        assertThat(dec(one.get("oldAmountCny"))).isEqualByComparingTo("1500.00");
        assertThat(dec(one.get("newAmountCny"))).isEqualByComparingTo("1520.00");
        assertThat(one).containsEntry("oldVersion", 1).containsEntry("newVersion", 2);
        assertThat(dec(stored("rb-1").get("amountCny"))).isEqualByComparingTo("1520.00");
        assertThat(dec(stored("rb-2").get("amountCny"))).isEqualByComparingTo("7.60");
        // The daily rollup moved with the lines.
        assertThat(total("2025-02")).isEqualByComparingTo(before.add(new BigDecimal("20.10")));
        // What changed since a data version names the rebooked days.
        List<Map<String, Object>> changes = api.getList("/api/v1/changes?period=2025-02&since=2020-01-01T00:00:00Z")
                .stream().filter(x -> x.get("kind").equals("FX_REBOOK")).toList();
        assertThat(changes).extracting(x -> x.get("day") + ":" + x.get("items"))
                .containsExactlyInAnyOrder("2025-02-03:1", "2025-02-04:1");
        // Nothing left to change.
        assertThat(api.post("/api/v1/fx-rates/rebook?from=2025-02-01&to=2025-02-28", Map.of()))
                .containsEntry("linesChanged", 0);
        api.problem(HttpRequest.POST("/api/v1/fx-rates/rebook?from=2025-02-28&to=2025-02-01", Map.of()), 400);
        api.problem(HttpRequest.POST("/api/v1/fx-rates/rebook?from=2025-02-01", Map.of()), 400);
    }

    @Test
    void aRebookThatWouldOverdrawAVoucherIsRefusedAndChangesNothing() {
        rate("USD", "2025-03-03", "7.0");
        api.voucher("fx-v", "inv-fx", "700.00", "2025-01-01", "2025-12-31");
        api.lines(List.of(with(line("fx-vl", "inv-fx", "INVESTEE", "AI_COMPUTE", "0", "2025-03-03"), "amountCny", null,
                "currency", "USD", "amount", new BigDecimal("100"), "funding", "VOUCHER", "voucherId", "fx-v")));
        assertThat(dec(api.get("/api/v1/vouchers/fx-v").get("drawnCny"))).isEqualByComparingTo("700.00");
        // The dollar is set higher for that day: at the new rate the line would draw 720 CNY of a 700 CNY voucher.
        rate("USD", "2025-03-03", "7.2");
        Map<String, Object> problem = api.problem(
                HttpRequest.POST("/api/v1/fx-rates/rebook?from=2025-03-01&to=2025-03-31", Map.of()), 409);
        assertThat(problem.get("detail").toString()).contains("fx-v").contains("720");
        assertThat(dec(stored("fx-vl").get("amountCny"))).isEqualByComparingTo("700.00");
        assertThat(dec(api.get("/api/v1/vouchers/fx-v").get("drawnCny"))).isEqualByComparingTo("700.00");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAttributionListsTheCurrenciesTheirShareAndTheRatesUsed() {
        rate("JPY", "2025-05-06", "0.05");
        api.lines(List.of(with(line("at-1", "acme", "EXTERNAL", "IAAS", "0", "2025-05-06"), "amountCny", null,
                        "currency", "JPY", "amount", new BigDecimal("3000")),
                line("at-2", "acme", "EXTERNAL", "IAAS", "150.00", "2025-05-06")));
        Map<String, Object> a = api.get("/api/v1/attribution?period=2025-Q2");
        List<Map<String, Object>> currencies = (List<Map<String, Object>>) a.get("currencies");
        Map<String, Object> jpy = currencies.stream().filter(c -> c.get("currency").equals("JPY")).findFirst().orElseThrow();
        assertThat(dec(jpy.get("billedAmount"))).isEqualByComparingTo("3000");
        assertThat(dec(jpy.get("amountCny"))).isEqualByComparingTo("150.00");
        assertThat(dec(jpy.get("share"))).isEqualByComparingTo("0.5");
        assertThat((List<Map<String, Object>>) a.get("fxRates")).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("currency", "JPY").containsEntry("day", "2025-05-06").containsEntry("version", 1)
                    .containsEntry("source", "test rate");
            assertThat(dec(r.get("cnyPerUnit"))).isEqualByComparingTo("0.05");
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> stored(String id) {
        return (Map<String, Object>) api.get("/api/v1/ledger/lines/" + id).get("line");
    }

    @SuppressWarnings("unchecked")
    private BigDecimal total(String period) {
        return dec(((List<Map<String, Object>>) api.get("/api/v1/ledger/summary?period=" + period).get("rows")).get(0)
                .get("amountCny"));
    }

    private static Map<String, Object> usd(String id, String amount, String day) {
        return foreign(id, "USD", amount, day);
    }

    private static Map<String, Object> eur(String id, String amount, String day) {
        return foreign(id, "EUR", amount, day);
    }

    private static Map<String, Object> foreign(String id, String currency, String amount, String day) {
        return with(line(id, "acme", "EXTERNAL", "IAAS", "0", day), "amountCny", null, "currency", currency,
                "amount", new BigDecimal(amount));
    }
}
