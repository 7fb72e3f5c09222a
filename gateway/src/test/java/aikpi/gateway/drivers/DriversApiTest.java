package aikpi.gateway.drivers;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import aikpi.gateway.sources.billing.Attribution;
import aikpi.gateway.sources.billing.LedgerSummary;
import aikpi.gateway.sources.quark.QuarkBreakdown;
import aikpi.gateway.sources.quark.QuarkBreakdown.App;
import aikpi.gateway.sources.quark.QuarkBreakdown.Feature;
import aikpi.gateway.sources.quark.QuarkBreakdown.Group;
import aikpi.gateway.sources.quark.QuarkBreakdown.Quality;
import aikpi.gateway.sources.quark.QuarkBreakdown.Volume;
import aikpi.testing.ServiceApi;
import aikpi.testing.TestTokens;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drivers and breakdowns over HTTP against source doubles. quark's figures are the worked example of docs/DRIVERS.md:
 *
 *              2025-Q1 (before)                              2025-Q2 (after)
 *   app-a  quark   resolved 60 / known 100, 120 sessions     105 / 150, 160 sessions   (feature camera: all of it)
 *   app-b  tmall            20 / 100, 110 sessions            10 /  50,  60 sessions   (fed by daily aggregates)
 *   app-c  tmall            —                                 60 / 200, 230 sessions   (fed by daily aggregates)
 *   group                   80 / 200 = 0.4, 230 sessions     175 / 400 = 0.4375, 450 sessions
 */
@MicronautTest(transactional = false)
class DriversApiTest extends DriversApiSupport {

    @Inject
    TestTokens tokens;

    static App app(String id, String unit, long sessions, long resolved, long known, boolean byFeature) {
        Quality q = quality(resolved, known, sessions / 4, sessions);
        List<Feature> features = List.of(new Feature("camera", byFeature ? new Volume(sessions) : null,
                byFeature ? q : null));
        return new App(id, unit, new BigDecimal("100"), new BigDecimal("400"), 50, new Volume(sessions), q, features);
    }

    static Quality quality(long resolved, long known, long conversions, long sessions) {
        return new Quality(ratio(resolved, known), resolved, known, conversions, ratio(conversions, sessions));
    }

    static BigDecimal ratio(long n, long d) {
        return d == 0 ? null : BigDecimal.valueOf(n).divide(BigDecimal.valueOf(d), 6, java.math.RoundingMode.HALF_UP);
    }

    static Group unit(String unit, long sessions, long resolved, long known) {
        return new Group(unit, new BigDecimal("100"), new BigDecimal("400"), new BigDecimal("0.250000"), 50,
                new Volume(sessions), quality(resolved, known, sessions / 4, sessions));
    }

    static QuarkBreakdown before() {
        return new QuarkBreakdown("2025-Q1",
                List.of(app("app-a", "quark", 120, 60, 100, true), app("app-b", "tmall", 110, 20, 100, false)),
                List.of(unit("quark", 120, 60, 100), unit("tmall", 110, 20, 100)),
                unit(null, 230, 80, 200));
    }

    static QuarkBreakdown after() {
        return new QuarkBreakdown("2025-Q2",
                List.of(app("app-a", "quark", 160, 105, 150, true), app("app-b", "tmall", 60, 10, 50, false),
                        app("app-c", "tmall", 230, 60, 200, false)),
                List.of(unit("quark", 160, 105, 150), unit("tmall", 290, 70, 250)),
                unit(null, 450, 175, 400));
    }

    @BeforeEach
    void figures() {
        everyPeriodAnswers(tongyi(100, 10, 100, 40, 20, 1_000, "5.00"), tokens("quark", 300L),
                quark(group(null, 2, 230, 600, "0.400000", 80, 57, "0.247826")),
                billing("1000.00", "110.00", "0.110000", "10.00", "8.00", "2.00", "5.00", null, 3, List.of()));
        when(quarkClient.kpis("2025-Q2")).thenReturn(CompletableFuture.completedFuture(
                quark(group(null, 2, 450, 900, "0.437500", 175, 112, "0.248889"))));
        when(quarkClient.breakdown("2025-Q1")).thenReturn(CompletableFuture.completedFuture(before()));
        when(quarkClient.breakdown("2025-Q2")).thenReturn(CompletableFuture.completedFuture(after()));
    }

    @Test
    void aRatiosChangeIsSplitIntoRateAndMixPerApp_theTopTwoAndTheOthers() {
        Map<String, Object> d = get(DRIVERS + "assistant-resolution-rate/drivers?period=2025-Q2&by=app&top=2");

        assertThat(d).containsEntry("kind", "ratio").containsEntry("compareTo", "2025-Q1").containsEntry("scope", "group");
        assertThat(dec(d.get("before"))).isEqualByComparingTo("0.4");
        assertThat(dec(d.get("after"))).isEqualByComparingTo("0.4375");
        assertThat(dec(d.get("change"))).isEqualByComparingTo("0.0375");
        // By |contribution|: app-c +0.15 (entered: all mix), app-b −0.075 (its weight fell from 0.5 to 0.125).
        assertThat(members(d)).extracting(m -> m.get("member")).containsExactly("app-c", "app-b");
        Map<String, Object> c = members(d).get(0);
        assertThat(dec(c.get("contribution"))).isEqualByComparingTo("0.15");
        assertThat(dec(c.get("rateEffect"))).isEqualByComparingTo("0");
        assertThat(dec(c.get("mixEffect"))).isEqualByComparingTo("0.15");
        assertThat(dec(c.get("weightAfter"))).isEqualByComparingTo("0.5");
        assertThat(dec(c.get("after"))).isEqualByComparingTo("0.3");
        Map<String, Object> b = members(d).get(1);
        assertThat(dec(b.get("mixEffect"))).isEqualByComparingTo("-0.075");
        assertThat(dec(b.get("weightBefore"))).isEqualByComparingTo("0.5");
        assertThat(dec(b.get("weightAfter"))).isEqualByComparingTo("0.125");
        // app-a, the rest: rate (0.7 − 0.6)·(0.5 + 0.375)/2 = +0.04375, mix (0.375 − 0.5)·(0.6 + 0.7)/2 = −0.08125.
        Map<String, Object> others = row(d, "others");
        assertThat(others).containsEntry("member", "others").containsEntry("members", 1);
        assertThat(dec(others.get("rateEffect"))).isEqualByComparingTo("0.04375");
        assertThat(dec(others.get("mixEffect"))).isEqualByComparingTo("-0.08125");
        assertThat(dec(others.get("contribution"))).isEqualByComparingTo("-0.0375");
        assertThat(d.get("residual")).isNull();
        assertThat(dec(d.get("rounding"))).isEqualByComparingTo("0");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDriversChangeIsTheViewsOwnChange() {
        Map<String, Object> d = get(DRIVERS + "assistant-resolution-rate/drivers?period=2025-Q2&by=unit");
        BigDecimal viewBefore = viewFigure("2025-Q1", "assistant-resolution-rate");
        BigDecimal viewAfter = viewFigure("2025-Q2", "assistant-resolution-rate");
        assertThat(dec(d.get("change"))).isEqualByComparingTo(viewAfter.subtract(viewBefore));
        BigDecimal sum = members(d).stream().map(m -> dec(m.get("contribution"))).reduce(BigDecimal.ZERO, BigDecimal::add)
                .add(dec(d.get("rounding")));
        assertThat(sum).isEqualByComparingTo(dec(d.get("change")));
    }

    @Test
    void aSumsMembersContributeTheirOwnChange() {
        Map<String, Object> d = get(DRIVERS + "toc-ai-sessions/drivers?period=2025-Q2&by=unit");
        assertThat(d).containsEntry("kind", "sum");
        assertThat(dec(d.get("change"))).isEqualByComparingTo("220");
        assertThat(members(d)).extracting(m -> m.get("member")).containsExactly("tmall", "quark");
        assertThat(members(d).get(0)).containsEntry("before", 110).containsEntry("after", 290).containsEntry("contribution", 180);
        assertThat(members(d).get(1)).containsEntry("contribution", 40);
        assertThat(members(d).get(0)).doesNotContainKey("rateEffect");
    }

    @Test
    void whatAFeatureCannotSplitIsTheResidualRowAndSaysWhy() {
        // Only app-a's days are split by feature. residual before 20/100, after 70/250:
        // contribution 70/400 − 20/200 = +0.075; camera (= app-a) −0.0375; together the change, +0.0375.
        Map<String, Object> d = get(DRIVERS + "assistant-resolution-rate/drivers?period=2025-Q2&by=feature");
        assertThat(members(d)).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("member", "app-a/camera");
            assertThat(dec(m.get("contribution"))).isEqualByComparingTo("-0.0375");
        });
        Map<String, Object> residual = row(d, "residual");
        assertThat(dec(residual.get("contribution"))).isEqualByComparingTo("0.075");
        assertThat((String) residual.get("note")).contains("not split by feature");
    }

    @Test
    void tokensOfCustomersThatAreNoUnitAreTheResidual() {
        when(tongyiClient.usageByBusinessUnit("2025-Q1")).thenReturn(CompletableFuture.completedFuture(
                tokens("quark", 300L, "tmall", 200L)));
        when(tongyiClient.usageByBusinessUnit("2025-Q2")).thenReturn(CompletableFuture.completedFuture(
                tokens("quark", 400L, "tmall", 200L)));
        when(tongyiClient.usage("2025-Q1", null, null)).thenReturn(CompletableFuture.completedFuture(tokens("total", 1_000L)));
        when(tongyiClient.usage("2025-Q2", null, null)).thenReturn(CompletableFuture.completedFuture(tokens("total", 1_500L)));
        Map<String, Object> d = get(DRIVERS + "tob-tokens/drivers?period=2025-Q2&by=unit");
        // 1,500 − 1,000 = 500: quark +100, tmall 0, and 900 − 500 = +400 of customers that are not a business unit.
        assertThat(dec(d.get("change"))).isEqualByComparingTo("500");
        assertThat(members(d)).extracting(m -> m.get("member"), m -> m.get("contribution"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("quark", 100), org.assertj.core.groups.Tuple.tuple("tmall", 0));
        Map<String, Object> residual = row(d, "residual");
        assertThat(residual).containsEntry("before", 500).containsEntry("after", 900).containsEntry("contribution", 400);
        assertThat((String) residual.get("note")).contains("not a business unit");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUnitsLeadReadsItsOwnUnitsDriversOnly() {
        String lead = tokens.businessUnitLead("tmall");
        Map<String, Object> own = client.toBlocking().retrieve(HttpRequest.GET(DRIVERS
                        + "assistant-resolution-rate/drivers?period=2025-Q2&by=app&scope=tmall")
                .header(HttpHeaders.AUTHORIZATION, lead), Argument.mapOf(String.class, Object.class));
        // tmall: 20/100 = 0.2 → 70/250 = 0.28. app-b: weight 1 → 0.2 at 0.2: mix −0.16; app-c enters: 60/250 = +0.24.
        assertThat(dec(own.get("change"))).isEqualByComparingTo("0.08");
        List<Map<String, Object>> members = (List<Map<String, Object>>) own.get("members");
        assertThat(members).extracting(m -> m.get("member")).containsExactly("app-c", "app-b");
        assertThat(dec(members.get(1).get("mixEffect"))).isEqualByComparingTo("-0.16");
        assertThat(dec(members.get(0).get("contribution"))).isEqualByComparingTo("0.24");
        ServiceApi api = new ServiceApi(client.toBlocking());
        for (String uri : List.of(DRIVERS + "assistant-resolution-rate/drivers?period=2025-Q2&by=app&scope=quark",
                DRIVERS + "assistant-resolution-rate/drivers?period=2025-Q2&by=unit",
                "/api/v1/executive/breakdown?kpi=toc-ai-sessions&period=2025-Q2&by=app&scope=quark")) {
            api.problem(HttpRequest.GET(uri).header(HttpHeaders.AUTHORIZATION, lead), 403);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBreakdownDrillsDownFromTheGroupToAUnitsApps() {
        Map<String, Object> g = get("/api/v1/executive/breakdown?kpi=assistant-resolution-rate&period=2025-Q2&by=unit");
        assertThat(dec(g.get("value"))).isEqualByComparingTo("0.4375");
        // quark 105/150 = 0.7 of weight 0.375; tmall 70/250 = 0.28 of weight 0.625.
        assertThat(members(g)).extracting(m -> m.get("member")).containsExactly("quark", "tmall");
        Map<String, Object> quark = members(g).get(0);
        assertThat(dec(quark.get("value"))).isEqualByComparingTo("0.7");
        assertThat(dec(quark.get("weight"))).isEqualByComparingTo("0.375");
        assertThat((Map<String, Object>) quark.get("drillDown")).containsEntry("scope", "quark")
                .containsEntry("by", List.of("app", "feature"));

        Map<String, Object> tmall = get("/api/v1/executive/breakdown?kpi=assistant-resolution-rate&period=2025-Q2"
                + "&scope=tmall&by=app");
        assertThat(dec(tmall.get("value"))).isEqualByComparingTo("0.28");
        assertThat(members(tmall)).extracting(m -> m.get("member")).containsExactly("app-c", "app-b");
    }

    static LedgerSummary ledger(String... keyAmountAi) {
        List<LedgerSummary.Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < keyAmountAi.length; i += 3) {
            BigDecimal ai = new BigDecimal(keyAmountAi[i + 2]);
            rows.add(new LedgerSummary.Row(keyAmountAi[i], new BigDecimal(keyAmountAi[i + 1]), ai, ai, ai));
        }
        return new LedgerSummary("p", "any", rows);
    }

    static Attribution attribution(String cloud, String ai, String aiShare) {
        Attribution a = billing("10000.00", cloud, "0.100000", ai, ai, "0.00", "0.00", null, 1, List.of());
        return new Attribution(a.period(), a.reported(), a.groupRevenueCny(), a.cloudRevenueCny(), a.cloudShare(),
                a.baselineShare(), a.shareGapPp(), a.aiRevenueCny(), a.aiCashRevenueCny(), a.aiVoucherRevenueCny(),
                new BigDecimal(aiShare), null, null, List.of(), 1, a.reconciliation(), null, null);
    }

    /*
     * AI share of cloud by product. Before: cloud 1,000; ledger 500 of it: MaaS 60, AI compute 40, IaaS 400; AI 100,
     * share 0.1. After: cloud 1,200; ledger 600: MaaS 120, AI compute 60, IaaS 420; AI 180, share 0.15. Change +0.05.
     *   MaaS:       all AI (rate 1 both), weight 60/1000 = 0.06 → 120/1200 = 0.1: mix +0.04
     *   AI compute: all AI, weight 0.04 → 0.05: mix +0.01
     *   IaaS:       no AI (rate 0): contributes 0
     *   residual:   cloud revenue no ledger line holds, 500 → 600, no AI in it: contributes 0, weight 0.5 both
     */
    @Test
    @SuppressWarnings("unchecked")
    void aiShareOfCloudIsSplitByProductAndTheUnledgeredRevenueIsTheResidual() {
        when(billingClient.ledgerSummary("2025-Q1", null, null)).thenReturn(answer(ledger("total", "500.00", "100.00")));
        when(billingClient.ledgerSummary("2025-Q2", null, null)).thenReturn(answer(ledger("total", "600.00", "180.00")));
        when(billingClient.ledgerSummary("2025-Q1", "product", null)).thenReturn(answer(ledger(
                "AI_COMPUTE", "40.00", "40.00", "IAAS", "400.00", "0.00", "MAAS_TOKENS", "60.00", "60.00")));
        when(billingClient.ledgerSummary("2025-Q2", "product", null)).thenReturn(answer(ledger(
                "AI_COMPUTE", "60.00", "60.00", "IAAS", "420.00", "0.00", "MAAS_TOKENS", "120.00", "120.00")));
        when(billingClient.attribution("2025-Q1")).thenReturn(answer(attribution("1000.00", "100.00", "0.100000")));
        when(billingClient.attribution("2025-Q2")).thenReturn(answer(attribution("1200.00", "180.00", "0.150000")));

        Map<String, Object> d = get(DRIVERS + "ai-share-of-cloud/drivers?period=2025-Q2&by=product");
        assertThat(dec(d.get("change"))).isEqualByComparingTo("0.05")
                .isEqualByComparingTo(viewFigure("2025-Q2", "ai-share-of-cloud").subtract(viewFigure("2025-Q1", "ai-share-of-cloud")));
        assertThat(members(d)).extracting(m -> m.get("member")).containsExactly("MAAS_TOKENS", "AI_COMPUTE", "IAAS");
        Map<String, Object> maas = members(d).get(0);
        assertThat(dec(maas.get("mixEffect"))).isEqualByComparingTo("0.04");
        assertThat(dec(maas.get("rateEffect"))).isEqualByComparingTo("0");
        assertThat(dec(maas.get("weightBefore"))).isEqualByComparingTo("0.06");
        assertThat(dec(members(d).get(1).get("contribution"))).isEqualByComparingTo("0.01");
        assertThat(dec(members(d).get(2).get("contribution"))).isEqualByComparingTo("0");
        Map<String, Object> residual = row(d, "residual");
        assertThat(dec(residual.get("contribution"))).isEqualByComparingTo("0");
        assertThat(dec(residual.get("weightAfter"))).isEqualByComparingTo("0.5");
        assertThat((String) residual.get("note")).contains("no ledger line");
        assertThat(dec(d.get("rounding"))).isEqualByComparingTo("0");
    }

    @Test
    void theCloudShareIsSplitIntoAiCashAiVouchersAndTheRestOfTheCloud() {
        // Worked by hand, group revenue 10,000 in both quarters (2023-Q3 and 2023-Q4, which no other test here asks, since
        // the gateway keeps its answers 15 s):
        //   Q1: cloud 1,000 (share 0.100000) = AI cash 200 (0.020000) + AI vouchers 50 (0.005000) + the rest 750 (0.075000)
        //   Q2: cloud 1,200 (share 0.120000) = AI cash 300 (0.030000) + AI vouchers 50 (0.005000) + the rest 850 (0.085000)
        // change +0.02 = AI cash +0.01, AI vouchers 0, the rest +0.01.
        when(billingClient.attribution("2023-Q3")).thenReturn(answer(
                billing("10000.00", "1000.00", "0.100000", "250.00", "200.00", "50.00", "0.00", null, 1, List.of())));
        when(billingClient.attribution("2023-Q4")).thenReturn(answer(
                billing("10000.00", "1200.00", "0.120000", "350.00", "300.00", "50.00", "0.00", null, 1, List.of())));

        Map<String, Object> d = get(DRIVERS + "cloud-share/drivers?period=2023-Q4&by=revenue");
        assertThat(d).containsEntry("kind", "sum");
        assertThat(dec(d.get("change"))).isEqualByComparingTo("0.02")
                .isEqualByComparingTo(viewFigure("2023-Q4", "cloud-share").subtract(viewFigure("2023-Q3", "cloud-share")));
        Map<String, BigDecimal> contribution = new java.util.HashMap<>();
        members(d).forEach(m -> contribution.put((String) m.get("member"), dec(m.get("contribution"))));
        assertThat(contribution).containsOnlyKeys("ai-cash", "ai-vouchers", "not-ai");
        assertThat(contribution.get("ai-cash")).isEqualByComparingTo("0.01");
        assertThat(contribution.get("ai-vouchers")).isEqualByComparingTo("0");
        assertThat(contribution.get("not-ai")).isEqualByComparingTo("0.01");
        assertThat(members(d)).filteredOn(m -> "ai-cash".equals(m.get("member"))).singleElement()
                .satisfies(m -> assertThat(dec(m.get("before"))).isEqualByComparingTo("0.02"));
        assertThat(d.get("residual")).isNull();
        assertThat(dec(d.get("rounding"))).isEqualByComparingTo("0");
        ServiceApi api = new ServiceApi(client.toBlocking());
        api.problem(HttpRequest.GET(DRIVERS + "cloud-share/drivers?period=2023-Q4&by=unit"), 400);
        api.problem(HttpRequest.GET(DRIVERS + "cloud-share/drivers?period=2023-11&by=revenue"), 400);
    }

    @Test
    void aUnitsAiRevenueDrillsDownToItsProducts() {
        when(billingClient.ledgerSummary("2025-Q1", "product", "taobao")).thenReturn(answer(ledger(
                "MAAS_TOKENS", "30.00", "30.00")));
        when(billingClient.ledgerSummary("2025-Q2", "product", "taobao")).thenReturn(answer(ledger(
                "IAAS", "10.00", "0.00", "MAAS_TOKENS", "50.00", "50.00")));
        Map<String, Object> d = get(DRIVERS + "ai-attributed-revenue/drivers?period=2025-Q2&by=product&scope=taobao");
        // 30 → 50: MaaS +20; IaaS holds no AI revenue, so it is no member.
        assertThat(dec(d.get("change"))).isEqualByComparingTo("20.00");
        assertThat(members(d)).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("member", "MAAS_TOKENS");
            assertThat(dec(m.get("before"))).isEqualByComparingTo("30.00");
            assertThat(dec(m.get("contribution"))).isEqualByComparingTo("20.00");
        });
        assertThat(d.get("residual")).isNull();
    }

    @Test
    void theTableOfDimensionsIsDiscoverable() {
        List<Map<String, Object>> table = new ServiceApi(client.toBlocking()).getList("/api/v1/executive/drivers/dimensions");
        assertThat(table).anySatisfy(r -> assertThat(r).containsEntry("kpi", "tob-tokens")
                .containsEntry("group", List.of("unit", "customer", "customerKind", "model"))
                .containsEntry("withinUnit", List.of("model")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void badRequestsAreProblemsNamingTheValidValues() {
        ServiceApi api = new ServiceApi(client.toBlocking());
        Map<String, Object> p = api.problem(HttpRequest.GET(DRIVERS + "no-such-kpi/drivers?period=2025-Q2&by=unit"), 400);
        assertThat((List<String>) p.get("validKpis")).contains("assistant-resolution-rate", "tob-tokens");
        p = api.problem(HttpRequest.GET(DRIVERS + "assistant-resolution-rate/drivers?period=2025-Q2&by=planet"), 400);
        assertThat(p.get("validDimensions")).isEqualTo(List.of("unit", "app", "feature"));
        p = api.problem(HttpRequest.GET(DRIVERS + "assistant-resolution-rate/drivers?period=2025-Q2&by=model"), 400);
        assertThat((String) p.get("detail")).contains("cannot be split by model");
        assertThat(p.get("validDimensions")).isEqualTo(List.of("unit", "app", "feature"));
        p = api.problem(HttpRequest.GET(DRIVERS + "assistant-resolution-rate/drivers?period=2025-Q2"), 400);
        assertThat(p.get("validDimensions")).isEqualTo(List.of("unit", "app", "feature"));
        p = api.problem(HttpRequest.GET(DRIVERS + "assistant-resolution-rate/drivers?period=2025-Q2&by=app&scope=mars"), 400);
        assertThat((List<String>) p.get("validScopes")).contains("group", "tmall");
        p = api.problem(HttpRequest.GET(DRIVERS + "assistant-resolution-rate/drivers?period=2025-Q2&by=unit&scope=tmall"), 400);
        assertThat(p.get("validDimensions")).isEqualTo(List.of("app", "feature"));
        p = api.problem(HttpRequest.GET(DRIVERS + "assistant-resolution-rate/drivers?period=2025-Q2&by=app&compareTo=2025-Q3"), 400);
        assertThat((String) p.get("detail")).contains("must end before");
        p = api.problem(HttpRequest.GET(DRIVERS + "assistant-resolution-rate/drivers?period=2025-Q2&by=app&compareTo=2025-03"), 400);
        assertThat((String) p.get("detail")).contains("same kind");
        p = api.problem(HttpRequest.GET(DRIVERS + "ai-share-of-cloud/drivers?period=2025-05&by=product"), 400);
        assertThat((String) p.get("detail")).contains("by quarter");
        api.problem(HttpRequest.GET(DRIVERS + "toc-turns/drivers?period=2025-Q2&by=unit"), 400);
        api.problem(HttpRequest.GET(DRIVERS + "toc-ai-sessions/drivers?period=2025Q2&by=unit"), 400);
        api.problem(HttpRequest.GET("/api/v1/executive/breakdown?kpi=toc-ai-sessions&period=2025-Q2&by=model"), 400);
    }
}
