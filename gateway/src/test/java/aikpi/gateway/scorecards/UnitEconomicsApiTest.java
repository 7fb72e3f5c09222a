package aikpi.gateway.scorecards;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import aikpi.gateway.SourceDoubles;
import aikpi.gateway.sources.tongyi.UnitCosts;
import aikpi.gateway.targets.Target.Direction;
import aikpi.gateway.targets.Target.TargetPeriod;
import aikpi.gateway.targets.TargetRequest;
import aikpi.gateway.targets.TargetService;
import aikpi.testing.ServiceApi;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * cost-per-resolved-session in the executive view, the scorecards and a review. tongyi prices quark's tokens at 31.00
 * CNY and tmall's at 7.51; quark resolved 50 sessions, tmall 30, the group 80.
 */
@MicronautTest(transactional = false)
class UnitEconomicsApiTest extends SourceDoubles {

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
                List.of(new UnitCosts.UnitCost("quark", 700, new BigDecimal("31.00")),
                        new UnitCosts.UnitCost("tmall", 300, new BigDecimal("7.51"))))));
    }

    private Map<String, Object> get(String uri) {
        return new ServiceApi(client.toBlocking()).get(uri);
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object list, String key, String value) {
        return (T) ((List<Map<String, Object>>) list).stream().filter(m -> value.equals(m.get(key))).findFirst()
                .orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGroupsAndEachUnitsPriceOfAnAnswer() {
        Map<String, Object> view = get("/api/v1/executive/ai-conversion?period=2025-Q1");
        Map<String, Object> kpi = at(view.get("kpis"), "id", "cost-per-resolved-session");
        // (31.00 + 7.51) ÷ 80 = 0.481375, to the fen.
        assertThat(new BigDecimal(kpi.get("value").toString())).isEqualByComparingTo("0.48");
        assertThat(kpi).containsEntry("unit", "CNY");

        Map<String, Object> cards = get("/api/v1/executive/business-units?period=2025-Q1");
        Map<String, Object> quark = (Map<String, Object>) ((Map<String, Object>) at(cards.get("businessUnits"),
                "businessUnit", "quark")).get("current");
        assertThat(new BigDecimal(quark.get("aiCostCny").toString())).isEqualByComparingTo("31.00");
        assertThat(new BigDecimal(quark.get("costPerResolvedSession").toString())).isEqualByComparingTo("0.62");
        Map<String, Object> tmall = (Map<String, Object>) ((Map<String, Object>) at(cards.get("businessUnits"),
                "businessUnit", "tmall")).get("current");
        // 7.51 ÷ 30 = 0.250333.
        assertThat(new BigDecimal(tmall.get("costPerResolvedSession").toString())).isEqualByComparingTo("0.25");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUnitIsReviewedAgainstABudgetPerAnswer() {
        targets.put(2025, "quark", "cost-per-resolved-session", new TargetRequest(new BigDecimal("0.5"),
                Direction.AT_MOST, BigDecimal.ONE, TargetPeriod.YEAR, null, "synthetic: unit economics test"), "exec");
        Map<String, Object> review = get("/api/v1/executive/reviews/quark?period=FY2025-Q4");
        Map<String, Object> scope = at(review.get("scopes"), "scope", "quark");
        Map<String, Object> kpi = at(scope.get("kpis"), "kpiId", "cost-per-resolved-session");
        assertThat(new BigDecimal(kpi.get("actual").toString())).isEqualByComparingTo("0.62");
        // AT_MOST: 0.5 ÷ 0.62; a level keeps its target in a quarter; the quarter is over and the budget missed.
        assertThat(new BigDecimal(kpi.get("attainment").toString())).isEqualByComparingTo("0.806452");
        assertThat(kpi).containsEntry("status", "OFF_TRACK").containsEntry("nature", "LEVEL");
    }
}
