package aikpi.billing.grouprevenue;

import static aikpi.billing.BillingApi.dec;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class GroupRevenueApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    BillingApi api;

    @BeforeEach
    void api() {
        api = new BillingApi(client.toBlocking());
    }

    @Test
    void aQuarterIsStoredUnderItsCalendarNameAndAnswersToBothNames() {
        var created = api.groupRevenue("2024-Q4", "280154000000", "31742000000");
        assertThat(created.getStatus().getCode()).isEqualTo(201);
        Map<?, ?> body = created.body();
        assertThat(body.get("quarter")).isEqualTo("2024-Q4");
        assertThat(body.get("fiscalQuarter")).isEqualTo("FY2025-Q3");
        assertThat(dec(body.get("cloudShare"))).isEqualByComparingTo("0.113302");

        Map<String, Object> byFiscal = api.get("/api/v1/group-revenue/FY2025-Q3");
        Map<String, Object> byCalendar = api.get("/api/v1/group-revenue/2024-Q4");
        assertThat(byFiscal).isEqualTo(byCalendar);
        assertThat(byFiscal).containsEntry("from", "2024-10-01").containsEntry("to", "2024-12-31")
                .containsEntry("source", "test figures");
        assertThat(dec(byFiscal.get("groupRevenueCny"))).isEqualByComparingTo("280154000000.00");
        // Money travels exact to the fen.
        assertThat(api.getText("/api/v1/group-revenue/2024-Q4")).contains("\"cloudRevenueCny\":31742000000.00");
    }

    @Test
    void theFiscalNameReplacesTheSameRow() {
        assertThat(api.groupRevenue("2025-Q1", "1000.00", "100.00").getStatus().getCode()).isEqualTo(201);
        var replaced = api.put("/api/v1/group-revenue/FY2025-Q4", Map.of("groupRevenueCny", new BigDecimal("2000.00"),
                "cloudRevenueCny", new BigDecimal("300.50"), "source", "restated"));
        assertThat(replaced.getStatus().getCode()).isEqualTo(200);
        assertThat(replaced.body().get("quarter")).isEqualTo("2025-Q1");

        Map<String, Object> stored = api.get("/api/v1/group-revenue/2025-Q1");
        assertThat(dec(stored.get("cloudRevenueCny"))).isEqualByComparingTo("300.50");
        assertThat(stored).containsEntry("source", "restated");
        assertThat(api.getList("/api/v1/group-revenue")).extracting(r -> r.get("quarter")).contains("2025-Q1")
                .doesNotContain("FY2025-Q4");
    }

    @Test
    void onlyQuartersAreReported() {
        Map<String, Object> figures = Map.of("groupRevenueCny", 10, "cloudRevenueCny", 1, "source", "s");
        assertThat((String) api.problem(HttpRequest.PUT("/api/v1/group-revenue/2024-11", figures), 400).get("detail"))
                .contains("not a quarter");
        assertThat((String) api.problem(HttpRequest.PUT("/api/v1/group-revenue/Q4-2024", figures), 400).get("detail"))
                .contains("FY2025-Q3");
        api.problem(HttpRequest.GET("/api/v1/group-revenue/2024-12-31"), 400);
    }

    @Test
    void impossibleFiguresAreRefusedWithEveryProblemNamed() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("groupRevenueCny", new BigDecimal("-1"));
        bad.put("cloudRevenueCny", new BigDecimal("10.001"));
        String detail = (String) api.problem(HttpRequest.PUT("/api/v1/group-revenue/2023-Q1", bad), 400).get("detail");
        assertThat(detail).contains("groupRevenueCny must not be negative").contains("cloudRevenueCny must be an amount")
                .contains("source is required");

        var cloudAboveGroup = Map.of("groupRevenueCny", 100, "cloudRevenueCny", 100.01, "source", "s");
        assertThat((String) api.problem(HttpRequest.PUT("/api/v1/group-revenue/2023-Q1", cloudAboveGroup), 400)
                .get("detail")).contains("cannot exceed groupRevenueCny");
        api.problem(HttpRequest.PUT("/api/v1/group-revenue/2023-Q1", Map.of("source", "s")), 400);
        var broken = HttpRequest.PUT("/api/v1/group-revenue/2023-Q1", "{\"groupRevenueCny\": ").contentType("application/json");
        api.problem(broken, 400);
        // Nothing was stored by the refused requests.
        api.problem(HttpRequest.GET("/api/v1/group-revenue/2023-Q1"), 404);
    }

    @Test
    void anUnreportedQuarterIsNotFound() {
        assertThat((String) api.problem(HttpRequest.GET("/api/v1/group-revenue/FY2020-Q1"), 404).get("detail"))
                .contains("2019-Q2");
    }
}
