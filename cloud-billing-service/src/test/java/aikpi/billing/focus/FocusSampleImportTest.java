package aikpi.billing.focus;

import static aikpi.billing.BillingApi.dec;
import static aikpi.billing.focus.FocusImportTest.errors;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The FinOps Foundation's FOCUS 1.0 sample export (real, anonymised AWS, Microsoft and Oracle rows; test resource
 * {@code focus/focus-1.0-sample.csv}, the same bytes as {@code shared/fixtures/focus/focus_sample.csv}, see SOURCE.md):
 * what real files carry that the specification does not (NULL as text, date-times without a zone, 11 decimals,
 * negative usage, a non-slug account id) must import. The file is in USD and imports unchanged once USD rates for its
 * booking days exist: its revenue in CNY is, per ledger line, its billed USD sum times the day's rate, rounded to the
 * fen half-even; the export gives its USD amounts back.
 */
@MicronautTest
class FocusSampleImportTest {

    static final String SAMPLE = "/focus/focus-1.0-sample.csv";

    @Inject
    @Client("/")
    HttpClient client;

    static byte[] sample() throws IOException {
        try (InputStream in = FocusSampleImportTest.class.getResourceAsStream(SAMPLE)) {
            return in.readAllBytes();
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<CSVRecord> records(byte[] file) throws IOException {
        try (CSVParser p = CSVParser.builder().setReader(new InputStreamReader(new java.io.ByteArrayInputStream(file),
                StandardCharsets.UTF_8)).setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            return p.getRecords();
        }
    }

    /** A synthetic USD rate for each day around the sample's: 7 CNY and a ten-thousandth per day of the year. */
    static BigDecimal usdRate(LocalDate day) {
        return new BigDecimal("7").add(BigDecimal.valueOf(day.getDayOfYear(), 4));
    }

    static void loadUsdRates(HttpClient client) {
        StringBuilder csv = new StringBuilder("date,currency,cnyPerUnit,source\n");
        for (LocalDate d = LocalDate.of(2024, 8, 25); !d.isAfter(LocalDate.of(2024, 10, 5)); d = d.plusDays(1)) {
            csv.append(d).append(",USD,").append(usdRate(d).toPlainString()).append(",synthetic test rate\n");
        }
        client.toBlocking().retrieve(HttpRequest.POST("/api/v1/fx-rates", csv.toString()).contentType("text/csv"), Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSampleInUsdImportsUnchangedAtTheDaysRatesToTheFenPerLineAndExportsItsUsdBack() throws IOException {
        BillingApi api = new BillingApi(client.toBlocking());
        refusedWithoutRates();
        loadUsdRates(client);
        byte[] file = sample();
        List<CSVRecord> rows = records(file);
        long zeroCost = rows.stream().filter(r -> new BigDecimal(r.get("BilledCost")).signum() == 0).count();
        BigDecimal revenue = rows.stream().filter(r -> !r.get("ChargeCategory").equals("Credit"))
                .map(r -> new BigDecimal(r.get("BilledCost"))).reduce(BigDecimal.ZERO, BigDecimal::add);

        HttpResponse<Map<String, Object>> r = client.toBlocking().exchange(FocusImportTest.csv(file),
                Argument.mapOf(String.class, Object.class));
        assertThat(r.getStatus().getCode()).isEqualTo(201);
        Map<String, Object> imported = r.body();
        assertThat(imported).containsEntry("rows", 1000).containsEntry("credits", 1).containsEntry("focusVersion", "1.0")
                .containsEntry("billingPeriods", List.of("2024-09", "2024-10"));
        assertThat(imported.get("skipped")).isEqualTo(Map.of("tax", 0, "zeroCost", (int) zeroCost));
        assertThat((List<Object>) imported.get("billingAccounts")).containsExactlyInAnyOrder("1234567890123", "20209880",
                "/providers/Microsoft.Billing/billingAccounts/8611537");
        assertThat(FocusImportTest.units(imported)).extracting(u -> (String) u.get("customerId"))
                .contains("1234567890123", "20209880")
                .anyMatch(id -> id.matches("providers-microsoft\\.billing-billingaccounts-8611537-[0-9a-f]{8}"));
        assertThat(dec(imported.get("revenueBilledCost"))).isEqualByComparingTo(revenue);
        BigDecimal ledger = dec(imported.get("ledgerTotalCny"));

        // The export: one Usage row per ledger line, in USD as billed, with the CNY value and the rate's day.
        BigDecimal billed = BigDecimal.ZERO;
        BigDecimal cny = BigDecimal.ZERO;
        BigDecimal expected = BigDecimal.ZERO;
        BigDecimal voucherExpected = BigDecimal.ZERO;
        for (String period : List.of("2024-09", "2024-10")) {
            for (CSVRecord row : records(api.getText("/api/v1/ledger/export?period=" + period).getBytes(StandardCharsets.UTF_8))) {
                assertThat(row.get("BillingCurrency")).isEqualTo("USD");
                if (!row.get("ChargeCategory").equals("Usage") && !row.get("ChargeCategory").equals("Adjustment")) {
                    continue;
                }
                LocalDate day = LocalDate.parse(row.get("x_FxRateDay"));
                BigDecimal lineBilled = new BigDecimal(row.get("BilledCost"));
                BigDecimal lineCny = new BigDecimal(row.get("x_BilledCostCny"));
                assertThat(new BigDecimal(row.get("x_CnyPerUnit"))).isEqualByComparingTo(usdRate(day));
                BigDecimal perLine = lineBilled.multiply(usdRate(day)).setScale(2, RoundingMode.HALF_EVEN);
                assertThat(lineCny).as("line %s", row.get("x_LedgerLineId")).isEqualByComparingTo(perLine);
                billed = billed.add(lineBilled);
                cny = cny.add(lineCny);
                expected = expected.add(perLine);
                if (row.get("x_Funding").equals("VOUCHER")) {
                    voucherExpected = voucherExpected.add(perLine);
                }
            }
        }
        assertThat(billed).as("the export gives the file's USD back").isEqualByComparingTo(revenue);
        assertThat(cny).isEqualByComparingTo(expected).isEqualByComparingTo(ledger);

        // The ledger's own summaries agree, in CNY, and by billed currency give the USD too.
        BigDecimal booked = BigDecimal.ZERO;
        BigDecimal voucher = BigDecimal.ZERO;
        BigDecimal usd = BigDecimal.ZERO;
        for (String period : List.of("2024-09", "2024-10")) {
            List<Map<String, Object>> total = (List<Map<String, Object>>) api.get("/api/v1/ledger/summary?period=" + period).get("rows");
            if (!total.isEmpty()) {
                booked = booked.add(dec(total.get(0).get("amountCny")));
                voucher = voucher.add(dec(total.get(0).get("voucherCny")));
            }
            for (Map<String, Object> byCurrency : (List<Map<String, Object>>) api.get("/api/v1/ledger/summary?period="
                    + period + "&groupBy=currency").get("rows")) {
                assertThat(byCurrency).containsEntry("key", "USD");
                usd = usd.add(dec(byCurrency.get("billedAmount")));
            }
        }
        assertThat(booked).isEqualByComparingTo(ledger);
        assertThat(usd).isEqualByComparingTo(revenue);
        assertThat(voucher).isEqualByComparingTo(voucherExpected).isPositive(); // the credit's -2.6137 USD, converted
        assertThat(api.getList("/api/v1/ledger/imports")).extracting(i -> i.get("importId")).contains(imported.get("importId"));

        HttpResponse<Map<String, Object>> again = client.toBlocking().exchange(
                HttpRequest.POST("/api/v1/ledger/imports", file).contentType("text/csv"), Argument.mapOf(String.class, Object.class));
        assertThat(again.body()).containsEntry("unchanged", true);
    }

    /** Without USD rates for its days the sample is refused, naming the rows, and nothing is stored. */
    private void refusedWithoutRates() throws IOException {
        BillingApi api = new BillingApi(client.toBlocking());
        Map<String, Object> problem = api.problem(FocusImportTest.csv(sample()), 400);
        assertThat((String) problem.get("detail")).contains("31 booking days", "line 2: no USD rate is in force on 2024-09-19").contains("Nothing was stored");
        assertThat(errors(problem)).isNotEmpty().allMatch(e -> e.endsWith(":BillingCurrency"));
        String sha256 = java.util.HexFormat.of().formatHex(sha256(sample()));
        assertThat(api.getList("/api/v1/ledger/imports")).noneMatch(i -> sha256.equals(i.get("sha256")));
    }
}
