package aikpi.billing.focus;

import static aikpi.billing.BillingApi.dec;
import static aikpi.billing.focus.FocusImportTest.errors;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * A FOCUS file in EUR: refused, naming the row, while a booking day has no rate; converted per line at the day's rate
 * once it has; FOCUS 1.2's pricing currency (here a virtual one, credits) kept and never revenue; the export gives the
 * EUR back and imports again to the same figures.
 */
@MicronautTest
@Property(name = "kpi.billing.close-day", value = "100000")
class FocusCurrencyImportTest {

    private static final String HEADER = "BillingAccountId,BillingPeriodStart,ChargePeriodStart,ChargeCategory,ChargeClass,"
            + "BilledCost,BillingCurrency,ServiceCategory,PricingCurrency,PricingCurrencyEffectiveCost,"
            + "PricingCurrencyListUnitPrice,PricingCurrencyContractedUnitPrice\n";

    @Inject
    @Client("/")
    HttpClient client;

    private static String row(String day, String cost, String currency) {
        return "eu-acct,2025-06-01T00:00:00Z," + day + "T04:00:00Z,Usage,," + cost + "," + currency
                + ",Compute,CREDITS,1000,0.5,0.4\n";
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFileInEurIsConvertedPerLineAtTheDaysRateAndExportedInEur() throws IOException {
        BillingApi api = new BillingApi(client.toBlocking());
        api.put("/api/v1/fx-rates/EUR/2025-06-02", Map.of("cnyPerUnit", new BigDecimal("7.8"), "source", "test"));

        String missing = HEADER + row("2025-06-02", "10.005", "EUR") + row("2025-06-02", "2", "EUR")
                + row("2025-06-20", "1", "EUR");
        Map<String, Object> problem = api.problem(FocusImportTest.csv(missing.getBytes(StandardCharsets.UTF_8)), 400);
        assertThat(errors(problem)).containsExactly("4:BillingCurrency");
        assertThat(problem.get("detail").toString()).contains("EUR", "2025-06-20", "Nothing was stored");
        assertThat(api.getList("/api/v1/ledger/imports")).isEmpty();

        String file = HEADER + row("2025-06-02", "10.005", "EUR") + row("2025-06-02", "2", "EUR");
        HttpResponse<Map<String, Object>> r = client.toBlocking().exchange(
                FocusImportTest.csv(file.getBytes(StandardCharsets.UTF_8)), Argument.mapOf(String.class, Object.class));
        assertThat(r.getStatus().getCode()).isEqualTo(201);
        // One line: 12.005 EUR x 7.8 = 93.639, half-even to the fen. The credits it was priced in are not revenue.
        assertThat(dec(r.body().get("ledgerTotalCny"))).isEqualByComparingTo("93.64");

        String export = api.getText("/api/v1/ledger/export?period=2025-06");
        List<CSVRecord> rows = FocusSampleImportTest.records(export.getBytes(StandardCharsets.UTF_8));
        assertThat(rows).singleElement().satisfies(x -> {
            assertThat(x.get("BillingCurrency")).isEqualTo("EUR");
            assertThat(new BigDecimal(x.get("BilledCost"))).isEqualByComparingTo("12.005");
            assertThat(new BigDecimal(x.get("x_BilledCostCny"))).isEqualByComparingTo("93.64");
            assertThat(new BigDecimal(x.get("x_CnyPerUnit"))).isEqualByComparingTo("7.8");
            assertThat(x.get("x_FxRateDay")).isEqualTo("2025-06-02");
            assertThat(x.get("PricingCurrency")).isEqualTo("CREDITS");
            assertThat(new BigDecimal(x.get("PricingCurrencyEffectiveCost"))).isEqualByComparingTo("2000");
        });

        // The export imported again restates the unit with the same figures.
        client.toBlocking().exchange(FocusImportTest.csv(export.getBytes(StandardCharsets.UTF_8)), Map.class);
        List<Map<String, Object>> byCurrency = (List<Map<String, Object>>) api.get(
                "/api/v1/ledger/summary?period=2025-06&groupBy=currency").get("rows");
        assertThat(byCurrency).singleElement().satisfies(x -> {
            assertThat(x).containsEntry("key", "EUR");
            assertThat(dec(x.get("billedAmount"))).isEqualByComparingTo("12.005");
            assertThat(dec(x.get("amountCny"))).isEqualByComparingTo("93.64");
        });
    }
}
