package aikpi.billing.focus;

import static aikpi.billing.BillingApi.dec;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import aikpi.testing.Gzip;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FOCUS imports over HTTP: restatement, corrections, credits and vouchers, token units, gzip, and bad input that
 * changes nothing. Every test books its own customers in its own months, so the tests share one database. The months
 * of 2019 are kept open here (a close 100,000 days after a month ends): these tests restate and correct open months;
 * {@link BillingCloseTest} tests the close.
 */
@MicronautTest
@Property(name = "kpi.billing.close-day", value = "100000")
class FocusImportTest {

    static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient client;

    BillingApi api;

    @BeforeEach
    void api() {
        api = new BillingApi(client.toBlocking());
    }

    static MutableHttpRequest<byte[]> csv(byte[] body) {
        return HttpRequest.POST("/api/v1/ledger/imports", body).contentType("text/csv");
    }

    HttpResponse<Map<String, Object>> send(byte[] body) {
        return client.toBlocking().exchange(csv(body), MAP);
    }

    Map<String, Object> imported(FocusFile file) {
        HttpResponse<Map<String, Object>> r = send(file.bytes());
        assertThat(r.getStatus().getCode()).isEqualTo(201);
        return r.body();
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> summary(String period, String groupBy) {
        Map<String, Object> s = api.get("/api/v1/ledger/summary?period=" + period + "&groupBy=" + groupBy);
        Map<String, Map<String, Object>> rows = new java.util.TreeMap<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) s.get("rows")) {
            rows.put((String) row.get("key"), row);
        }
        return rows;
    }

    BigDecimal customerTotal(String period, String customer) {
        Map<String, Object> row = summary(period, "customer").get(customer);
        return row == null ? BigDecimal.ZERO : dec(row.get("amountCny"));
    }

    @Test
    void usagePurchaseAndAdjustmentAreRevenueTaxIsSkippedAndAFileIsSummedPerDayAtTheFen() {
        FocusFile f = new FocusFile();
        f.usage("sum-co", "2019-01-10", "0.004", "Compute");
        f.usage("sum-co", "2019-01-10", "0.004", "Compute");
        f.usage("sum-co", "2019-01-10", "10.333333333333", "Compute").put("ChargeCategory", "Purchase");
        f.usage("sum-co", "2019-01-11", "1.5", "Databases").put("ChargeCategory", "Adjustment");
        f.usage("sum-co", "2019-01-11", "0.60", "Compute").put("ChargeCategory", "Tax");
        f.usage("sum-co", "2019-01-12", "0", "Storage");
        Map<String, Object> r = imported(f);
        assertThat(r).containsEntry("rows", 6).containsEntry("lines", 2).containsEntry("unchanged", false)
                .containsEntry("billingAccounts", List.of("sum-co")).containsEntry("billingPeriods", List.of("2019-01"));
        assertThat(r.get("skipped")).isEqualTo(Map.of("tax", 1, "zeroCost", 1));
        // 0.004 + 0.004 + 10.333333333333 = 10.341333333333 on one line, rounded once: 10.34 (not 0.00 + 0.00 + 10.33).
        assertThat(dec(r.get("revenueBilledCost"))).isEqualByComparingTo("11.841333333333");
        assertThat(dec(r.get("ledgerTotalCny"))).isEqualByComparingTo("11.84");
        Map<String, Map<String, Object>> byProduct = summary("2019-01", "product");
        assertThat(dec(byProduct.get("IAAS").get("amountCny"))).isEqualByComparingTo("10.34");
        assertThat(dec(byProduct.get("PAAS").get("amountCny"))).isEqualByComparingTo("1.50");
        assertThat(dec(byProduct.get("IAAS").get("cashCny"))).isEqualByComparingTo("10.34");
    }

    @Test
    void aFileOfThousandsOfLinesKeepsTheDailyRollupEqualToItsLinesAndSoDoesItsRestatement() {
        // 60 accounts x 28 days x 2 categories: 3,360 lines, written and added to the daily rollup a few customers at a
        // time; then a file restating the even accounts' month. The summary reads the rollup; the expectation is the
        // file's own costs, each line rounded to the fen.
        FocusFile first = new FocusFile();
        FocusFile restatement = new FocusFile();
        Map<String, BigDecimal> before = new java.util.TreeMap<>();
        Map<String, BigDecimal> after = new java.util.TreeMap<>();
        for (int a = 0; a < 60; a++) {
            String account = String.format("rollup-co-%02d", a);
            for (int day = 1; day <= 28; day++) {
                for (String category : List.of("Compute", "Databases")) {
                    String d = String.format("2018-03-%02d", day);
                    BigDecimal cost = BigDecimal.valueOf(a * 1_000 + day * 10 + category.length() % 7, 3);
                    first.usage(account, d, cost.toPlainString(), category);
                    before.merge(account, cost.setScale(2, java.math.RoundingMode.HALF_EVEN), BigDecimal::add);
                    BigDecimal restated = cost.add(new BigDecimal("1.005"));
                    if (a % 2 == 0) {
                        restatement.usage(account, d, restated.toPlainString(), category);
                    }
                    after.merge(account, (a % 2 == 0 ? restated : cost).setScale(2, java.math.RoundingMode.HALF_EVEN),
                            BigDecimal::add);
                }
            }
        }
        Map<String, Object> r = imported(first);
        assertThat(((Number) r.get("lines")).intValue()).isEqualTo(3_360);
        Map<String, Map<String, Object>> customers = summary("2018-03", "customer");
        before.forEach((account, total) -> assertThat(dec(customers.get(account).get("amountCny"))).as(account)
                .isEqualByComparingTo(total));
        Map<String, Object> second = imported(restatement);
        assertThat(((Number) second.get("lines")).intValue()).isEqualTo(1_680);
        assertThat((List<Object>) second.get("replaced")).containsExactly(r.get("importId"));
        Map<String, Map<String, Object>> restated = summary("2018-03", "customer");
        assertThat(restated.keySet().stream().filter(k -> k.startsWith("rollup-co-"))).hasSize(60);
        after.forEach((account, total) -> assertThat(dec(restated.get(account).get("amountCny"))).as(account)
                .isEqualByComparingTo(total));
        assertThat(dec(summary("2018-03", "funding").get("CASH").get("lines"))).isEqualByComparingTo("3360");
    }

    @Test
    void aCreditMovesItsAmountFromCashToVouchersAndRevenueStaysTheUsage() {
        FocusFile f = new FocusFile();
        f.usage("credit-co", "2019-02-10", "100.00", "Compute");
        f.credit("credit-co", "2019-02-10", "-100.00", "Compute");
        f.usage("credit-co", "2019-02-03", "40.00", "Storage");
        f.usage("credit-co", "2019-02-20", "60.00", "Storage");
        // A credit on a day without usage of the product takes from the days before it first, then after.
        f.credit("credit-co", "2019-02-15", "-70.00", "Storage");
        Map<String, Object> r = imported(f);
        assertThat(r).containsEntry("credits", 2);
        assertThat(dec(r.get("creditBilledCost"))).isEqualByComparingTo("-170.00");
        Map<String, Object> total = summary("2019-02", "customer").get("credit-co");
        assertThat(dec(total.get("amountCny"))).isEqualByComparingTo("200.00");
        assertThat(dec(total.get("cashCny"))).isEqualByComparingTo("30.00");
        assertThat(dec(total.get("voucherCny"))).isEqualByComparingTo("170.00");
        Map<String, Map<String, Object>> byFunding = summary("2019-02", "funding");
        assertThat(dec(byFunding.get("VOUCHER").get("amountCny"))).isGreaterThanOrEqualTo(new BigDecimal("170.00"));
        // The days: the Storage credit of the 15th took the 3rd's 40.00 and 30.00 of the 20th.
        assertThat(customerTotal("2019-02-03", "credit-co")).isEqualByComparingTo("0.00");
        assertThat(dec(summary("2019-02-20", "customer").get("credit-co").get("cashCny"))).isEqualByComparingTo("30.00");
        assertThat(dec(summary("2019-02-15", "customer").get("credit-co").get("voucherCny"))).isEqualByComparingTo("70.00");
    }

    @Test
    void aFileForABillingPeriodAnEarlierImportBroughtRestatesItAndTheSameFileAgainChangesNothing() {
        FocusFile first = new FocusFile();
        first.usage("restate-co", "2019-03-05", "10.00", "Compute");
        first.usage("restate-other", "2019-03-05", "1.00", "Compute");
        Map<String, Object> a = imported(first);
        assertThat(customerTotal("2019-03", "restate-co")).isEqualByComparingTo("10.00");

        FocusFile reissued = new FocusFile();
        reissued.usage("restate-co", "2019-03-05", "12.50", "Compute");
        reissued.usage("restate-co", "2019-03-06", "0.25", "Compute");
        Map<String, Object> b = imported(reissued);
        assertThat(b).containsEntry("replaced", List.of(a.get("importId")));
        assertThat(customerTotal("2019-03", "restate-co")).isEqualByComparingTo("12.75");
        assertThat(customerTotal("2019-03", "restate-other")).isEqualByComparingTo("1.00");
        // The earlier import stays readable; its restated unit names the import that replaced it. It still owns the
        // other account's period, so it is not superseded as a whole.
        Map<String, Object> earlier = api.get("/api/v1/ledger/imports/" + a.get("importId"));
        assertThat(earlier.get("supersededBy")).isNull();
        assertThat(units(earlier)).extracting(u -> u.get("billingAccountId") + "=" + u.get("supersededBy"))
                .containsExactly("restate-co=" + b.get("importId"), "restate-other=null");

        HttpResponse<Map<String, Object>> again = send(reissued.bytes());
        assertThat(again.getStatus().getCode()).isEqualTo(200);
        assertThat(again.body()).containsEntry("unchanged", true).containsEntry("importId", b.get("importId"));
        assertThat(customerTotal("2019-03", "restate-co")).isEqualByComparingTo("12.75");

        FocusFile otherAccount = new FocusFile();
        otherAccount.usage("restate-other", "2019-03-07", "2.00", "Compute");
        Map<String, Object> c = imported(otherAccount);
        assertThat(c).containsEntry("replaced", List.of(a.get("importId")));
        assertThat(api.get("/api/v1/ledger/imports/" + a.get("importId"))).containsEntry("supersededBy", c.get("importId"));
        assertThat(customerTotal("2019-03", "restate-other")).isEqualByComparingTo("2.00");
        assertThat(api.getList("/api/v1/ledger/imports")).extracting(i -> i.get("importId"))
                .contains(a.get("importId"), b.get("importId"), c.get("importId"));
        assertThat((String) earlier.get("sha256")).hasSize(64).isNotEqualTo(b.get("sha256"));
    }

    @Test
    void theImportListIsReadPageByPageNewestFirstEachImportOnce() {
        for (int day = 1; day <= 4; day++) {
            FocusFile file = new FocusFile();
            file.usage("paged-co-" + day, "2019-05-0" + day, "1.00", "Compute");
            imported(file);
        }
        List<Object> whole = api.getList("/api/v1/ledger/imports").stream().map(i -> i.get("importId")).toList();

        List<Map<String, Object>> paged = api.getAllPages("/api/v1/ledger/imports", 1);

        assertThat(paged).extracting(i -> i.get("importId")).containsExactlyElementsOf(whole).hasSizeGreaterThanOrEqualTo(4);
        assertThat(paged).extracting(i -> java.time.Instant.parse(i.get("receivedAt").toString()))
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        api.assertPagingParametersChecked("/api/v1/ledger/imports", aikpi.testing.ServiceApi.FOREIGN_CURSOR);
        // A cursor of this list whose time is not a time is refused too.
        api.problem(HttpRequest.GET("/api/v1/ledger/imports?cursor=1.aW1wb3J0cw.bm90LWEtdGltZQ.eA"), 400);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> units(Map<String, Object> imported) {
        return (List<Map<String, Object>>) imported.get("units");
    }

    @Test
    void aCorrectionRowIsBookedInTheBillingPeriodItArrivesInNeverInTheClosedOne() {
        FocusFile closed = new FocusFile();
        closed.usage("correct-co", "2019-04-20", "80.00", "Compute");
        imported(closed);
        FocusFile open = new FocusFile();
        open.usage("correct-co", "2019-05-02", "5.00", "Compute");
        Map<String, String> correction = open.usage("correct-co", "2019-04-20", "-30.00", "Compute");
        correction.put("ChargeClass", "Correction");
        correction.put("BillingPeriodStart", "2019-05-01T00:00:00Z");
        correction.put("BillingPeriodEnd", "2019-06-01T00:00:00Z");
        Map<String, Object> r = imported(open);
        assertThat(r).containsEntry("corrections", 1).containsEntry("billingPeriods", List.of("2019-05"));
        assertThat(customerTotal("2019-04", "correct-co")).isEqualByComparingTo("80.00");
        assertThat(customerTotal("2019-05-01", "correct-co")).isEqualByComparingTo("-30.00");
        assertThat(customerTotal("2019-05", "correct-co")).isEqualByComparingTo("-25.00");
    }

    @Test
    void aCreditNamingAVoucherDrawsItUnderTheVoucherRulesAndARestatementGivesTheDrawBack() {
        api.voucher("focus-v1", "voucher-co", "50.00", "2019-01-01", "2019-12-31");
        FocusFile f = new FocusFile();
        f.usage("voucher-co", "2019-06-10", "30.00", "Compute");
        f.credit("voucher-co", "2019-06-10", "-30.00", "Compute").put("Tags", "{\"voucher-id\": \"focus-v1\"}");
        imported(f);
        assertThat(dec(api.get("/api/v1/vouchers/focus-v1").get("drawnCny"))).isEqualByComparingTo("30.00");

        FocusFile overdraw = new FocusFile();
        overdraw.usage("voucher-co", "2019-07-10", "30.00", "Compute");
        overdraw.credit("voucher-co", "2019-07-10", "-30.00", "Compute").put("Tags", "{\"voucher-id\": \"focus-v1\"}");
        Map<String, Object> problem = api.problem(csv(overdraw.bytes()), 400);
        assertThat(errors(problem)).containsExactly("3:Tags");
        assertThat((String) problem.get("detail")).contains("overdraw voucher 'focus-v1'");
        assertThat(customerTotal("2019-07", "voucher-co")).isEqualByComparingTo("0");
        assertThat(dec(api.get("/api/v1/vouchers/focus-v1").get("drawnCny"))).isEqualByComparingTo("30.00");

        FocusFile restated = new FocusFile();
        restated.usage("voucher-co", "2019-06-10", "30.00", "Compute");
        restated.credit("voucher-co", "2019-06-10", "-20.00", "Compute").put("Tags", "{\"voucher-id\": \"focus-v1\"}");
        imported(restated);
        assertThat(dec(api.get("/api/v1/vouchers/focus-v1").get("drawnCny"))).isEqualByComparingTo("20.00");
        Map<String, Object> june = summary("2019-06", "customer").get("voucher-co");
        assertThat(dec(june.get("cashCny"))).isEqualByComparingTo("10.00");
        assertThat(dec(june.get("voucherCny"))).isEqualByComparingTo("20.00");

        FocusFile expired = new FocusFile();
        expired.usage("voucher-co", "2020-02-10", "5.00", "Compute");
        expired.credit("voucher-co", "2020-02-10", "-5.00", "Compute").put("Tags", "{\"voucher-id\": \"focus-v1\"}");
        assertThat((String) api.problem(csv(expired.bytes()), 400).get("detail")).contains("expired on 2019-12-31");
    }

    @Test
    void tokenUnitsMakeAiRowsMaasTokensAndTagsSetTheCustomerKindBusinessUnitAndProduct() {
        FocusFile f = new FocusFile();
        Map<String, String> tokens = f.usage("qwen-buyer", "2019-08-01", "7.50", "AI and Machine Learning");
        tokens.put("ConsumedQuantity", "2.5");
        tokens.put("ConsumedUnit", "1M Tokens");
        Map<String, String> gpu = f.usage("qwen-buyer", "2019-08-01", "3.00", "AI and Machine Learning");
        gpu.put("ConsumedQuantity", "1");
        gpu.put("ConsumedUnit", "Hours");
        Map<String, String> thousand = f.usage("qwen-buyer", "2019-08-02", "0.01", "AI and Machine Learning");
        thousand.put("PricingQuantity", "3");
        thousand.put("PricingUnit", "1000 Tokens");
        f.usage("taobao", "2019-08-01", "9.00", "Compute")
                .put("Tags", "{\"customer-kind\": \"INTERNAL\", \"business-unit\": \"taobao\", \"team\": \"search\"}");
        f.usage("qwen-buyer", "2019-08-03", "4.00", "Compute").put("Tags", "{\"kpi-product\": \"AI_APPS\"}");
        imported(f);
        Map<String, Map<String, Object>> byProduct = summary("2019-08", "product");
        assertThat(dec(byProduct.get("MAAS_TOKENS").get("amountCny"))).isEqualByComparingTo("7.51");
        assertThat(byProduct.get("MAAS_TOKENS").get("tokens")).isEqualTo(2_503_000);
        assertThat(dec(byProduct.get("AI_COMPUTE").get("amountCny"))).isEqualByComparingTo("3.00");
        assertThat(dec(byProduct.get("AI_APPS").get("amountCny"))).isEqualByComparingTo("4.00");
        assertThat(dec(summary("2019-08", "businessUnit").get("taobao").get("amountCny"))).isEqualByComparingTo("9.00");
        assertThat(dec(summary("2019-08", "customerKind").get("INTERNAL").get("amountCny"))).isEqualByComparingTo("9.00");
    }

    @Test
    void theTagsKeyModelNamesTheModelOfAMaasTokenRow() {
        FocusFile f = new FocusFile();
        Map<String, String> max = f.usage("model-co", "2019-11-01", "12.00", "AI and Machine Learning");
        max.put("ConsumedQuantity", "1.5");
        max.put("ConsumedUnit", "1M Tokens");
        max.put("Tags", "{\"model\": \"qwen-max\", \"team\": \"search\"}");
        Map<String, String> max2 = f.usage("model-co", "2019-11-01", "4.00", "AI and Machine Learning");
        max2.put("ConsumedQuantity", "0.5");
        max2.put("ConsumedUnit", "1M Tokens");
        max2.put("Tags", "{\"model\": \"qwen-max\"}");
        Map<String, String> turbo = f.usage("model-co", "2019-11-02", "0.30", "AI and Machine Learning");
        turbo.put("ConsumedQuantity", "1");
        turbo.put("ConsumedUnit", "1M Tokens");
        turbo.put("Tags", "{\"model\": \"qwen-turbo\"}");
        Map<String, String> unnamed = f.usage("model-co", "2019-11-02", "9.00", "AI and Machine Learning");
        unnamed.put("ConsumedQuantity", "3");
        unnamed.put("ConsumedUnit", "1M Tokens");
        // A model tag on a row that is not MaaS tokens names no model.
        f.usage("model-co", "2019-11-03", "5.00", "Compute").put("Tags", "{\"model\": \"qwen-max\"}");
        imported(f);
        Map<String, Map<String, Object>> byModel = summary("2019-11", "model");
        assertThat(byModel).containsOnlyKeys("qwen-max", "qwen-turbo");
        // qwen-max: 12.00 + 4.00 over 1,500,000 + 500,000 tokens, one line (same day, customer and model).
        assertThat(dec(byModel.get("qwen-max").get("amountCny"))).isEqualByComparingTo("16.00");
        assertThat(byModel.get("qwen-max").get("tokens")).isEqualTo(2_000_000);
        assertThat(byModel.get("qwen-max").get("lines")).isEqualTo(1);
        assertThat(dec(byModel.get("qwen-turbo").get("amountCny"))).isEqualByComparingTo("0.30");
        assertThat(byModel.get("qwen-turbo").get("tokens")).isEqualTo(1_000_000);
        // The MaaS total keeps the unnamed row: 16.00 + 0.30 + 9.00.
        assertThat(dec(summary("2019-11", "product").get("MAAS_TOKENS").get("amountCny"))).isEqualByComparingTo("25.30");

        FocusFile bad = new FocusFile();
        Map<String, String> wrong = bad.usage("model-co", "2019-12-01", "1.00", "AI and Machine Learning");
        wrong.put("ConsumedQuantity", "1");
        wrong.put("ConsumedUnit", "1M Tokens");
        wrong.put("Tags", "{\"model\": \"Qwen Max\"}");
        Map<String, Object> problem = api.problem(csv(bad.bytes()), 400);
        assertThat(errors(problem)).containsExactly("2:Tags");
        assertThat(problem.get("errors").toString()).contains("model must be a model id");
        assertThat(summary("2019-12", "model")).isEmpty();
    }

    @Test
    void aGzipCompressedFileIsReadAndATruncatedOneIsRefused() {
        FocusFile f = new FocusFile();
        f.usage("gzip-co", "2019-09-01", "3.00", "Compute");
        f.usage("gzip-co", "2019-09-02", "4.00", "Compute");
        byte[] gz = Gzip.compress(f.bytes());
        Map<String, Object> problem = api.problem(csv(Arrays.copyOf(gz, gz.length - 12)).header("Content-Encoding", "gzip"), 400);
        assertThat((String) problem.get("detail")).contains("gzip");
        assertThat(customerTotal("2019-09", "gzip-co")).isEqualByComparingTo("0");
        HttpResponse<Map<String, Object>> r = client.toBlocking().exchange(csv(gz).header("Content-Encoding", "gzip"), MAP);
        assertThat(r.getStatus().getCode()).isEqualTo(201);
        assertThat(customerTotal("2019-09", "gzip-co")).isEqualByComparingTo("7.00");
    }

    @SuppressWarnings("unchecked")
    static List<String> errors(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream()
                .map(e -> e.get("line") + ":" + e.get("column")).toList();
    }

    @Test
    void aFileWithoutTheColumnsTheMappingNeedsIsRefusedNamingThem() {
        String file = "BillingAccountId,BilledCost,BillingCurrency,ChargeCategory\nacme,1.00,CNY,Usage\n";
        Map<String, Object> problem = api.problem(csv(file.getBytes()), 400);
        assertThat(errors(problem)).containsExactly("1:BillingPeriodStart", "1:ChargePeriodStart", "1:ChargeClass",
                "1:ServiceCategory");
        assertThat((String) problem.get("detail")).contains("BillingPeriodStart, ChargePeriodStart, ChargeClass, ServiceCategory");
    }

    @Test
    void badRowsAreNamedByTheirLineInTheFileAndNothingOfTheFileIsStored() {
        FocusFile f = new FocusFile();
        f.usage("bad-co", "2019-10-01", "1.00", "Compute").put("ChargeDescription", "a description\nover two lines");
        f.usage("bad-co", "2019-10-02", "1.00", "Compute").put("ChargePeriodStart", "2019-10-02 25:00:00");
        f.usage("bad-co", "2019-10-03", "one yuan", "Compute");
        f.usage("bad-co", "2019-10-04", "1.00", "Compute").put("ChargeCategory", "Refund");
        f.usage("bad-co", "2019-10-05", "1.00", "Compute").put("BillingCurrency", "XYZ");
        f.usage("bad-co", "2019-10-06", "1.00", "Computing");
        f.usage("bad-co", "2019-10-07", "1.00", "Compute").put("Tags", "{\"customer-kind\": \"INTERNAL\"}");
        f.usage("bad-co", "2099-10-07", "1.00", "Compute");
        String withFieldTooMany = f.text() + "bad-co,a field,too many\n";
        Map<String, Object> problem = api.problem(csv(withFieldTooMany.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 400);
        // Line 2 holds a field over two lines, so the rows after it start one line later than their index suggests.
        assertThat(errors(problem)).containsExactly("4:ChargePeriodStart", "5:BilledCost", "6:ChargeCategory",
                "7:BillingCurrency", "8:ServiceCategory", "9:Tags", "10:ChargePeriodStart", "11:null");
        assertThat(problem).containsEntry("errorsTruncated", false);
        assertThat(customerTotal("2019-10", "bad-co")).isEqualByComparingTo("0");
        assertThat(api.getList("/api/v1/ledger/imports")).noneMatch(i -> ((List<?>) i.get("billingAccounts")).contains("bad-co"));
    }

    /**
     * Every cell is text the ledger may store, and every number is bounded before it is converted: U+0000 passed H2
     * and failed PostgreSQL with 500, and 1e999999999 as a cost or a quantity cost seconds of CPU (toPlainString).
     */
    @Test
    void cellsMeetTheTextRuleAndNumbersAreBoundedBeforeConversion() {
        FocusFile f = new FocusFile();
        f.usage("text-co", "2019-09-01", "1.00", "Compute");
        f.usage("text-co\u0000", "2019-09-02", "1.00", "Compute");
        f.usage("text-co", "2019-09-03", "1e999999999", "Compute");
        f.usage("text-co", "2019-09-04", "1E-999999999", "Compute");
        f.usage("text-co", "2019-09-05", "1.00", "Compute").put("ChargeDescription", "red \u001b[31m");
        Map<String, String> tokens = f.usage("text-co", "2019-09-06", "1.00", "AI and Machine Learning");
        tokens.put("ConsumedUnit", "1M Tokens");
        tokens.put("ConsumedQuantity", "2.5e999999999");
        f.usage("text-co", "2019-09-07", "1" + "0".repeat(40), "Compute");
        Map<String, String> unit = f.usage("text-co", "2019-09-08", "1.00", "AI and Machine Learning");
        unit.put("ConsumedUnit", "1" + "0".repeat(40) + " Tokens");
        unit.put("ConsumedQuantity", "1");
        Map<String, Object> problem = api.problem(csv(f.bytes()), 400);
        assertThat(errors(problem)).containsExactly("3:BillingAccountId", "3:BillingAccountName", "4:BilledCost", "5:BilledCost",
                "6:ChargeDescription", "7:ConsumedQuantity", "8:BilledCost", "9:ConsumedUnit");
        assertThat(problem.toString()).contains("U+0000").contains("U+001B").contains("exponent").contains("41 digits");
        assertThat(customerTotal("2019-09", "text-co")).isEqualByComparingTo("0");
    }

    @Test
    void aBodyThatIsNotCsvOrNotUtf8IsRefused() {
        api.problem(HttpRequest.POST("/api/v1/ledger/imports", "{}").contentType("application/json"), 415);
        byte[] latin1 = ("BillingAccountId,BillingPeriodStart,ChargePeriodStart,ChargeCategory,ChargeClass,BilledCost,"
                + "BillingCurrency,ServiceCategory\nk\u00f6ln,2019-11-01,2019-11-01,Usage,,1,CNY,Compute\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat((String) api.problem(csv(latin1), 400).get("detail")).contains("UTF-8");
        assertThat((String) api.problem(csv(new byte[0]), 400).get("detail")).contains("no body");
        assertThat((String) api.problem(csv((String.join(",", FocusFile.COLUMNS) + "\n").getBytes()), 400).get("detail"))
                .contains("no rows");
        assertThat((String) api.problem(csv(new byte[] {1, 2, 3}).header("Content-Encoding", "gzip"), 400).get("detail"))
                .contains("not a gzip stream");
        api.problem(csv(new byte[] {1, 2, 3}).header("Content-Encoding", "br"), 415);
    }
}
