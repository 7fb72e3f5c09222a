package aikpi.gateway.drivers;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import aikpi.gateway.sources.quark.QuarkKpis;
import aikpi.testing.ServiceApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The drivers of week-4 retention and of the AI lift over HTTP, from quark's counts behind its shares. The example of
 * docs/DRIVERS.md, 2025-Q1 → 2025-Q2: app-a (unit quark) and app-b (unit tmall), each cohort split into its AI users
 * and the others, users back in week 4 / cohort users:
 *
 *            all Q1          AI Q1      others Q1     all Q2          AI Q2       others Q2
 *   app-a    60/200  .3      30/50 .6   30/150 .2     120/400 .3      60/100 .6   60/300 .2
 *   app-b    100/200 .5      40/50 .8   60/150 .4     150/200 .75     90/100 .9   60/100 .6
 *   group    160/400 .4      70/100 .7  90/300 .3     270/600 .45     150/200 .75 120/400 .3
 *
 * Week-4 retention +.05: app-a 120/600 − 60/400 = +.05 (its rate stayed, its weight rose from 1/2 to 2/3: all mix);
 * app-b 150/600 − 100/400 = 0 (rate (.75 − .5)·(1/2 + 1/3)/2 = +.104167, mix (1/3 − 1/2)·(.5 + .75)/2 = −.104167).
 * AI lift 40 → 45 points: app-a 100·(0 − .05) = −5; app-b 100·(.05 − (−.05)) = +10 (DriversCalculatorTest).
 */
@MicronautTest(transactional = false)
class RetentionDriversApiTest extends DriversApiSupport {

    /** users back / cohort users, for all, the AI users and the others. */
    static QuarkKpis.Retention retention(long back, long users, long aiBack, long aiUsers, long othersBack,
                                         long others) {
        MathContext mc = MathContext.DECIMAL128;
        BigDecimal ai = BigDecimal.valueOf(aiBack).divide(BigDecimal.valueOf(aiUsers), mc).setScale(6, RoundingMode.HALF_UP);
        BigDecimal non = BigDecimal.valueOf(othersBack).divide(BigDecimal.valueOf(others), mc)
                .setScale(6, RoundingMode.HALF_UP);
        return new QuarkKpis.Retention(4, users, null, BigDecimal.valueOf(back).divide(BigDecimal.valueOf(users), mc)
                .setScale(6, RoundingMode.HALF_UP), ai, non, ai.subtract(non).movePointRight(2).setScale(2,
                RoundingMode.HALF_UP), false, back, aiUsers, aiBack, others, othersBack);
    }

    static QuarkKpis.Group unit(String unit, QuarkKpis.Retention r) {
        QuarkKpis.Group g = group(unit, 2, 100, 300, "0.500000", 50, 5, "0.050000");
        return new QuarkKpis.Group(unit, g.mau(), g.stickiness(), g.aiUsers(), g.aiFeatures(), g.volume(), g.quality(), r);
    }

    static QuarkKpis kpis(String period, QuarkKpis.Retention a, QuarkKpis.Retention b, QuarkKpis.Retention group) {
        return new QuarkKpis(period, List.of(new QuarkKpis.App("app-a", "A", "quark", 10, a),
                new QuarkKpis.App("app-b", "B", "tmall", 10, b)), List.of(unit("quark", a), unit("tmall", b)),
                unit(null, group));
    }

    @BeforeEach
    void figures() {
        everyPeriodAnswers(tongyi(100, 10, 100, 40, 20, 1_000, "5.00"), tokens("quark", 300L),
                quark(group(null, 2, 230, 600, "0.400000", 80, 57, "0.247826")),
                billing("1000.00", "110.00", "0.110000", "10.00", "8.00", "2.00", "5.00", null, 3, List.of()));
        when(quarkClient.kpis("2025-Q1")).thenReturn(CompletableFuture.completedFuture(kpis("2025-Q1",
                retention(60, 200, 30, 50, 30, 150), retention(100, 200, 40, 50, 60, 150),
                retention(160, 400, 70, 100, 90, 300))));
        when(quarkClient.kpis("2025-Q2")).thenReturn(CompletableFuture.completedFuture(kpis("2025-Q2",
                retention(120, 400, 60, 100, 60, 300), retention(150, 200, 90, 100, 60, 100),
                retention(270, 600, 150, 200, 120, 400))));
    }

    static Map<String, Object> member(Map<String, Object> answer, String name) {
        return members(answer).stream().filter(m -> name.equals(m.get("member"))).findFirst().orElseThrow();
    }

    @Test
    void weekFourRetentionSplitsByAppIntoRateAndMix() {
        Map<String, Object> d = get(DRIVERS + "toc-week4-retention/drivers?period=2025-Q2&by=app");
        assertThat(d).containsEntry("kind", "ratio");
        assertThat(dec(d.get("change"))).isEqualByComparingTo("0.05")
                .isEqualByComparingTo(viewFigure("2025-Q2", "toc-week4-retention")
                        .subtract(viewFigure("2025-Q1", "toc-week4-retention")));
        Map<String, Object> a = member(d, "app-a");
        assertThat(dec(a.get("contribution"))).isEqualByComparingTo("0.05");
        assertThat(dec(a.get("rateEffect"))).isEqualByComparingTo("0");
        assertThat(dec(a.get("weightAfter"))).isEqualByComparingTo("0.666667");
        Map<String, Object> b = member(d, "app-b");
        assertThat(dec(b.get("contribution"))).isEqualByComparingTo("0");
        assertThat(dec(b.get("rateEffect"))).isEqualByComparingTo("0.104167");
        assertThat(dec(b.get("mixEffect"))).isEqualByComparingTo("-0.104167");
        assertThat(d.get("residual")).isNull();
        assertThat(dec(d.get("rounding"))).isEqualByComparingTo("0");
    }

    @Test
    void theAiLiftSplitsByUnitAsTheAiUsersContributionLessTheOthers() {
        Map<String, Object> d = get(DRIVERS + "toc-ai-lift/drivers?period=2025-Q2&by=unit");
        assertThat(d).containsEntry("kind", "difference").containsEntry("unit", "pp");
        assertThat(dec(d.get("before"))).isEqualByComparingTo("40");
        assertThat(dec(d.get("after"))).isEqualByComparingTo("45");
        assertThat(dec(d.get("change"))).isEqualByComparingTo("5")
                .isEqualByComparingTo(viewFigure("2025-Q2", "toc-ai-lift").subtract(viewFigure("2025-Q1", "toc-ai-lift")));
        assertThat(members(d)).extracting(m -> m.get("member")).containsExactly("tmall", "quark");
        Map<String, Object> tmall = member(d, "tmall");
        assertThat(dec(tmall.get("contribution"))).isEqualByComparingTo("10");
        assertThat(dec(tmall.get("rateEffect"))).isEqualByComparingTo("-2.5");
        assertThat(dec(tmall.get("mixEffect"))).isEqualByComparingTo("12.5");
        assertThat(dec(member(d, "quark").get("contribution"))).isEqualByComparingTo("-5");
        assertThat(d.get("residual")).isNull();
        assertThat(dec(d.get("rounding"))).isEqualByComparingTo("0");

        // One period: each unit's own lift, its AI users back / AI users and its share of the group's AI users.
        Map<String, Object> b = get("/api/v1/executive/breakdown?kpi=toc-ai-lift&period=2025-Q2&by=unit");
        assertThat(dec(b.get("value"))).isEqualByComparingTo("45");
        assertThat(members(b)).extracting(m -> m.get("member")).containsExactly("quark", "tmall");
        assertThat(dec(member(b, "quark").get("value"))).isEqualByComparingTo("40");   // .6 − .2
        assertThat(dec(member(b, "tmall").get("value"))).isEqualByComparingTo("30");   // .9 − .6
        assertThat(dec(member(b, "tmall").get("numerator"))).isEqualByComparingTo("90");
        assertThat(dec(member(b, "tmall").get("weight"))).isEqualByComparingTo("0.5");
        assertThat(b.get("residual")).isNull();
    }

    /*
     * Users first seen in both units' apps: the group's cohorts hold them once. Q2's group: 261 of 580 back (.45); AI
     * users 140 of 190 (.736842), others 110 of 380 (.289474), lift 44.74. The residual is the group less the units.
 * The same figures as 2025-Q1 → 2025-Q2 otherwise, as 2025-Q3 → 2025-Q4.
     */
    @Test
    void usersCountedInBothUnitsMakeTheResidual() {
        // Periods of their own: the gateway keeps what a source answered for a period.
        when(quarkClient.kpis("2025-Q3")).thenReturn(CompletableFuture.completedFuture(kpis("2025-Q3",
                retention(60, 200, 30, 50, 30, 150), retention(100, 200, 40, 50, 60, 150),
                retention(160, 400, 70, 100, 90, 300))));
        when(quarkClient.kpis("2025-Q4")).thenReturn(CompletableFuture.completedFuture(kpis("2025-Q4",
                retention(120, 400, 60, 100, 60, 300), retention(150, 200, 90, 100, 60, 100),
                retention(261, 580, 140, 190, 110, 380))));
        MathContext mc = MathContext.DECIMAL128;

        Map<String, Object> d = get(DRIVERS + "toc-week4-retention/drivers?period=2025-Q4&by=unit");
        // residual: (261 − 270) / 580 − (160 − 160) / 400
        BigDecimal residual = BigDecimal.valueOf(-9).divide(BigDecimal.valueOf(580), mc).setScale(6, RoundingMode.HALF_UP);
        Map<String, Object> r = row(d);
        assertThat(dec(r.get("contribution"))).isEqualByComparingTo(residual);
        assertThat((String) r.get("note")).contains("several units");
        assertThat(dec(d.get("change"))).isEqualByComparingTo("0.05");
        assertThat(explained(d).add(dec(d.get("rounding")))).isEqualByComparingTo("0.05");

        Map<String, Object> lift = get(DRIVERS + "toc-ai-lift/drivers?period=2025-Q4&by=unit");
        // 100·((140 − 150) / 190 − (110 − 120) / 380)
        BigDecimal liftResidual = BigDecimal.valueOf(-10).divide(BigDecimal.valueOf(190), mc)
                .subtract(BigDecimal.valueOf(-10).divide(BigDecimal.valueOf(380), mc)).movePointRight(2)
                .setScale(6, RoundingMode.HALF_UP);
        assertThat(dec(row(lift).get("contribution"))).isEqualByComparingTo(liftResidual);
        assertThat(dec(lift.get("change"))).isEqualByComparingTo("4.74");   // 44.74 − 40.00, as quark rounds
        assertThat(explained(lift).add(dec(lift.get("rounding")))).isEqualByComparingTo("4.74");
        assertThat(dec(lift.get("rounding")).abs()).isLessThan(new BigDecimal("0.005"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> row(Map<String, Object> d) {
        return (Map<String, Object>) d.get("residual");
    }

    static BigDecimal explained(Map<String, Object> d) {
        BigDecimal sum = members(d).stream().map(m -> dec(m.get("contribution"))).reduce(BigDecimal.ZERO, BigDecimal::add);
        return row(d) == null ? sum : sum.add(dec(row(d).get("contribution")));
    }

    @Test
    void withinAUnitBothSplitByAppAndOtherDimensionsAreProblemsNamingTheValidOnes() {
        Map<String, Object> d = get(DRIVERS + "toc-ai-lift/drivers?period=2025-Q2&by=app&scope=tmall");
        assertThat(members(d)).extracting(m -> m.get("member")).containsExactly("app-b");
        assertThat(dec(member(d, "app-b").get("contribution"))).isEqualByComparingTo("-10");   // 40 → 30, alone

        ServiceApi api = new ServiceApi(client.toBlocking());
        Map<String, Object> p = api.problem(HttpRequest.GET(DRIVERS + "toc-week4-retention/drivers?period=2025-Q2&by=feature"), 400);
        assertThat(p.get("validDimensions")).isEqualTo(List.of("unit", "app"));
        p = api.problem(HttpRequest.GET(DRIVERS + "toc-ai-lift/drivers?period=2025-Q2&by=unit&scope=tmall"), 400);
        assertThat(p.get("validDimensions")).isEqualTo(List.of("app"));
        p = api.problem(HttpRequest.GET("/api/v1/executive/breakdown?kpi=toc-ai-lift&period=2025-Q2&by=customer"), 400);
        assertThat(p.get("validDimensions")).isEqualTo(List.of("unit", "app"));
        List<Map<String, Object>> table = api.getList("/api/v1/executive/drivers/dimensions");
        assertThat(table).anySatisfy(r -> assertThat(r).containsEntry("kpi", "toc-ai-lift").containsEntry("kind", "difference")
                .containsEntry("group", List.of("unit", "app")).containsEntry("withinUnit", List.of("app")));
        assertThat(table).anySatisfy(r -> assertThat(r).containsEntry("kpi", "toc-week4-retention")
                .containsEntry("kind", "ratio"));
    }
}
