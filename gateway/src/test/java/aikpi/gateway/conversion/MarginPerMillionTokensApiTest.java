package aikpi.gateway.conversion;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import aikpi.gateway.SourceDoubles;
import aikpi.gateway.sources.billing.ModelRevenue;
import aikpi.gateway.sources.tongyi.UnitCosts;
import aikpi.gateway.sources.tongyi.UnitCosts.ModelCost;
import aikpi.gateway.targets.Target.Direction;
import aikpi.gateway.targets.Target.TargetPeriod;
import aikpi.gateway.targets.TargetRequest;
import aikpi.gateway.targets.TargetService;
import aikpi.testing.ServiceApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * margin-per-million-tokens in the executive view, the kpis listing and a review (docs/UNIT-ECONOMICS.md works the
 * same example). tongyi: qwen-max (family qwen) 4,000,000 tokens for 60.00 CNY, qwen-turbo (qwen) 16,000,000 for
 * 16.00, deepseek-r1 (deepseek) 2,000,000 for 30.00, wan-2 (wan) 1,000,000 with no inference cost recorded. billing:
 * qwen-max 80.00 for 2,000,000 billed tokens, qwen-turbo 12.00 for 8,000,000, deepseek-r1 10.00 for 1,000,000, and
 * kimi-k2 (a model tongyi does not know) 5.00 for 500,000.
 */
@MicronautTest(transactional = false)
class MarginPerMillionTokensApiTest extends SourceDoubles {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    TargetService targets;

    @MockBean(Clock.class)
    Clock reviewDay() {
        return Clock.fixed(Instant.parse("2025-06-01T04:00:00Z"), ZoneOffset.UTC);
    }

    @BeforeEach
    void figures() {
        everyPeriodAnswers(tongyi(100, 10, 100, 40, 20, 3_600, "5.00"), tokens("quark", 700L, "tmall", 300L),
                quark(group(null, 4, 400, 600, "0.400000", 80, 10, "0.050000"),
                        group("quark", 2, 200, 300, "0.500000", 50, 5, "0.050000"),
                        group("tmall", 2, 200, 300, "0.300000", 30, 5, "0.050000")),
                billing("280154000000.00", "31742000000.00", "0.113302", "10.00", "8.00", "2.00", "5.00", "5.00", 2,
                        List.of()));
        when(tongyiClient.unitCosts(anyString())).thenReturn(CompletableFuture.completedFuture(new UnitCosts("p",
                List.of(), List.of(
                        new ModelCost("deepseek-r1", "deepseek", 2_000_000, new BigDecimal("30.00"), new BigDecimal("15.00")),
                        new ModelCost("qwen-max", "qwen", 4_000_000, new BigDecimal("60.00"), new BigDecimal("15.00")),
                        new ModelCost("qwen-turbo", "qwen", 16_000_000, new BigDecimal("16.00"), new BigDecimal("1.00")),
                        new ModelCost("wan-2", "wan", 1_000_000, new BigDecimal("0.00"), null)))));
        when(billingClient.maasRevenueByModel(anyString())).thenReturn(CompletableFuture.completedFuture(
                new ModelRevenue("p", List.of(
                        row("deepseek-r1", "10.00", 1_000_000), row("kimi-k2", "5.00", 500_000),
                        row("qwen-max", "80.00", 2_000_000), row("qwen-turbo", "12.00", 8_000_000)))));
    }

    private static ModelRevenue.Row row(String model, String amount, long tokens) {
        return new ModelRevenue.Row(model, new BigDecimal(amount), BigInteger.valueOf(tokens));
    }

    private Map<String, Object> get(String uri) {
        return new ServiceApi(client.toBlocking()).get(uri);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Object list, String key, String value) {
        return ((List<Map<String, Object>>) list).stream().filter(m -> value.equals(m.get(key))).findFirst()
                .orElseThrow();
    }

    private static BigDecimal dec(Object number) {
        return number == null ? null : new BigDecimal(number.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachFamilyEarnsOrBurnsAndTheGroupNets() {
        Map<String, Object> view = get("/api/v1/executive/ai-conversion?period=2025-Q1");
        Map<String, Object> kpi = at(view.get("kpis"), "id", "margin-per-million-tokens");
        // Group: (92.00 + 10.00 + 5.00) ÷ 11,500,000 × 10⁶ = 9.304348 − (76.00 + 30.00 + 0.00) ÷ 22,000,000 × 10⁶
        // = 4.818182 (wan-2's tokens have no cost: left out) → 4.486166, to the fen 4.49.
        assertThat(dec(kpi.get("value"))).isEqualByComparingTo("4.49");
        assertThat(kpi).containsEntry("unit", "CNY");

        Map<String, Object> toB = (Map<String, Object>) view.get("toB");
        assertThat(dec(toB.get("marginPerMillionTokensCny"))).isEqualByComparingTo("4.49");
        List<Map<String, Object>> families = (List<Map<String, Object>>) toB.get("modelFamilies");
        assertThat(families).extracting(f -> f.get("family")).containsExactly("deepseek", "kimi-k2", "qwen", "wan");

        // qwen earns: 92.00 ÷ 10,000,000 × 10⁶ = 9.20 − 76.00 ÷ 20,000,000 × 10⁶ = 3.80 → 5.40.
        Map<String, Object> qwen = at(families, "family", "qwen");
        assertThat((List<String>) qwen.get("models")).containsExactly("qwen-max", "qwen-turbo");
        assertThat(dec(qwen.get("maasRevenueCny"))).isEqualByComparingTo("92.00");
        assertThat(dec(qwen.get("billedTokens"))).isEqualByComparingTo("10000000");
        assertThat(dec(qwen.get("revenuePerMillionTokensCny"))).isEqualByComparingTo("9.20");
        assertThat(dec(qwen.get("meteredTokens"))).isEqualByComparingTo("20000000");
        assertThat(dec(qwen.get("costPerMillionTokensCny"))).isEqualByComparingTo("3.80");
        assertThat(dec(qwen.get("marginPerMillionTokensCny"))).isEqualByComparingTo("5.40");
        // deepseek burns: 10.00 per million billed − 15.00 per million metered = −5.00.
        assertThat(dec(at(families, "family", "deepseek").get("marginPerMillionTokensCny"))).isEqualByComparingTo("-5.00");
        // kimi-k2: billed, no cost known; wan: metered without a cost, not billed. Neither has a margin.
        Map<String, Object> kimi = at(families, "family", "kimi-k2");
        assertThat(dec(kimi.get("revenuePerMillionTokensCny"))).isEqualByComparingTo("10.00");
        assertThat(kimi.get("marginPerMillionTokensCny")).isNull();
        Map<String, Object> wan = at(families, "family", "wan");
        assertThat(dec(wan.get("meteredTokens"))).isZero();
        assertThat(wan.get("marginPerMillionTokensCny")).isNull();
    }

    @Test
    void theKpisListingDefinesIt() {
        Map<String, Object> kpi = at(get("/api/v1/executive/ai-conversion?period=2025-Q1").get("kpis"), "id",
                "margin-per-million-tokens");
        assertThat(kpi.get("definition").toString()).contains("billed tokens").contains("metered tokens");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGroupIsReviewedAgainstAMarginFloorAndAUnitCannotBeGivenIt() {
        targets.put(2025, "group", "margin-per-million-tokens", new TargetRequest(new BigDecimal("5.00"),
                Direction.AT_LEAST, BigDecimal.ONE, TargetPeriod.YEAR, null, "synthetic: margin test"), "exec");
        Map<String, Object> review = get("/api/v1/executive/reviews?period=FY2025-Q4");
        Map<String, Object> kpi = at(at(review.get("scopes"), "scope", "group").get("kpis"), "kpiId",
                "margin-per-million-tokens");
        assertThat(dec(kpi.get("actual"))).isEqualByComparingTo("4.49");
        // AT_LEAST: 4.49 ÷ 5.00; a level keeps its target in a quarter; the quarter is over and the floor missed.
        assertThat(dec(kpi.get("attainment"))).isEqualByComparingTo("0.898000");
        assertThat(kpi).containsEntry("status", "OFF_TRACK").containsEntry("nature", "LEVEL");

        // Not a unit's KPI: tongyi's costs and billing's MaaS lines are per model, not per business unit.
        Map<String, Object> problem = new ServiceApi(client.toBlocking()).problem(HttpRequest.PUT(
                "/api/v1/targets/FY2025/quark/margin-per-million-tokens", Map.of("target", 5, "direction", "AT_LEAST",
                        "weight", 1, "period", "YEAR", "note", "synthetic: margin test")), 400);
        assertThat((List<String>) problem.get("validKpiIds")).doesNotContain("margin-per-million-tokens");
    }
}
