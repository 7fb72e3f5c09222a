package aikpi.billing.ledger;

import static aikpi.billing.BillingApi.dec;
import static aikpi.billing.BillingApi.line;
import static aikpi.billing.BillingApi.offenders;
import static aikpi.billing.BillingApi.with;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MaaS revenue and billed tokens per model ({@code groupBy=model}): the model a MaaS token line names, summed from the
 * lines, corrections with their sign; lines naming no model and other products are left out. Each test books its own
 * month of 2022.
 */
@MicronautTest
class ModelRevenueTest {

    @Inject
    @Client("/")
    HttpClient client;

    BillingApi api;

    @BeforeEach
    void api() {
        api = new BillingApi(client.toBlocking());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> byModel(String period) {
        Map<String, Object> summary = api.get("/api/v1/ledger/summary?period=" + period + "&groupBy=model");
        assertThat(summary).containsEntry("groupBy", "model");
        return (List<Map<String, Object>>) summary.get("rows");
    }

    @Test
    void maasRevenueAndBilledTokensAreSummedPerModel() {
        api.voucher("mr-v", "moonshot", "1000.00", "2022-03-01", "2022-03-31");
        assertThat(api.lines(List.of(
                with(line("mr-1", "acme", "EXTERNAL", "MAAS_TOKENS", "120.00", "2022-03-02"),
                        "tokens", 3_000_000, "model", "qwen-max"),
                with(line("mr-2", "moonshot", "INVESTEE", "MAAS_TOKENS", "40.50", "2022-03-20"),
                        "tokens", 1_000_000, "model", "qwen-max", "funding", "VOUCHER", "voucherId", "mr-v"),
                with(line("mr-3", "acme", "EXTERNAL", "MAAS_TOKENS", "8.00", "2022-03-05"),
                        "tokens", 10_000_000, "model", "qwen-turbo"),
                // A correction names its line's model and carries the signed difference.
                with(line("mr-4", "acme", "EXTERNAL", "MAAS_TOKENS", "-2.00", "2022-03-06"),
                        "tokens", -2_000_000, "model", "qwen-turbo", "correctionOf", "mr-3"),
                // No model named, and another product: not in the breakdown.
                with(line("mr-5", "acme", "EXTERNAL", "MAAS_TOKENS", "99.00", "2022-03-07"), "tokens", 5_000_000),
                line("mr-6", "acme", "EXTERNAL", "IAAS", "500.00", "2022-03-07"),
                // Another month.
                with(line("mr-7", "acme", "EXTERNAL", "MAAS_TOKENS", "1.00", "2022-04-01"),
                        "tokens", 1_000, "model", "qwen-max"))))
                .containsEntry("accepted", 7);

        List<Map<String, Object>> rows = byModel("2022-03");
        assertThat(rows).extracting(r -> r.get("key")).containsExactly("qwen-max", "qwen-turbo");
        // qwen-max: 120.00 cash + 40.50 voucher = 160.50 over 3,000,000 + 1,000,000 tokens.
        Map<String, Object> max = rows.get(0);
        assertThat(dec(max.get("amountCny"))).isEqualByComparingTo("160.50");
        assertThat(dec(max.get("cashCny"))).isEqualByComparingTo("120.00");
        assertThat(dec(max.get("voucherCny"))).isEqualByComparingTo("40.50");
        assertThat(new BigInteger(max.get("tokens").toString())).isEqualTo(BigInteger.valueOf(4_000_000));
        assertThat(max).containsEntry("lines", 2);
        // qwen-turbo: 8.00 − 2.00 = 6.00 over 10,000,000 − 2,000,000 = 8,000,000 tokens.
        Map<String, Object> turbo = rows.get(1);
        assertThat(dec(turbo.get("amountCny"))).isEqualByComparingTo("6.00");
        assertThat(new BigInteger(turbo.get("tokens").toString())).isEqualTo(BigInteger.valueOf(8_000_000));

        Map<String, Object> history = api.get("/api/v1/ledger/lines/mr-1");
        assertThat(history.get("line").toString()).contains("model=qwen-max");
        assertThat(byModel("2022-05")).isEmpty();
    }

    @Test
    void aModelOnAnotherProductOrOfTheWrongShapeIsRefusedAndNothingIsStored() {
        Map<String, Object> problem = api.problem(HttpRequest.POST("/api/v1/ledger/lines", List.of(
                with(line("mb-ok", "acme", "EXTERNAL", "MAAS_TOKENS", "1.00", "2022-06-02"),
                        "tokens", 1_000, "model", "qwen-max"),
                with(line("mb-iaas", "acme", "EXTERNAL", "IAAS", "1.00", "2022-06-02"), "model", "qwen-max"),
                with(line("mb-shape", "acme", "EXTERNAL", "MAAS_TOKENS", "1.00", "2022-06-02"),
                        "tokens", 1_000, "model", "Qwen Max!"))), 400);
        assertThat(offenders(problem)).containsExactly("1:mb-iaas:model", "2:mb-shape:model");
        assertThat(problem.get("errors").toString()).contains("only MAAS_TOKENS lines name a model")
                .contains("must be a model id");
        assertThat(byModel("2022-06")).isEmpty();
    }

    @Test
    void aCorrectionNamingAnotherModelIsRefused() {
        assertThat(api.lines(List.of(with(line("mc-1", "acme", "EXTERNAL", "MAAS_TOKENS", "10.00", "2022-07-02"),
                "tokens", 1_000_000, "model", "qwen-max")))).containsEntry("accepted", 1);
        Map<String, Object> problem = api.problem(HttpRequest.POST("/api/v1/ledger/lines", List.of(
                with(line("mc-2", "acme", "EXTERNAL", "MAAS_TOKENS", "-1.00", "2022-07-03"),
                        "tokens", -100_000, "model", "qwen-plus", "correctionOf", "mc-1"))), 400);
        assertThat(problem.get("errors").toString()).contains("model");
        assertThat(dec(byModel("2022-07").get(0).get("amountCny"))).isEqualByComparingTo("10.00");
    }

    @Test
    void anUnknownGroupingNamesModelAmongTheValidOnes() {
        Map<String, Object> problem = api.problem(
                HttpRequest.GET("/api/v1/ledger/summary?period=2022-07&groupBy=family"), 400);
        assertThat(problem.get("detail").toString()).contains("model");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUnitsOwnMaasLinesAreSplitByModel() {
        assertThat(api.lines(List.of(
                with(line("mu-1", "taobao", "INTERNAL", "MAAS_TOKENS", "30.00", "2022-10-02"),
                        "tokens", 300_000, "model", "qwen-max"),
                with(line("mu-2", "taobao", "INTERNAL", "MAAS_TOKENS", "5.00", "2022-10-03"),
                        "tokens", 1_000_000, "model", "qwen-turbo"),
                with(line("mu-3", "taobao", "INTERNAL", "MAAS_TOKENS", "7.00", "2022-10-04"), "tokens", 70_000),
                with(line("mu-4", "tmall", "INTERNAL", "MAAS_TOKENS", "11.00", "2022-10-05"),
                        "tokens", 110_000, "model", "qwen-max"),
                with(line("mu-5", "acme", "EXTERNAL", "MAAS_TOKENS", "13.00", "2022-10-06"),
                        "tokens", 130_000, "model", "qwen-max"))))
                .containsEntry("accepted", 5);
        // taobao's own lines naming a model: qwen-max 30.00, qwen-turbo 5.00; not its line naming none (in its
        // products' MaaS revenue, 42.00), not tmall's or acme's.
        Map<String, Object> taobao = api.get("/api/v1/ledger/summary?period=2022-10&groupBy=model&businessUnit=taobao");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) taobao.get("rows");
        assertThat(rows).extracting(r -> r.get("key") + " " + dec(r.get("maasCny")).setScale(2))
                .containsExactly("qwen-max 30.00", "qwen-turbo 5.00");
        Map<String, Object> products = api.get("/api/v1/ledger/summary?period=2022-10&groupBy=product&businessUnit=taobao");
        assertThat(((List<Map<String, Object>>) products.get("rows"))).singleElement()
                .satisfies(r -> assertThat(dec(r.get("maasCny"))).isEqualByComparingTo("42.00"));
        assertThat((String) api.problem(HttpRequest.GET(
                "/api/v1/ledger/summary?period=2022-10&groupBy=customer&businessUnit=taobao"), 400).get("detail"))
                .contains("groupBy=product or groupBy=model");
    }
}
