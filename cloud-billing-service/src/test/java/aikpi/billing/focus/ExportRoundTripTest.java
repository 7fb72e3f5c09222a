package aikpi.billing.focus;

import static aikpi.billing.BillingApi.line;
import static aikpi.billing.BillingApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import aikpi.testing.ServiceInstances;
import aikpi.testing.SharedDatabase;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/ledger/export}: a quarter's ledger as a FOCUS file, imported into an empty service, gives the same
 * attribution to the fen: cash and voucher, AI products, investees, business units, paying customers.
 */
class ExportRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void aQuartersExportImportedIntoAnEmptyServiceGivesTheSameAttribution() throws Exception {
        String period = "2024-Q4";
        Map<String, Object> before;
        Map<String, Object> productsBefore;
        Map<String, Object> modelsBefore;
        byte[] export;
        try (SharedDatabase database = SharedDatabase.create(dir, "billingsource");
             EmbeddedServer source = database.start()) {
            BillingApi api = BillingApi.of(source);
            api.groupRevenue(period, "280154000000", "31742000000");
            api.voucher("rt-v", "minimax", "500.00", "2024-10-01", "2025-03-31");
            assertThat(api.lines(List.of(
                    line("rt-1", "acme", "EXTERNAL", "IAAS", "1200.50", "2024-10-03"),
                    with(line("rt-2", "acme", "EXTERNAL", "MAAS_TOKENS", "33.33", "2024-10-03"), "tokens", 1_234_567,
                            "model", "qwen-max"),
                    line("rt-3", "taobao", "INTERNAL", "AI_APPS", "610.07", "2024-11-30"),
                    line("rt-4", "taobao", "INTERNAL", "PAAS", "99.99", "2024-12-31"),
                    with(line("rt-5", "minimax", "INVESTEE", "MAAS_TOKENS", "321.09", "2024-11-02"),
                            "funding", "VOUCHER", "voucherId", "rt-v", "tokens", 9_000_000, "model", "qwen-plus"),
                    line("rt-6", "minimax", "INVESTEE", "AI_COMPUTE", "88.00", "2024-12-15"),
                    with(line("rt-7", "acme", "EXTERNAL", "IAAS", "-200.25", "2024-11-20"), "correctionOf", "rt-1"))))
                    .containsEntry("accepted", 7);
            // An imported month with a provider credit (voucher revenue without a voucher of this ledger).
            FocusFile f = new FocusFile();
            f.usage("bailian-user", "2024-12-01", "45.678", "AI and Machine Learning");
            f.credit("bailian-user", "2024-12-01", "-5.005", "AI and Machine Learning");
            HttpResponse<Map<String, Object>> r = client(source).exchange(FocusImportTest.csv(f.bytes()),
                    Argument.mapOf(String.class, Object.class));
            assertThat(r.getStatus().getCode()).isEqualTo(201);

            before = comparable(api.get("/api/v1/attribution?period=" + period));
            productsBefore = withoutLineCounts(api.get("/api/v1/ledger/summary?period=" + period + "&groupBy=product"));
            modelsBefore = withoutLineCounts(api.get("/api/v1/ledger/summary?period=" + period + "&groupBy=model"));
            HttpResponse<byte[]> file = client(source).exchange(HttpRequest.GET("/api/v1/ledger/export?period=" + period),
                    byte[].class);
            assertThat(file.getContentType()).hasValueSatisfying(t -> assertThat(t.toString()).startsWith("text/csv"));
            export = file.body();
        }
        String text = new String(export, StandardCharsets.UTF_8);
        assertThat(text.lines().findFirst().orElseThrow()).startsWith("BillingAccountId,BillingAccountName,BillingCurrency");
        assertThat(text).contains(",Credit,").contains("rt-v");
        // Each MaaS line names its model in the Tags key "model" (doubled quotes: CSV).
        assertThat(text).contains("\"\"model\"\":\"\"qwen-max\"\"").contains("\"\"model\"\":\"\"qwen-plus\"\"");

        try (SharedDatabase database = SharedDatabase.create(dir, "billingtarget");
             EmbeddedServer target = database.start()) {
            BillingApi api = BillingApi.of(target);
            api.groupRevenue(period, "280154000000", "31742000000");
            HttpResponse<Map<String, Object>> r = client(target).exchange(FocusImportTest.csv(export),
                    Argument.mapOf(String.class, Object.class));
            assertThat(r.getStatus().getCode()).isEqualTo(201);
            assertThat(comparable(api.get("/api/v1/attribution?period=" + period))).isEqualTo(before);
            // Amounts, cash, vouchers and tokens per product are the same; the number of lines may not be: a
            // voucher-funded MaaS line comes back as a voucher line and a cash line of 0.00 carrying its tokens.
            assertThat(withoutLineCounts(api.get("/api/v1/ledger/summary?period=" + period + "&groupBy=product")))
                    .isEqualTo(productsBefore);
            // MaaS revenue and tokens per model come back as they were: qwen-max 33.33 and 1,234,567 tokens,
            // qwen-plus 321.09 on a voucher and 9,000,000 tokens.
            assertThat(withoutLineCounts(api.get("/api/v1/ledger/summary?period=" + period + "&groupBy=model")))
                    .isEqualTo(modelsBefore);
        }
        assertThat(modelsBefore.get("rows").toString()).contains("key=qwen-max").contains("key=qwen-plus");
    }

    private static BlockingHttpClient client(EmbeddedServer server) {
        return ServiceInstances.clientOf(server).toBlocking();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutLineCounts(Map<String, Object> summary) {
        Map<String, Object> copy = new LinkedHashMap<>(summary);
        copy.put("rows", ((List<Map<String, Object>>) summary.get("rows")).stream().map(row -> {
            Map<String, Object> r = new LinkedHashMap<>(row);
            r.remove("lines");
            return r;
        }).toList());
        return copy;
    }

    /** The attribution without its reconciliation with tongyi-service (not running here, on either side). */
    private static Map<String, Object> comparable(Map<String, Object> attribution) {
        Map<String, Object> copy = new LinkedHashMap<>(attribution);
        copy.remove("reconciliation");
        return copy;
    }
}
