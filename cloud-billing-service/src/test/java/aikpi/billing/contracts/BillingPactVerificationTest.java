package aikpi.billing.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.grouprevenue.GroupRevenueRequest;
import aikpi.billing.grouprevenue.GroupRevenueService;
import aikpi.billing.ledger.LedgerIngestService;
import aikpi.billing.ledger.LedgerLineRequest;
import aikpi.billing.vouchers.VoucherHolderKind;
import aikpi.billing.vouchers.VoucherRequest;
import aikpi.billing.vouchers.VoucherService;
import aikpi.security.Roles;
import aikpi.testing.TestTokens;
import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verifies cloud-billing-service against every pact in {@code contracts/pacts/} that names it (the gateway's).
 * Provider states are seeded through the service's own rules: group revenue, a voucher and ledger lines.
 */
@MicronautTest(transactional = false)
@Provider("cloud-billing-service")
@PactFolder("../contracts/pacts")
class BillingPactVerificationTest {

    @Inject
    EmbeddedServer server;

    @Inject
    GroupRevenueService groupRevenue;

    @Inject
    VoucherService vouchers;

    @Inject
    LedgerIngestService ledger;

    @BeforeEach
    void target(PactVerificationContext context) {
        context.setTarget(new HttpTestTarget("localhost", server.getPort()));
    }

    @Inject
    TestTokens tokens;

    /**
     * Every request of the pacts carries its consumer's service credential. That token was signed when the consumer's
     * test ran, so a fresh one with the same role, signed with this service's secret, takes its place.
     */
    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void verify(PactVerificationContext context, HttpRequest request) {
        assertThat(request.getFirstHeader(HttpHeaders.AUTHORIZATION))
                .as("the pact's request carries the consumer's service credential").isNotNull();
        request.setHeader(HttpHeaders.AUTHORIZATION, tokens.bearer(Roles.SERVICE));
        context.verifyInteraction();
    }

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
}
