package aikpi.gateway.drivers;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import aikpi.gateway.sources.billing.LedgerSummary;
import aikpi.testing.ServiceApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * MaaS revenue and revenue per million tokens within a unit, by model: the unit's own MaaS lines (billing) and its own
 * metered tokens (tongyi) per model. taobao, 2025-Q1 → 2025-Q2:
 *
 *                    revenue Q1  tokens Q1   rate Q1  weight Q1   revenue Q2  tokens Q2   rate Q2    weight Q2
 *   qwen-max            30.00      100,000     300      0.2          40.00      100,000     400         0.1
 *   qwen-turbo           5.00      400,000      12.5    0.8          12.00      900,000      13.333…    0.9
 *   naming no model         —            —                            8.00            —
 *   taobao              35.00      500,000      70                   60.00    1,000,000      60
 *
 * Change −10. qwen-max: contribution 40 − 60 = −20, rate (400 − 300)·(0.2 + 0.1)/2 = +15, mix −35. qwen-turbo:
 * 12 − 10 = +2, rate (13.333… − 12.5)·(0.8 + 0.9)/2 = +0.708333, mix +1.291667. The line naming no model: +8, all mix.
 */
@MicronautTest(transactional = false)
class MaasWithinAUnitDriversApiTest extends DriversApiSupport {

    /** Ledger rows whose MaaS revenue is the given amount (all of it AI, none of it cash here). */
    static LedgerSummary maas(String... keyMaas) {
        List<LedgerSummary.Row> rows = new ArrayList<>();
        for (int i = 0; i < keyMaas.length; i += 2) {
            BigDecimal m = new BigDecimal(keyMaas[i + 1]);
            rows.add(new LedgerSummary.Row(keyMaas[i], m, m, m, m));
        }
        return new LedgerSummary("p", "any", rows);
    }

    @BeforeEach
    void figures() {
        everyPeriodAnswers(tongyi(100, 10, 100, 40, 20, 1_000, "5.00"), tokens("quark", 300L),
                quark(group(null, 2, 230, 600, "0.400000", 80, 57, "0.247826")),
                billing("1000.00", "110.00", "0.110000", "10.00", "8.00", "2.00", "5.00", null, 3, List.of()));
        when(billingClient.ledgerSummary("2025-Q1", "model", "taobao")).thenReturn(answer(maas(
                "qwen-max", "30.00", "qwen-turbo", "5.00")));
        when(billingClient.ledgerSummary("2025-Q2", "model", "taobao")).thenReturn(answer(maas(
                "qwen-max", "40.00", "qwen-turbo", "12.00")));
        when(billingClient.ledgerSummary("2025-Q1", "product", "taobao")).thenReturn(answer(maas("MAAS_TOKENS", "35.00")));
        when(billingClient.ledgerSummary("2025-Q2", "product", "taobao")).thenReturn(answer(maas("MAAS_TOKENS", "60.00")));
        when(tongyiClient.usage("2025-Q1", "model", "taobao")).thenReturn(answer(tokens(
                "qwen-max", 100_000L, "qwen-turbo", 400_000L)));
        when(tongyiClient.usage("2025-Q2", "model", "taobao")).thenReturn(answer(tokens(
                "qwen-max", 100_000L, "qwen-turbo", 900_000L)));
    }

    @Test
    void aUnitsRevenuePerMillionTokensIsSplitByModelIntoRateAndMix() {
        Map<String, Object> d = get(DRIVERS + "revenue-per-million-tokens/drivers?period=2025-Q2&by=model&scope=taobao");
        assertThat(d).containsEntry("kind", "ratio").containsEntry("scope", "taobao");
        assertThat(dec(d.get("before"))).isEqualByComparingTo("70");
        assertThat(dec(d.get("after"))).isEqualByComparingTo("60");
        assertThat(dec(d.get("change"))).isEqualByComparingTo("-10");
        assertThat(members(d)).extracting(m -> m.get("member")).containsExactly("qwen-max", "qwen-turbo");
        Map<String, Object> max = members(d).get(0);
        assertThat(dec(max.get("contribution"))).isEqualByComparingTo("-20");
        assertThat(dec(max.get("rateEffect"))).isEqualByComparingTo("15");
        assertThat(dec(max.get("mixEffect"))).isEqualByComparingTo("-35");
        assertThat(dec(max.get("weightBefore"))).isEqualByComparingTo("0.2");
        Map<String, Object> turbo = members(d).get(1);
        assertThat(dec(turbo.get("contribution"))).isEqualByComparingTo("2");
        assertThat(dec(turbo.get("rateEffect"))).isEqualByComparingTo("0.708333");
        assertThat(dec(turbo.get("mixEffect"))).isEqualByComparingTo("1.291667");
        assertThat(dec(turbo.get("after"))).isEqualByComparingTo("13.333333");
        Map<String, Object> residual = row(d, "residual");
        assertThat(dec(residual.get("contribution"))).isEqualByComparingTo("8");
        assertThat(dec(residual.get("rateEffect"))).isEqualByComparingTo("0");
        assertThat((String) residual.get("note")).contains("naming no model");
        assertThat(dec(d.get("rounding"))).isEqualByComparingTo("0");
        assertThat(d.get("dimensions")).isEqualTo(List.of("model"));
    }

    @Test
    void aUnitsMaasRevenueIsSplitByModel() {
        Map<String, Object> d = get(DRIVERS + "tob-maas-revenue/drivers?period=2025-Q2&by=model&scope=taobao");
        // 35 → 60: qwen-max +10, qwen-turbo +7, the line naming no model +8.
        assertThat(dec(d.get("change"))).isEqualByComparingTo("25.00");
        assertThat(members(d)).extracting(m -> m.get("member") + " " + dec(m.get("contribution")).stripTrailingZeros()
                .toPlainString()).containsExactly("qwen-max 10", "qwen-turbo 7");
        assertThat(dec(row(d, "residual").get("contribution"))).isEqualByComparingTo("8.00");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGroupsRevenuePerMillionTokensByUnitDrillsDownToAUnitsModels() {
        when(billingClient.attribution("2025-Q2")).thenReturn(answer(billing("10000.00", "1000.00", "0.100000",
                "100.00", "100.00", "0.00", "100.00", "50.00", 3, List.of())));
        when(billingClient.ledgerSummary("2025-Q2", "businessUnit", null)).thenReturn(answer(maas(
                "taobao", "60.00", "tmall", "10.00")));
        when(billingClient.ledgerSummary("2025-Q2", null, null)).thenReturn(answer(maas("total", "100.00")));
        when(tongyiClient.usageByBusinessUnit("2025-Q2")).thenReturn(answer(tokens(
                "taobao", 1_000_000L, "tmall", 500_000L)));
        when(tongyiClient.usage("2025-Q2", null, null)).thenReturn(answer(tokens("total", 2_000_000L)));
        // 100 × 10⁶ ÷ 2,000,000 = 50: taobao 60 (weight 0.5), tmall 20 (0.25), customers that are no unit 60 (0.25).
        Map<String, Object> b = get("/api/v1/executive/breakdown?kpi=revenue-per-million-tokens&period=2025-Q2&by=unit");
        assertThat(dec(b.get("value"))).isEqualByComparingTo("50");
        assertThat(members(b)).extracting(m -> m.get("member")).containsExactly("taobao", "tmall");
        assertThat(dec(members(b).get(0).get("weight"))).isEqualByComparingTo("0.5");
        assertThat(dec(members(b).get(1).get("value"))).isEqualByComparingTo("20");
        assertThat((Map<String, Object>) members(b).get(0).get("drillDown")).containsEntry("scope", "taobao")
                .containsEntry("by", List.of("model"));
        Map<String, Object> residual = row(b, "residual");
        assertThat(dec(residual.get("value"))).isEqualByComparingTo("60");
        assertThat(dec(residual.get("weight"))).isEqualByComparingTo("0.25");
        assertThat((String) residual.get("note")).contains("not a business unit");
    }

    @Test
    void aiShareOfCloudIsNotSplitWithinAUnit() {
        ServiceApi api = new ServiceApi(client.toBlocking());
        Map<String, Object> p = api.problem(HttpRequest.GET(DRIVERS
                + "ai-share-of-cloud/drivers?period=2025-Q2&by=product&scope=taobao"), 400);
        assertThat((String) p.get("detail")).contains("not split within a business unit");
        assertThat(p.get("validDimensions")).isEqualTo(List.of());
        p = api.problem(HttpRequest.GET(DRIVERS + "revenue-per-million-tokens/drivers?period=2025-Q2&by=customer"
                + "&scope=taobao"), 400);
        assertThat(p.get("validDimensions")).isEqualTo(List.of("model"));
        p = api.problem(HttpRequest.GET(DRIVERS + "revenue-per-million-tokens/drivers?period=2025-05&by=model"
                + "&scope=taobao"), 400);
        assertThat((String) p.get("detail")).contains("by quarter");
    }
}
