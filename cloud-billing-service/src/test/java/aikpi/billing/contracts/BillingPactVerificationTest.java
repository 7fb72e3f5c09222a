package aikpi.billing.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.focus.FocusImportService;
import aikpi.billing.grouprevenue.GroupRevenueRequest;
import aikpi.billing.grouprevenue.GroupRevenueService;
import aikpi.billing.ledger.LedgerIngestService;
import aikpi.billing.ledger.LedgerLineRequest;
import aikpi.billing.vouchers.VoucherHolderKind;
import aikpi.billing.vouchers.VoucherRequest;
import aikpi.billing.vouchers.VoucherService;
import aikpi.testing.ProviderVerification;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/**
 * Verifies cloud-billing-service against every pact in {@code contracts/pacts/} that names it (the gateway's).
 * Provider states are seeded through the service's own rules: group revenue, a voucher and ledger lines.
 */
@MicronautTest(transactional = false)
@Provider("cloud-billing-service")
@PactFolder("../contracts/pacts")
class BillingPactVerificationTest extends ProviderVerification {

    @Inject
    GroupRevenueService groupRevenue;

    @Inject
    VoucherService vouchers;

    @Inject
    LedgerIngestService ledger;

    @Inject
    FocusImportService focusImports;

    private static LedgerLineRequest line(String id, String customer, String kind, String unit, String product,
                                          String amount, String funding, String voucher, Long tokens) {
        return new LedgerLineRequest(id, customer, kind, unit, LocalDate.parse("2024-11-30"), product,
                new BigDecimal(amount), funding, voucher, tokens, null);
    }

    @State("billing has the reported 2024-Q4 revenue and AI ledger lines paid in cash and vouchers")
    void reportedQuarterWithAiLines() {
        groupRevenue.put("2024-Q4", new GroupRevenueRequest(new BigDecimal("280154000000.00"),
                new BigDecimal("31742000000.00"), "contract test"));
        vouchers.put("pact-voucher-moonshot", new VoucherRequest("moonshot", VoucherHolderKind.INVESTEE,
                new BigDecimal("1000000.00"), LocalDate.parse("2024-01-01"), LocalDate.parse("2026-12-31")));
        // Fixed line ids: seeding the state again is acknowledged as duplicates and changes nothing.
        var result = ledger.ingest(List.of(
                line("pact-line-1", "taobao", "INTERNAL", "taobao", "IAAS", "300.00", "CASH", null, null),
                line("pact-line-2", "taobao", "INTERNAL", "taobao", "MAAS_TOKENS", "1000.00", "CASH", null, 1_000_000L),
                line("pact-line-3", "moonshot", "INVESTEE", null, "AI_COMPUTE", "500.00", "VOUCHER", "pact-voucher-moonshot", null)));
        assertThat(result.accepted() + result.duplicates()).isEqualTo(3);
    }

    /** taobao's own lines on two days of October 2024, AI and not; fixed ids, so seeding again changes nothing. */
    @State("billing has taobao's own AI ledger lines on two days of 2024-10")
    void aUnitsLinesOnDaysOfOctober() {
        var result = ledger.ingest(List.of(
                new LedgerLineRequest("pact-day-1", "taobao", "INTERNAL", "taobao", LocalDate.parse("2024-10-08"),
                        "AI_COMPUTE", new BigDecimal("100.00"), "CASH", null, null, null),
                new LedgerLineRequest("pact-day-2", "taobao", "INTERNAL", "taobao", LocalDate.parse("2024-10-08"),
                        "IAAS", new BigDecimal("30.00"), "CASH", null, null, null),
                new LedgerLineRequest("pact-day-3", "taobao", "INTERNAL", "taobao", LocalDate.parse("2024-10-09"),
                        "MAAS_TOKENS", new BigDecimal("40.00"), "CASH", null, 5_000_000L, null)));
        assertThat(result.accepted() + result.duplicates()).isEqualTo(3);
    }

    /** MaaS lines of a customer of its own, each naming its model; fixed ids, so seeding again changes nothing. */
    @State("billing has MaaS ledger lines naming their models in 2024-Q4")
    void maasLinesNamingModels() {
        var result = ledger.ingest(List.of(
                new LedgerLineRequest("pact-model-1", "pact-model-co", "EXTERNAL", null, LocalDate.parse("2024-12-01"),
                        "MAAS_TOKENS", new BigDecimal("80.00"), "CASH", null, 2_000_000L, null, null, null, "qwen-max")));
        assertThat(result.accepted() + result.duplicates()).isEqualTo(1);
    }

    /** A unit's own (INTERNAL) MaaS line naming its model; a fixed id, so seeding again changes nothing. */
    @State("billing has a business unit's MaaS ledger lines naming their models in 2024-Q4")
    void unitsMaasLinesNamingModels() {
        var result = ledger.ingest(List.of(
                new LedgerLineRequest("pact-unit-model-1", "taobao", "INTERNAL", "taobao", LocalDate.parse("2024-12-02"),
                        "MAAS_TOKENS", new BigDecimal("30.00"), "CASH", null, 300_000L, null, null, null, "qwen-max")));
        assertThat(result.accepted() + result.duplicates()).isEqualTo(1);
    }

    /**
     * One FOCUS file with a usage row in each month of 2024-Q3, all of them closed long ago. The same file again is
     * answered with the earlier import: seeding the state again changes nothing.
     */
    @State("billing has FOCUS imports of every month of 2024-Q3, each long closed")
    void closedQuarterImported() {
        String focus = """
                BillingAccountId,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,BilledCost,EffectiveCost,BillingCurrency,ServiceCategory,ServiceName
                pact-focus,2024-07-01T00:00:00Z,2024-08-01T00:00:00Z,2024-07-10T04:00:00Z,2024-07-10T05:00:00Z,Usage,,100.00,100.00,CNY,Compute,Compute service
                pact-focus,2024-08-01T00:00:00Z,2024-09-01T00:00:00Z,2024-08-10T04:00:00Z,2024-08-10T05:00:00Z,Usage,,100.00,100.00,CNY,Compute,Compute service
                pact-focus,2024-09-01T00:00:00Z,2024-10-01T00:00:00Z,2024-09-10T04:00:00Z,2024-09-10T05:00:00Z,Usage,,100.00,100.00,CNY,Compute,Compute service
                """;
        focusImports.importFile(new ByteArrayInputStream(focus.getBytes(StandardCharsets.UTF_8)), null, "contract test");
    }

    /**
     * A FOCUS file of 2025-03, received now (long after 2025-06-01): the first import of a final month. The same file
     * again is answered with the earlier import: seeding the state again changes nothing.
     */
    @State("billing received a FOCUS import of a 2025-Q1 month after 2025-06-01")
    void importReceivedAfterASeal() {
        String focus = """
                BillingAccountId,BillingPeriodStart,BillingPeriodEnd,ChargePeriodStart,ChargePeriodEnd,ChargeCategory,ChargeClass,BilledCost,EffectiveCost,BillingCurrency,ServiceCategory,ServiceName
                pact-changes,2025-03-01T00:00:00Z,2025-04-01T00:00:00Z,2025-03-10T04:00:00Z,2025-03-10T05:00:00Z,Usage,,100.00,100.00,CNY,Compute,Compute service
                """;
        focusImports.importFile(new ByteArrayInputStream(focus.getBytes(StandardCharsets.UTF_8)), null, "billing-team");
    }
}
