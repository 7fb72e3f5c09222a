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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The FinOps Foundation's FOCUS 1.0 sample export (real, anonymised AWS, Microsoft and Oracle rows; test resource
 * {@code focus/focus-1.0-sample.csv}, see SOURCE.md there): what real files carry that the specification does not
 * (NULL as text, date-times without a zone, 11 decimals, negative usage, a non-slug account id) must import. The file
 * is in USD: imported as it is, it is refused; its BillingCurrency column is then changed to CNY, and only that.
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

    /** The sample with BillingCurrency "USD" made "CNY" (the only column that changes). */
    static byte[] sampleAsCny() throws IOException {
        return new String(sample(), StandardCharsets.UTF_8).replace(",\"USD\",", ",\"CNY\",").getBytes(StandardCharsets.UTF_8);
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

    @Test
    void theSampleInUsdIsRefusedRowByRowAndNothingIsStored() throws IOException {
        BillingApi api = new BillingApi(client.toBlocking());
        Map<String, Object> problem = api.problem(FocusImportTest.csv(sample()), 400);
        assertThat((String) problem.get("detail")).startsWith("1000 rows of the file are invalid").contains("CNY");
        assertThat(errors(problem)).hasSize(100).startsWith("2:BillingCurrency", "3:BillingCurrency");
        assertThat(problem).containsEntry("errorsTruncated", true);
        String sha256 = java.util.HexFormat.of().formatHex(sha256(sample()));
        assertThat(api.getList("/api/v1/ledger/imports")).noneMatch(i -> sha256.equals(i.get("sha256")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSampleAsCnyImportsEveryRowWithinAFenPerLine() throws IOException {
        BillingApi api = new BillingApi(client.toBlocking());
        byte[] file = sampleAsCny();
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
        long lines = ((Number) imported.get("lines")).longValue();
        assertThat(ledger.subtract(revenue).abs()).isLessThan(new BigDecimal("0.01").multiply(BigDecimal.valueOf(lines)));

        // The ledger's own summary of the periods agrees with the import's answer, and the credit is voucher revenue.
        BigDecimal booked = BigDecimal.ZERO;
        BigDecimal voucher = BigDecimal.ZERO;
        for (String period : List.of("2024-09", "2024-10")) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> total = (List<Map<String, Object>>) api.get("/api/v1/ledger/summary?period=" + period).get("rows");
            if (!total.isEmpty()) {
                booked = booked.add(dec(total.get(0).get("amountCny")));
                voucher = voucher.add(dec(total.get(0).get("voucherCny")));
            }
        }
        assertThat(booked).isEqualByComparingTo(ledger);
        assertThat(voucher).isEqualByComparingTo("2.61"); // the credit's -2.6137, half-even to the fen
        assertThat(api.getList("/api/v1/ledger/imports")).extracting(i -> i.get("importId")).contains(imported.get("importId"));

        HttpResponse<Map<String, Object>> again = client.toBlocking().exchange(
                HttpRequest.POST("/api/v1/ledger/imports", file).contentType("text/csv"), Argument.mapOf(String.class, Object.class));
        assertThat(again.body()).containsEntry("unchanged", true);
    }
}
