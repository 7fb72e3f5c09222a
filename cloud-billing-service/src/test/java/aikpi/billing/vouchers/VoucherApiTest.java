package aikpi.billing.vouchers;

import static aikpi.billing.BillingApi.dec;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class VoucherApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    BillingApi api;

    @BeforeEach
    void api() {
        api = new BillingApi(client.toBlocking());
    }

    private Map<String, Object> draw(String lineId, String customer, String voucherId, String amount) {
        return with(line(lineId, customer, "INVESTEE", "AI_COMPUTE", amount, "2024-11-01"),
                "funding", "VOUCHER", "voucherId", voucherId);
    }

    @Test
    void aVoucherShowsWhatWasIssuedDrawnAndLeft() {
        var issued = api.voucher("vc-minimax-1", "minimax", "1000.00", "2024-10-01", "2025-03-31");
        assertThat(issued.getStatus().getCode()).isEqualTo(201);
        assertThat(dec(issued.body().get("balanceCny"))).isEqualByComparingTo("1000.00");

        api.lines(List.of(draw("vc-l1", "minimax", "vc-minimax-1", "250.50"), draw("vc-l2", "minimax", "vc-minimax-1", "49.50")));
        Map<String, Object> v = api.get("/api/v1/vouchers/vc-minimax-1");
        assertThat(v).containsEntry("customerId", "minimax").containsEntry("customerKind", "INVESTEE")
                .containsEntry("issuedOn", "2024-10-01").containsEntry("expiresOn", "2025-03-31")
                .containsEntry("expired", true);
        assertThat(dec(v.get("amountCny"))).isEqualByComparingTo("1000.00");
        assertThat(dec(v.get("drawnCny"))).isEqualByComparingTo("300.00");
        assertThat(dec(v.get("balanceCny"))).isEqualByComparingTo("700.00");

        assertThat(api.getList("/api/v1/vouchers?customerId=minimax")).extracting(m -> m.get("voucherId"))
                .contains("vc-minimax-1");
        assertThat(api.getList("/api/v1/vouchers?customerId=nobody")).isEmpty();
    }

    @Test
    void aVoucherValidTodayIsNotExpired() {
        api.voucher("vc-current", "zhipu", "10.00", "2024-01-01", LocalDate.now().plusYears(1).toString());
        assertThat(api.get("/api/v1/vouchers/vc-current")).containsEntry("expired", false);
    }

    @Test
    void termsMayBeAmendedButNotBelowWhatWasDrawn() {
        api.voucher("vc-amend", "baichuan", "500.00", "2024-10-01", "2024-12-31");
        api.lines(List.of(draw("vc-amend-l1", "baichuan", "vc-amend", "400.00")));

        var amended = api.voucher("vc-amend", "baichuan", "400.00", "2024-09-01", "2025-01-31");
        assertThat(amended.getStatus().getCode()).isEqualTo(200);
        assertThat(dec(amended.body().get("balanceCny"))).isEqualByComparingTo("0.00");
        assertThat(amended.body().get("issuedOn")).isEqualTo("2024-09-01");

        Map<String, Object> below = api.problem(HttpRequest.PUT("/api/v1/vouchers/vc-amend", Map.of(
                "customerId", "baichuan", "customerKind", "INVESTEE", "amountCny", new BigDecimal("399.99"),
                "issuedOn", "2024-10-01", "expiresOn", "2024-12-31")), 409);
        assertThat((String) below.get("detail")).contains("already been drawn down by 400.00");
        Map<String, Object> moved = api.problem(HttpRequest.PUT("/api/v1/vouchers/vc-amend", Map.of(
                "customerId", "zero-one", "customerKind", "INVESTEE", "amountCny", new BigDecimal("999"),
                "issuedOn", "2024-10-01", "expiresOn", "2024-12-31")), 409);
        assertThat((String) moved.get("detail")).contains("cannot be moved to 'zero-one'");
        // The refused amendments changed nothing.
        assertThat(dec(api.get("/api/v1/vouchers/vc-amend").get("amountCny"))).isEqualByComparingTo("400.00");
    }

    @Test
    void anUndrawnVoucherMayChangeHands() {
        api.voucher("vc-move", "moonshot", "10.00", "2024-10-01", "2024-12-31");
        assertThat(api.voucher("vc-move", "minimax", "20.00", "2024-10-01", "2024-12-31").body().get("customerId"))
                .isEqualTo("minimax");
    }

    @Test
    void badVouchersAreRefusedWithEveryProblemNamed() {
        String detail = (String) api.problem(HttpRequest.PUT("/api/v1/vouchers/vc-bad", Map.of(
                "customerId", "Not A Slug", "amountCny", new BigDecimal("-5"), "issuedOn", "2024-10-01",
                "expiresOn", "2024-09-01")), 400).get("detail");
        assertThat(detail).contains("customerId must be a lower-case slug").contains("customerKind is required")
                .contains("amountCny must be more than zero").contains("expiresOn (2024-09-01) is before issuedOn");
        assertThat((String) api.problem(HttpRequest.PUT("/api/v1/vouchers/vc-bad", Map.of("customerId", "x",
                "customerKind", "INVESTEE", "amountCny", new BigDecimal("1.001"), "issuedOn", "2024-10-01",
                "expiresOn", "2024-10-01")), 400).get("detail")).contains("two decimals");
        api.problem(HttpRequest.PUT("/api/v1/vouchers/vc-bad", Map.of("customerId", "x", "customerKind", "FRIEND",
                "amountCny", 1, "issuedOn", "2024-10-01", "expiresOn", "2024-10-01")), 400);
        api.problem(HttpRequest.GET("/api/v1/vouchers/vc-bad"), 404);
    }

    /** The path's id is stored as the voucher's: U+0000 in it failed PostgreSQL with 500 (H2 stored it). */
    @Test
    void aVoucherIdOutsideTheTextRuleIsRefused() {
        for (String id : List.of("vc-nul%00", "vc-esc%1B", "vc-c1%C2%85")) {
            var request = HttpRequest.PUT("/api/v1/vouchers/" + id, Map.of("customerId", "minimax",
                    "customerKind", "INVESTEE", "amountCny", new BigDecimal("1.00"), "issuedOn", "2024-10-01",
                    "expiresOn", "2024-12-31"));
            assertThat((String) api.problem(request, 400).get("detail")).as(id).contains("voucherId contains the control");
        }
        assertThat(api.getList("/api/v1/vouchers?customerId=minimax")).noneMatch(v -> ((String) v.get("voucherId"))
                .startsWith("vc-nul") || ((String) v.get("voucherId")).startsWith("vc-esc"));
    }

    @Test
    void absurdDatesAreRefusedNamingTheFieldAndChangeNothing() {
        api.voucher("vc-dated", "stepfun", "100.00", "2024-10-01", "2024-12-31");
        for (String date : BillingApi.ABSURD_DATES) {
            for (String id : List.of("vc-absurd", "vc-dated")) {
                String issued = (String) api.problem(HttpRequest.PUT("/api/v1/vouchers/" + id, Map.of("customerId",
                        "stepfun", "customerKind", "INVESTEE", "amountCny", new BigDecimal("100.00"), "issuedOn", date,
                        "expiresOn", "2024-12-31")), 400).get("detail");
                assertThat(issued).contains("issuedOn must be a date from 1990-01-01 to 2199-12-31 (was " + date + ")");
                String expires = (String) api.problem(HttpRequest.PUT("/api/v1/vouchers/" + id, Map.of("customerId",
                        "stepfun", "customerKind", "INVESTEE", "amountCny", new BigDecimal("100.00"), "issuedOn",
                        "2024-10-01", "expiresOn", date)), 400).get("detail");
                assertThat(expires).contains("expiresOn must be a date from 1990-01-01 to 2199-12-31 (was " + date + ")");
            }
        }
        api.problem(HttpRequest.GET("/api/v1/vouchers/vc-absurd"), 404);
        assertThat(api.get("/api/v1/vouchers/vc-dated")).containsEntry("issuedOn", "2024-10-01")
                .containsEntry("expiresOn", "2024-12-31");
    }

    @Test
    void theVoucherListIsReadPageByPageInIdOrderEachVoucherOnce() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = "paged-" + java.util.UUID.randomUUID();
            ids.add(id);
            api.voucher(id, i % 2 == 0 ? "paged-even" : "paged-odd", "10.00", "2024-10-01", "2024-12-31");
        }
        ids.sort(null);

        assertThat(api.getAllPages("/api/v1/vouchers", 3)).extracting(v -> v.get("voucherId").toString())
                .filteredOn(id -> id.startsWith("paged-")).containsExactlyElementsOf(ids);
        assertThat(api.getAllPages("/api/v1/vouchers?customerId=paged-even", 2)).hasSize(4)
                .allSatisfy(v -> assertThat(v).containsEntry("customerId", "paged-even"));
        api.assertPagingParametersChecked("/api/v1/vouchers", aikpi.testing.ServiceApi.FOREIGN_CURSOR);
    }
}
