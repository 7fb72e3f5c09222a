package aikpi.billing.ledger;

import static aikpi.billing.BillingApi.line;
import static aikpi.billing.BillingApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Customers paying cash in a period, in all and by kind; the kinds add up to the whole. */
@MicronautTest
class PayingCustomersApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void aCustomerPaysWhenItsCashLinesOfThePeriodAddUpToMoreThanZero() {
        BillingApi api = new BillingApi(client.toBlocking());
        api.lines(List.of(
                line("pc-acme-1", "pc-acme", "EXTERNAL", "IAAS", "100.00", "2019-07-05"),
                line("pc-bank-1", "pc-bank", "EXTERNAL", "AI_APPS", "40.00", "2019-08-01"),
                line("pc-moon-1", "pc-moon", "INVESTEE", "AI_COMPUTE", "10.00", "2019-08-03"),
                line("pc-tmall-1", "tmall", "INTERNAL", "AI_APPS", "5.00", "2019-09-30"),
                line("pc-old-1", "pc-old", "EXTERNAL", "IAAS", "20.00", "2019-06-30")));
        // The bank's line is corrected away in the same month: its cash adds up to zero, so it does not pay.
        api.lines(List.of(with(line("pc-bank-1", "pc-bank", "EXTERNAL", "AI_APPS", "40.00", "2019-08-01"),
                "lineId", "pc-bank-1-fix", "amountCny", new BigDecimal("-40.00"), "bookedOn", "2019-08-20",
                "correctionOf", "pc-bank-1")));

        // 2019-Q3: acme (external), moon (investee), tmall (internal); not the bank, not old (June).
        Map<String, Object> q3 = api.get("/api/v1/ledger/paying-customers?period=2019-Q3");
        assertThat(q3).containsEntry("payingCustomers", 3)
                .containsEntry("byKind", Map.of("EXTERNAL", 1, "INTERNAL", 1, "INVESTEE", 1));
        // August: only moon.
        Map<String, Object> august = api.get("/api/v1/ledger/paying-customers?period=2019-08");
        assertThat(august).containsEntry("payingCustomers", 1)
                .containsEntry("byKind", Map.of("EXTERNAL", 0, "INTERNAL", 0, "INVESTEE", 1));
        api.problem(HttpRequest.GET("/api/v1/ledger/paying-customers?period=2019Q3"), 400);
    }
}
