package aikpi.gateway.drivers;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import aikpi.gateway.sources.billing.LedgerSummary;
import aikpi.gateway.sources.billing.PayingCustomers;
import aikpi.gateway.sources.quark.QuarkBreakdown;
import aikpi.gateway.sources.quark.QuarkBreakdown.App;
import aikpi.gateway.sources.quark.QuarkBreakdown.Group;
import aikpi.gateway.sources.quark.QuarkBreakdown.Quality;
import aikpi.gateway.sources.quark.QuarkBreakdown.Volume;
import aikpi.gateway.sources.tongyi.HubSummary;
import aikpi.gateway.sources.tongyi.ResourceSummary;
import aikpi.gateway.sources.tongyi.TongyiKpis;
import aikpi.gateway.sources.tongyi.TongyiKpis.Counters;
import aikpi.gateway.sources.tongyi.TongyiKpis.Derivatives;
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
 * The drivers of the GPU bill, the AI margin, the hub counters, the customers with usage or paying, and the distinct
 * users, over HTTP against source doubles. Each test works its example by hand in its comments; 2025-Q1 is compared to 2025-Q2.
 *
 * GPU cost by model (tongyi), and AI cash revenue by model (the ledger's MaaS lines naming one):
 *
 *                     cost Q1    cost Q2    cash Q1    cash Q2    margin Q1   margin Q2   change
 *   qwen3-235b         600.00   1,000.00     900.00   1,500.00      300.00      500.00   +200.00
 *   qwen2.5-72b        300.00     250.00     400.00     300.00      100.00       50.00    −50.00
 *   qwen3-32b               —     100.00          —      50.00           —      −50.00    −50.00
 *   naming no model    100.00     150.00     700.00     800.00      600.00      650.00    +50.00  (the residual)
 *   whole            1,000.00   1,500.00   2,000.00   2,650.00    1,000.00    1,150.00   +150.00
 */
@MicronautTest(transactional = false)
class CostInfluenceAndUsersDriversApiTest extends DriversApiSupport {

    static ResourceSummary cost(String whole, String... keyCost) {
        List<ResourceSummary.Row> rows = new ArrayList<>();
        for (int i = 0; i < keyCost.length; i += 2) {
            rows.add(new ResourceSummary.Row(keyCost[i], new BigDecimal(keyCost[i + 1])));
        }
        return new ResourceSummary("p", new BigDecimal(whole), rows);
    }

    /** Ledger rows whose AI cash revenue is the given amount. */
    static LedgerSummary cash(String... keyCash) {
        List<LedgerSummary.Row> rows = new ArrayList<>();
        for (int i = 0; i < keyCash.length; i += 2) {
            BigDecimal c = new BigDecimal(keyCash[i + 1]);
            rows.add(new LedgerSummary.Row(keyCash[i], c, c, c, BigDecimal.ZERO));
        }
        return new LedgerSummary("p", "any", rows);
    }

    static Counters counters(long downloads, long finetunes, long quantized) {
        return new Counters(downloads, downloads / 100, new Derivatives(finetunes, quantized, 0, 0));
    }

    static HubSummary hub(Counters whole, Object... keyCounters) {
        List<HubSummary.Row> rows = new ArrayList<>();
        for (int i = 0; i < keyCounters.length; i += 2) {
            rows.add(new HubSummary.Row((String) keyCounters[i], (Counters) keyCounters[i + 1]));
        }
        return new HubSummary("p", whole, rows);
    }

    /** tongyi's KPIs with the given downloads gained, GPU cost and customers by kind: {onboarded by the end, active}. */
    static TongyiKpis tongyiWith(long downloads, String cost, Map<String, long[]> byKind) {
        TongyiKpis t = tongyi(downloads, 10, 100, 40, 20, 1_000, cost);
        Map<String, TongyiKpis.KindFigures> kinds = new java.util.LinkedHashMap<>();
        byKind.forEach((k, n) -> kinds.put(k, new TongyiKpis.KindFigures(n[0], n[1])));
        long total = byKind.values().stream().mapToLong(n -> n[0]).sum();
        long active = byKind.values().stream().mapToLong(n -> n[1]).sum();
        return new TongyiKpis(t.period(), t.influence(), new TongyiKpis.Customers(2, total, active, kinds),
                t.tokens(), t.resources());
    }

    @BeforeEach
    void figures() {
        everyPeriodAnswers(tongyi(100, 10, 100, 40, 20, 1_000, "5.00"), tokens("quark", 300L),
                quark(group(null, 2, 230, 600, "0.400000", 80, 57, "0.247826")),
                billing("1000.00", "110.00", "0.110000", "10.00", "8.00", "2.00", "5.00", null, 3, List.of()));
        // The view's own figures: AI cash revenue (attribution) and GPU cost, downloads, customers (tongyi's KPIs).
        when(billingClient.attribution("2025-Q1")).thenReturn(answer(billing("10000.00", "1000.00", "0.100000",
                "2400.00", "2000.00", "400.00", "0.00", null, 3, List.of())));
        when(billingClient.attribution("2025-Q2")).thenReturn(answer(billing("10000.00", "1000.00", "0.100000",
                "3000.00", "2650.00", "350.00", "0.00", null, 3, List.of())));
        // Customers onboarded by the end {EXTERNAL 10 → 12, INTERNAL 4 → 4, INVESTEE 2 → 3}, and those active.
        when(tongyiClient.kpis("2025-Q1")).thenReturn(answer(tongyiWith(10_000, "1000.00", Map.of(
                "EXTERNAL", new long[] {10, 3}, "INTERNAL", new long[] {4, 2}, "INVESTEE", new long[] {2, 0}))));
        when(tongyiClient.kpis("2025-Q2")).thenReturn(answer(tongyiWith(13_000, "1500.00", Map.of(
                "EXTERNAL", new long[] {12, 5}, "INTERNAL", new long[] {4, 3}, "INVESTEE", new long[] {3, 1}))));

        when(tongyiClient.resources("2025-Q1", "model")).thenReturn(answer(cost("1000.00",
                "qwen2.5-72b", "300.00", "qwen3-235b", "600.00")));
        when(tongyiClient.resources("2025-Q2", "model")).thenReturn(answer(cost("1500.00",
                "qwen2.5-72b", "250.00", "qwen3-235b", "1000.00", "qwen3-32b", "100.00")));
        when(tongyiClient.resources("2025-Q1", null)).thenReturn(answer(cost("1000.00")));
        when(tongyiClient.resources("2025-Q2", null)).thenReturn(answer(cost("1500.00")));
        when(billingClient.ledgerSummary("2025-Q1", null, null)).thenReturn(answer(cash("total", "2000.00")));
        when(billingClient.ledgerSummary("2025-Q2", null, null)).thenReturn(answer(cash("total", "2650.00")));
        when(billingClient.ledgerSummary("2025-Q1", "model", null)).thenReturn(answer(cash(
                "qwen2.5-72b", "400.00", "qwen3-235b", "900.00")));
        when(billingClient.ledgerSummary("2025-Q2", "model", null)).thenReturn(answer(cash(
                "qwen2.5-72b", "300.00", "qwen3-235b", "1500.00", "qwen3-32b", "50.00")));
    }

    /** member → contribution, in the answer's order. */
    static List<String> contributions(Map<String, Object> d) {
        return members(d).stream().map(m -> m.get("member") + " " + dec(m.get("contribution")).stripTrailingZeros()
                .toPlainString()).toList();
    }

    static BigDecimal explained(Map<String, Object> d) {
        BigDecimal sum = members(d).stream().map(m -> dec(m.get("contribution"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, Object> residual = row(d, "residual");
        return residual == null ? sum : sum.add(dec(residual.get("contribution")));
    }

    @Test
    void theGpuBillIsSplitByModelAndWhatNamesNoModelIsTheResidual() {
        Map<String, Object> d = get(DRIVERS + "ai-resource-cost/drivers?period=2025-Q2&by=model");
        // 1,000 → 1,500: qwen3-235b +400, qwen3-32b +100 (new), qwen2.5-72b −50, no model 100 → 150: +50.
        assertThat(d).containsEntry("kind", "sum");
        assertThat(dec(d.get("change"))).isEqualByComparingTo("500.00")
                .isEqualByComparingTo(viewFigure("2025-Q2", "ai-resource-cost").subtract(viewFigure("2025-Q1", "ai-resource-cost")));
        assertThat(contributions(d)).containsExactly("qwen3-235b 400", "qwen3-32b 100", "qwen2.5-72b -50");
        Map<String, Object> residual = row(d, "residual");
        assertThat(dec(residual.get("before"))).isEqualByComparingTo("100.00");
        assertThat(dec(residual.get("after"))).isEqualByComparingTo("150.00");
        assertThat((String) residual.get("note")).contains("no model");
        assertThat(explained(d)).isEqualByComparingTo(dec(d.get("change")));
        assertThat(dec(d.get("rounding"))).isEqualByComparingTo("0");
    }

    @Test
    void theGpuBillIsSplitByPurposeWithNothingLeftOver() {
        when(tongyiClient.resources("2025-Q1", "purpose")).thenReturn(answer(cost("1000.00",
                "INFERENCE", "300.00", "TRAINING", "700.00")));
        when(tongyiClient.resources("2025-Q2", "purpose")).thenReturn(answer(cost("1500.00",
                "INFERENCE", "600.00", "TRAINING", "900.00")));
        Map<String, Object> d = get(DRIVERS + "ai-resource-cost/drivers?period=2025-Q2&by=purpose");
        assertThat(contributions(d)).containsExactly("INFERENCE 300", "TRAINING 200");
        assertThat(d.get("residual")).isNull();
    }

    @Test
    void theMarginByModelIsEachModelsCashLessItsGpuCost() {
        Map<String, Object> d = get(DRIVERS + "ai-margin/drivers?period=2025-Q2&by=model");
        assertThat(dec(d.get("before"))).isEqualByComparingTo("1000.00");
        assertThat(dec(d.get("after"))).isEqualByComparingTo("1150.00");
        assertThat(dec(d.get("change"))).isEqualByComparingTo("150.00")
                .isEqualByComparingTo(viewFigure("2025-Q2", "ai-margin").subtract(viewFigure("2025-Q1", "ai-margin")));
        // By |contribution|, ties by name: qwen3-235b +200, then qwen2.5-72b and qwen3-32b −50 each.
        assertThat(contributions(d)).containsExactly("qwen3-235b 200", "qwen2.5-72b -50", "qwen3-32b -50");
        Map<String, Object> big = members(d).get(0);
        assertThat(dec(big.get("before"))).isEqualByComparingTo("300.00");
        assertThat(dec(big.get("after"))).isEqualByComparingTo("500.00");
        Map<String, Object> small = members(d).get(2);
        assertThat(dec(small.get("before"))).isEqualByComparingTo("0");
        assertThat(dec(small.get("after"))).isEqualByComparingTo("-50.00");
        // Cash naming no model less cost naming none: 700 − 100 = 600 → 800 − 150 = 650.
        Map<String, Object> residual = row(d, "residual");
        assertThat(dec(residual.get("before"))).isEqualByComparingTo("600.00");
        assertThat(dec(residual.get("after"))).isEqualByComparingTo("650.00");
        assertThat(dec(residual.get("contribution"))).isEqualByComparingTo("50.00");
        assertThat((String) residual.get("note")).contains("naming no model").contains("GPU cost");
        assertThat(explained(d)).isEqualByComparingTo(dec(d.get("change")));
    }

    @Test
    void theMarginByProductLeavesTheWholeGpuBillAsTheResidual() {
        when(billingClient.ledgerSummary("2025-Q1", "product", null)).thenReturn(answer(cash(
                "AI_COMPUTE", "700.00", "IAAS", "0.00", "MAAS_TOKENS", "1300.00")));
        when(billingClient.ledgerSummary("2025-Q2", "product", null)).thenReturn(answer(cash(
                "AI_COMPUTE", "750.00", "IAAS", "0.00", "MAAS_TOKENS", "1900.00")));
        Map<String, Object> d = get(DRIVERS + "ai-margin/drivers?period=2025-Q2&by=product");
        // MaaS +600, AI compute +50; the GPU bill −1,000 → −1,500: −500. Together +150.
        assertThat(contributions(d)).containsExactly("MAAS_TOKENS 600", "AI_COMPUTE 50");
        Map<String, Object> residual = row(d, "residual");
        assertThat(dec(residual.get("before"))).isEqualByComparingTo("-1000.00");
        assertThat(dec(residual.get("contribution"))).isEqualByComparingTo("-500.00");
        assertThat((String) residual.get("note")).contains("GPU resource cost").contains("no product");
        assertThat(dec(d.get("change"))).isEqualByComparingTo("150.00").isEqualByComparingTo(explained(d));

        Map<String, Object> b = get("/api/v1/executive/breakdown?kpi=ai-margin&period=2025-Q2&by=product");
        assertThat(dec(b.get("value"))).isEqualByComparingTo("1150.00");
        assertThat(dec(row(b, "residual").get("value"))).isEqualByComparingTo("-1500.00");
    }

    @Test
    void hubDownloadsAndDerivativesSplitByModelAndPlatform() {
        when(tongyiClient.hubStats("2025-Q1", "model")).thenReturn(answer(hub(counters(10_000, 15, 5),
                "qwen2.5-72b", counters(4_000, 5, 5), "qwen3-235b", counters(6_000, 10, 0))));
        when(tongyiClient.hubStats("2025-Q2", "model")).thenReturn(answer(hub(counters(13_000, 30, 4),
                "qwen2.5-72b", counters(3_000, 6, 4), "qwen3-235b", counters(9_500, 20, 0),
                "qwen3-32b", counters(500, 4, 0))));
        Map<String, Object> d = get(DRIVERS + "model-influence-downloads/drivers?period=2025-Q2&by=model");
        // 10,000 → 13,000: qwen3-235b +3,500, qwen2.5-72b −1,000, qwen3-32b +500 (new); nothing left over.
        assertThat(dec(d.get("change"))).isEqualByComparingTo("3000")
                .isEqualByComparingTo(viewFigure("2025-Q2", "model-influence-downloads")
                        .subtract(viewFigure("2025-Q1", "model-influence-downloads")));
        assertThat(contributions(d)).containsExactly("qwen3-235b 3500", "qwen2.5-72b -1000", "qwen3-32b 500");
        assertThat(d.get("residual")).isNull();

        // Derivatives (fine-tunes + quantizations): 20 → 34; qwen3-235b 10 → 20, qwen2.5-72b 10 → 10, qwen3-32b 0 → 4.
        Map<String, Object> v = get(DRIVERS + "model-influence-derivatives/drivers?period=2025-Q2&by=model");
        assertThat(dec(v.get("change"))).isEqualByComparingTo("14");
        assertThat(contributions(v)).containsExactly("qwen3-235b 10", "qwen3-32b 4", "qwen2.5-72b 0");

        when(tongyiClient.hubStats("2025-Q1", "platform")).thenReturn(answer(hub(counters(10_000, 15, 5),
                "HUGGING_FACE", counters(7_000, 12, 5), "MODELSCOPE", counters(3_000, 3, 0))));
        when(tongyiClient.hubStats("2025-Q2", "platform")).thenReturn(answer(hub(counters(13_000, 30, 4),
                "HUGGING_FACE", counters(8_000, 20, 4), "MODELSCOPE", counters(5_000, 10, 0))));
        // Likes are downloads ÷ 100 here: 100 → 130; Hugging Face 70 → 80, ModelScope 30 → 50.
        Map<String, Object> l = get(DRIVERS + "model-influence-likes/drivers?period=2025-Q2&by=platform");
        assertThat(contributions(l)).containsExactly("MODELSCOPE 20", "HUGGING_FACE 10");
    }

    @Test
    void customersWithUsageSplitByKindAddUpExactly() {
        Map<String, Object> d = get(DRIVERS + "tob-customers-with-usage/drivers?period=2025-Q2&by=customerKind");
        // 5 → 9: external 3 → 5, internal 2 → 3, investee 0 → 1.
        assertThat(dec(d.get("change"))).isEqualByComparingTo("4")
                .isEqualByComparingTo(viewFigure("2025-Q2", "tob-customers-with-usage")
                        .subtract(viewFigure("2025-Q1", "tob-customers-with-usage")));
        assertThat(contributions(d)).containsExactly("EXTERNAL 2", "INTERNAL 1", "INVESTEE 1");
        assertThat(d.get("residual")).isNull();

        // Onboarded by the end: 16 → 19; external +2, investee +1, internal 0.
        Map<String, Object> o = get(DRIVERS + "tob-customers-onboarded/drivers?period=2025-Q2&by=customerKind");
        assertThat(dec(o.get("change"))).isEqualByComparingTo("3")
                .isEqualByComparingTo(viewFigure("2025-Q2", "tob-customers-onboarded")
                        .subtract(viewFigure("2025-Q1", "tob-customers-onboarded")));
        assertThat(contributions(o)).containsExactly("EXTERNAL 2", "INVESTEE 1", "INTERNAL 0");
    }

    @Test
    void payingCustomersSplitByKindAddUpExactly() {
        when(billingClient.attribution("2025-Q1")).thenReturn(answer(billing("10000.00", "1000.00", "0.100000",
                "2400.00", "2000.00", "400.00", "0.00", null, 6, List.of())));
        when(billingClient.attribution("2025-Q2")).thenReturn(answer(billing("10000.00", "1000.00", "0.100000",
                "3000.00", "2650.00", "350.00", "0.00", null, 8, List.of())));
        when(billingClient.payingCustomers("2025-Q1")).thenReturn(answer(new PayingCustomers("2025-Q1", 6,
                Map.of("EXTERNAL", 4L, "INTERNAL", 2L, "INVESTEE", 0L))));
        when(billingClient.payingCustomers("2025-Q2")).thenReturn(answer(new PayingCustomers("2025-Q2", 8,
                Map.of("EXTERNAL", 3L, "INTERNAL", 3L, "INVESTEE", 2L))));
        Map<String, Object> d = get(DRIVERS + "tob-paying-customers/drivers?period=2025-Q2&by=customerKind");
        // 6 → 8: investee 0 → 2, internal 2 → 3, external 4 → 3.
        assertThat(dec(d.get("change"))).isEqualByComparingTo("2")
                .isEqualByComparingTo(viewFigure("2025-Q2", "tob-paying-customers")
                        .subtract(viewFigure("2025-Q1", "tob-paying-customers")));
        assertThat(contributions(d)).containsExactly("INVESTEE 2", "EXTERNAL -1", "INTERNAL 1");
        assertThat(d.get("residual")).isNull();
    }

    static Group unit(String unit, String mau, long aiUsers) {
        Quality q = new Quality(null, 0, 0, 0, null);
        return new Group(unit, new BigDecimal("10"), mau == null ? null : new BigDecimal(mau), null, aiUsers,
                new Volume(0), q);
    }

    static App app(String id, String unit, String mau, long aiUsers) {
        return new App(id, unit, new BigDecimal("10"), new BigDecimal(mau), aiUsers, new Volume(0),
                new Quality(null, 0, 0, 0, null), List.of());
    }

    /*
     * MAU by unit: quark 400 → 500, tmall 300 → 450; the group 600 → 800, fewer than the units together because some
     * users use both units' apps: the residual is −100 → −150. Change +200 = quark +100, tmall +150, overlap −50.
     * AI users within tmall by app: app-b 120 → 100, app-c enters with 80; tmall 120 → 160, so 20 use both in Q2.
     */
    void users() {
        when(quarkClient.breakdown("2025-Q1")).thenReturn(answer(new QuarkBreakdown("2025-Q1",
                List.of(app("app-a", "quark", "400", 90), app("app-b", "tmall", "300", 120)),
                List.of(unit("quark", "400", 90), unit("tmall", "300", 120)), unit(null, "600", 200))));
        when(quarkClient.breakdown("2025-Q2")).thenReturn(answer(new QuarkBreakdown("2025-Q2",
                List.of(app("app-a", "quark", "500", 95), app("app-b", "tmall", "350", 100),
                        app("app-c", "tmall", "200", 80)),
                List.of(unit("quark", "500", 95), unit("tmall", "450", 160)), unit(null, "800", 240))));
    }

    @Test
    void distinctUsersSplitByUnitWithTheOverlapAsTheResidual() {
        users();
        Map<String, Object> d = get(DRIVERS + "toc-mau/drivers?period=2025-Q2&by=unit");
        assertThat(dec(d.get("change"))).isEqualByComparingTo("200");
        assertThat(contributions(d)).containsExactly("tmall 150", "quark 100");
        Map<String, Object> residual = row(d, "residual");
        assertThat(dec(residual.get("before"))).isEqualByComparingTo("-100");
        assertThat(dec(residual.get("after"))).isEqualByComparingTo("-150");
        assertThat(dec(residual.get("contribution"))).isEqualByComparingTo("-50");
        assertThat((String) residual.get("note")).contains("several units").contains("overlap");

        Map<String, Object> tmall = get(DRIVERS + "toc-ai-users/drivers?period=2025-Q2&by=app&scope=tmall");
        assertThat(dec(tmall.get("change"))).isEqualByComparingTo("40");
        assertThat(contributions(tmall)).containsExactly("app-c 80", "app-b -20");
        assertThat(dec(row(tmall, "residual").get("contribution"))).isEqualByComparingTo("-20");
        assertThat(explained(tmall)).isEqualByComparingTo("40");

        Map<String, Object> b = get("/api/v1/executive/breakdown?kpi=toc-mau&period=2025-Q2&by=unit");
        assertThat(members(b)).extracting(m -> m.get("member")).containsExactly("quark", "tmall");
        assertThat(row(members(b).get(0), "drillDown")).containsEntry("scope", "quark").containsEntry("by", List.of("app"));
    }

    @Test
    void theNewKpisAreInTheTableOfDimensions() {
        List<Map<String, Object>> table = new ServiceApi(client.toBlocking()).getList("/api/v1/executive/drivers/dimensions");
        assertThat(table).anySatisfy(r -> assertThat(r).containsEntry("kpi", "ai-margin")
                .containsEntry("group", List.of("model", "product")).containsEntry("withinUnit", List.of()));
        assertThat(table).anySatisfy(r -> assertThat(r).containsEntry("kpi", "ai-resource-cost")
                .containsEntry("group", List.of("model", "purpose")));
        assertThat(table).anySatisfy(r -> assertThat(r).containsEntry("kpi", "model-influence-likes")
                .containsEntry("group", List.of("model", "platform")));
        assertThat(table).anySatisfy(r -> assertThat(r).containsEntry("kpi", "toc-ai-users")
                .containsEntry("group", List.of("unit", "app")).containsEntry("withinUnit", List.of("app")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDimensionTheKpiIsNotSplitByIsAProblemNamingTheValidOnes() {
        ServiceApi api = new ServiceApi(client.toBlocking());
        Map<String, Object> p = api.problem(HttpRequest.GET(DRIVERS + "ai-resource-cost/drivers?period=2025-Q2&by=unit"), 400);
        assertThat((String) p.get("detail")).contains("cannot be split by unit");
        assertThat(p.get("validDimensions")).isEqualTo(List.of("model", "purpose"));
        p = api.problem(HttpRequest.GET(DRIVERS + "ai-margin/drivers?period=2025-Q2&by=customer"), 400);
        assertThat(p.get("validDimensions")).isEqualTo(List.of("model", "product"));
        p = api.problem(HttpRequest.GET(DRIVERS + "ai-margin/drivers?period=2025-Q2&by=model&scope=tmall"), 400);
        assertThat((String) p.get("detail")).contains("not split within a business unit");
        assertThat(p.get("validDimensions")).isEqualTo(List.of());
        p = api.problem(HttpRequest.GET(DRIVERS + "model-influence-likes/drivers?period=2025-Q2&by=app"), 400);
        assertThat(p.get("validDimensions")).isEqualTo(List.of("model", "platform"));
        p = api.problem(HttpRequest.GET(DRIVERS + "tob-customers-with-usage/drivers?period=2025-Q2&by=unit"), 400);
        assertThat(p.get("validDimensions")).isEqualTo(List.of("customerKind"));
        p = api.problem(HttpRequest.GET(DRIVERS + "tob-paying-customers/drivers?period=2025-Q2&by=customer"), 400);
        assertThat(p.get("validDimensions")).isEqualTo(List.of("customerKind"));
        p = api.problem(HttpRequest.GET(DRIVERS + "toc-mau/drivers?period=2025-Q2&by=unit&scope=tmall"), 400);
        assertThat(p.get("validDimensions")).isEqualTo(List.of("app"));
        p = api.problem(HttpRequest.GET("/api/v1/executive/breakdown?kpi=ai-resource-cost&period=2025-Q2&by=customer"), 400);
        assertThat(p.get("validDimensions")).isEqualTo(List.of("model", "purpose"));
        p = api.problem(HttpRequest.GET(DRIVERS + "toc-turns/drivers?period=2025-Q2&by=unit"), 400);
        assertThat((List<String>) p.get("validKpis")).contains("ai-margin", "ai-resource-cost", "toc-mau");
    }
}
