package aikpi.quark.retention;

import static aikpi.quark.QuarkApi.decimal;
import static aikpi.quark.QuarkApi.event;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.feeds.days.DaySketchUpload;
import aikpi.quark.QuarkApi;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Retention of apps fed by daily aggregates, over HTTP: their cohorts come from the Theta sketches of the days' active
 * users (first active day), they have no AI users, and a day sent without its Theta sketch leaves them none. Today is
 * Wednesday 2025-02-12; weeks W0 = Jan 6 ... W5 = Feb 10.
 *
 * <pre>
 *   big (unit taobao, daily aggregates with Theta sketches):
 *     Jan 6 (W0): p q r    Jan 8 (W0): s    Jan 14 (W1): p t    Jan 21 (W2): q t    Feb 4 (W4): p s
 *   lean (unit amap, daily aggregates): Jan 6 with a Theta sketch, Jan 7 without one
 *   shop (unit taobao, events): u opens Jan 7 and Feb 5
 * </pre>
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AggregatesRetentionApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    QuarkApi api;

    @MockBean(Clock.class)
    Clock today() {
        return Clock.fixed(Instant.parse("2025-02-12T04:00:00Z"), ZoneOffset.UTC);
    }

    private void day(String app, String date, boolean theta, Set<String> seen, String... users) {
        List<String> lines = Arrays.stream(users).map(u -> "open," + u).toList();
        String body = DaySketchUpload.figures(lines, Set.copyOf(seen), 12, theta).json();
        seen.addAll(Arrays.asList(users));
        api.put("/api/v1/apps/" + app + "/days/" + date, body);
    }

    @BeforeAll
    void dataSet() {
        api = new QuarkApi(client.toBlocking());
        api.put("/api/v1/apps/big", Map.of("name", "Big", "businessUnit", "taobao", "launchedOn", "2020-01-01",
                "feed", "AGGREGATES"));
        api.put("/api/v1/apps/lean", Map.of("name", "Lean", "businessUnit", "amap", "launchedOn", "2020-01-01",
                "feed", "AGGREGATES"));
        api.app("shop", "taobao", "2020-01-01");
        Set<String> seen = new HashSet<>();
        day("big", "2025-01-06", true, seen, "p", "q", "r");
        day("big", "2025-01-08", true, seen, "s");
        day("big", "2025-01-14", true, seen, "p", "t");
        day("big", "2025-01-21", true, seen, "q", "t");
        day("big", "2025-02-04", true, seen, "p", "s");
        Set<String> leanSeen = new HashSet<>();
        day("lean", "2025-01-06", true, leanSeen, "x");
        day("lean", "2025-01-07", false, leanSeen, "y");
        api.post("/api/v1/activity/events", List.of(event("u1", "shop", "u", "2025-01-07T04:00:00Z"),
                event("u2", "shop", "u", "2025-02-05T04:00:00Z")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cohorts(Map<String, Object> table) {
        return (List<Map<String, Object>>) table.get("cohorts");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> users(Map<String, Object> cohort) {
        return ((List<Map<String, Object>>) cohort.get("offsets")).stream().map(c -> c.get("users")).toList();
    }

    @Test
    void cohortsOfAnAppFedByDailyAggregatesAreItsUsersByFirstActiveWeek() {
        Map<String, Object> table = api.get("/api/v1/apps/big/retention?from=2025-01-06&to=2025-01-19&offsets=5");
        assertThat((String) table.get("note")).contains("first active day");
        // W0: p q r s, back: W1 p; W2 q; W4 p s. W1: t (new that week), back in W2.
        assertThat(cohorts(table).get(0)).containsEntry("size", 4);
        assertThat(users(cohorts(table).get(0))).containsExactly(4, 1, 1, 0, 2, 0);
        assertThat(cohorts(table).get(1)).containsEntry("size", 1);
        assertThat(users(cohorts(table).get(1))).containsExactly(1, 1, 0, 0, 0);

        Map<String, Object> lifecycle = api.get("/api/v1/apps/big/lifecycle?period=2025-01&interval=week");
        @SuppressWarnings("unchecked")
        Map<String, Object> w1 = ((List<Map<String, Object>>) lifecycle.get("intervals")).get(2);
        assertThat(w1).containsEntry("start", "2025-01-13").containsEntry("active", 2).containsEntry("new", 1)
                .containsEntry("returning", 1).containsEntry("dormant", -3);

        Map<String, Object> days = api.get("/api/v1/apps/big/retention/days?day=2025-01-06&n=8,29");
        assertThat(days).containsEntry("cohortSize", 3);   // p q r
        assertThat(days.get("days").toString()).contains("users=1");
    }

    @Test
    void anAppFedByDailyAggregatesHasNoAiUsersToSplitItsCohortsBy() {
        for (String query : List.of("segment=ai", "segment=non-ai", "returnOn=ai-session")) {
            Map<String, Object> table = api.get("/api/v1/apps/big/retention?from=2025-01-06&to=2025-01-19&" + query);
            assertThat(cohorts(table)).as(query).isEmpty();
            assertThat((String) table.get("note")).as(query).contains("no user's AI sessions");
        }
    }

    @Test
    void aDaySentWithoutItsThetaSketchLeavesNoCohortAndSaysSo() {
        Map<String, Object> table = api.get("/api/v1/apps/lean/retention?from=2025-01-06&to=2025-01-12");
        assertThat(cohorts(table)).isEmpty();
        assertThat((String) table.get("note")).contains("without activeUsersTheta").contains("2025-01-07");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKpisSummariseAnAggregatesAppWithoutAiFiguresAndItsUnitOverItsEventFedApps() {
        Map<String, Object> kpis = api.get("/api/v1/kpis?period=2025-Q1");
        Map<String, Object> big = (Map<String, Object>) ((List<Map<String, Object>>) kpis.get("apps")).stream()
                .filter(a -> "big".equals(a.get("appId"))).findFirst().orElseThrow().get("retention");
        // W0 (the only cohort whose week 4 ended by yesterday): p q r s; week 1: p; week 4: p s.
        assertThat(big).containsEntry("cohorts", 1).containsEntry("cohortUsers", 4);
        assertThat(decimal(big.get("week1"))).isEqualByComparingTo("0.25");
        assertThat(decimal(big.get("week4"))).isEqualByComparingTo("0.5");
        assertThat(big.get("aiLiftPp")).isNull();
        // The users back are counted; without users' AI sessions there are no AI and non-AI counts either.
        assertThat(big).containsEntry("week4Users", 2);
        assertThat(big.get("aiWeek4Users")).isNull();
        assertThat(big.get("nonAiCohortUsers")).isNull();
        assertThat((String) big.get("note")).contains("no user's AI sessions");
        Map<String, Object> lean = (Map<String, Object>) ((List<Map<String, Object>>) kpis.get("apps")).stream()
                .filter(a -> "lean".equals(a.get("appId"))).findFirst().orElseThrow().get("retention");
        assertThat(lean.get("week4")).isNull();
        assertThat((String) lean.get("note")).contains("without activeUsersTheta");

        // The unit: its event-fed app only (u, first seen in W0, back in W4), and it says what was left out.
        Map<String, Object> taobao = (Map<String, Object>) ((List<Map<String, Object>>) kpis.get("businessUnits")).stream()
                .filter(u -> "taobao".equals(u.get("businessUnit"))).findFirst().orElseThrow().get("retention");
        assertThat(taobao).containsEntry("cohortUsers", 1);
        assertThat(decimal(taobao.get("week4"))).isEqualByComparingTo("1");
        assertThat((String) taobao.get("note")).contains("big").contains("left out");
    }
}
