package aikpi.billing.security;

import static aikpi.billing.BillingApi.line;
import static aikpi.testing.EndpointSecurity.read;
import static aikpi.testing.EndpointSecurity.upload;
import static aikpi.testing.EndpointSecurity.write;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import aikpi.security.Roles;
import aikpi.security.keys.IngestStreams;
import aikpi.testing.EndpointSecurity.Endpoint;
import aikpi.testing.EndpointSecurityTestBase;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may call each endpoint of cloud-billing-service: its reads take the service role (and the team's own writer),
 * its writes only {@link Roles#BILLING_WRITER}. Every endpoint is checked without a token, with an expired one, with
 * every other role, and with the allowed roles. tongyi-service is absent here (application-test.yml points it at a
 * closed port): the attribution still answers, its reconciliation UNAVAILABLE.
 */
@MicronautTest(transactional = false)
class BillingEndpointSecurityTest extends EndpointSecurityTestBase {

    private static final String[] READERS = {Roles.SERVICE, Roles.BILLING_WRITER};
    private static final String WRITER = Roles.BILLING_WRITER;

    @Override
    protected List<Endpoint> endpoints() {
        return List.of(
                // The service's audit trail: executives, and the team's own writer.
                read("/api/v1/audit", "/api/v1/audit?from=2020-01-01", Roles.EXECUTIVE, WRITER),
                // The service's ingest keys: executives, and the team's own writer.
                write(HttpMethod.POST, "/api/v1/ingest-keys", "/api/v1/ingest-keys", Map.of("name", "sec",
                        "streams", List.of("imports")), Roles.EXECUTIVE, WRITER),
                read("/api/v1/ingest-keys", "/api/v1/ingest-keys", Roles.EXECUTIVE, WRITER),
                write(HttpMethod.DELETE, "/api/v1/ingest-keys/{id}", "/api/v1/ingest-keys/" + spareKeyId, null,
                        Roles.EXECUTIVE, WRITER),
                write(HttpMethod.PUT, "/api/v1/group-revenue/{quarter}", "/api/v1/group-revenue/2024-Q3",
                        Map.of("groupRevenueCny", new BigDecimal("236503000000.00"),
                                "cloudRevenueCny", new BigDecimal("29610000000.00"), "source", "sec"), WRITER),
                read("/api/v1/group-revenue", "/api/v1/group-revenue", READERS),
                read("/api/v1/group-revenue/{quarter}", "/api/v1/group-revenue/2024-Q4", READERS),
                write(HttpMethod.PUT, "/api/v1/vouchers/{voucherId}", "/api/v1/vouchers/sec-voucher",
                        Map.of("customerId", "minimax", "customerKind", "INVESTEE", "amountCny", new BigDecimal("50.00"),
                                "issuedOn", "2024-10-01", "expiresOn", "2024-12-31"), WRITER),
                read("/api/v1/vouchers", "/api/v1/vouchers?customerId=minimax", READERS),
                read("/api/v1/vouchers/{voucherId}", "/api/v1/vouchers/sec-fixture", READERS),
                write(HttpMethod.POST, "/api/v1/ledger/lines", "/api/v1/ledger/lines",
                        List.of(line("sec-l1", "acme", "EXTERNAL", "IAAS", "10.00", "2024-11-02")), WRITER),
                read("/api/v1/ledger/lines/{lineId}", "/api/v1/ledger/lines/sec-fixture", READERS),
                read("/api/v1/ledger/summary", "/api/v1/ledger/summary?period=2024-Q4&groupBy=product", READERS),
                read("/api/v1/ledger/paying-customers", "/api/v1/ledger/paying-customers?period=2024-Q4", READERS),
                read("/api/v1/ledger/daily", "/api/v1/ledger/daily?period=2024-Q4", READERS),
                read("/api/v1/attribution", "/api/v1/attribution?period=2024-Q4", READERS),
                read("/api/v1/completeness", "/api/v1/completeness?period=2024-Q4", READERS),
                read("/api/v1/changes", "/api/v1/changes?period=2024-Q4&since=2024-01-01T00:00:00Z", READERS),
                upload("/api/v1/ledger/imports", "/api/v1/ledger/imports", focusFile(), "text/csv", WRITER)
                        .writtenBy(IngestStreams.BILLING_IMPORTS),
                read("/api/v1/ledger/imports", "/api/v1/ledger/imports", READERS),
                read("/api/v1/ledger/imports/{importId}", "/api/v1/ledger/imports/" + fixtureImport, READERS),
                read("/api/v1/ledger/export", "/api/v1/ledger/export?period=2024-11", READERS),
                write(HttpMethod.PUT, "/api/v1/fx-rates/{currency}/{date}", "/api/v1/fx-rates/USD/2024-11-01",
                        Map.of("cnyPerUnit", new BigDecimal("7.12"), "source", "sec"), WRITER),
                upload("/api/v1/fx-rates", "/api/v1/fx-rates",
                        "date,currency,cnyPerUnit,source\n2024-11-02,USD,7.13,sec\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "text/csv", WRITER),
                read("/api/v1/fx-rates", "/api/v1/fx-rates?currency=USD", READERS),
                write(HttpMethod.POST, "/api/v1/fx-rates/rebook", "/api/v1/fx-rates/rebook?from=2024-11-01&to=2024-11-30",
                        Map.of(), WRITER));
    }

    @BeforeAll
    void fixtures() {
        BillingApi api = new BillingApi(client.toBlocking());
        api.groupRevenue("2024-Q4", "280154000000.00", "31742000000.00");
        api.voucher("sec-fixture", "minimax", "100.00", "2024-10-01", "2024-12-31");
        api.lines(List.of(line("sec-fixture", "acme", "EXTERNAL", "PAAS", "20.00", "2024-11-01")));
        fixtureImport = (String) client.toBlocking().retrieve(HttpRequest.POST("/api/v1/ledger/imports",
                focusFile("sec-fixture-account")).contentType("text/csv"), Map.class).get("importId");
    }

    private String fixtureImport;

    /** A one-row FOCUS file; each call's is another account's, so that no import is "unchanged". */
    private static byte[] focusFile() {
        return focusFile("sec-" + java.util.UUID.randomUUID());
    }

    private static byte[] focusFile(String account) {
        return ("BillingAccountId,BillingPeriodStart,ChargePeriodStart,ChargeCategory,ChargeClass,BilledCost,"
                + "BillingCurrency,ServiceCategory\n" + account + ",2024-11-01T00:00:00Z,2024-11-03T04:00:00Z,Usage,,"
                + "1.25,CNY,Compute\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** With tongyi unreachable (the test configuration points it nowhere), the service role still reads attribution. */
    @Test
    @SuppressWarnings("unchecked")
    void theAttributionAnswersWithoutTongyiItsReconciliationUnavailable() {
        Map<String, Object> attribution = new BillingApi(client.toBlocking()).get("/api/v1/attribution?period=2024-Q4");
        assertThat((Map<String, Object>) attribution.get("reconciliation")).containsEntry("status", "UNAVAILABLE");
    }
}
