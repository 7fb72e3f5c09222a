package aikpi.quark.retention;

import static aikpi.quark.QuarkApi.decimal;
import static aikpi.quark.QuarkApi.event;
import static aikpi.quark.QuarkApi.session;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.quark.QuarkApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Retention, lifecycle and the period summary over HTTP, on the data set of {@link RetentionCalculatorTest} sent as
 * app opens, installs and AI sessions (every event at noon in Shanghai), with two more users:
 *
 * <pre>
 *   f  opens quark Jan 22 (W2); an install dated Jan 10 (W0) arrives after it: f moves to W0's cohort
 *   g  opens quark-pc (the quark unit's other app) Jan 6 (W0) and Feb 4 (W4); a also opens quark-pc Jan 20 (W2)
 * </pre>
 *
 * Today is Wednesday 2025-02-12 in Shanghai.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    QuarkApi api;

    @MockBean(Clock.class)
    Clock today() {
        return Clock.fixed(Instant.parse("2025-02-12T04:00:00Z"), ZoneOffset.UTC);
    }

    private static Map<String, Object> open(String id, String app, String user, String day) {
        return event(id, app, user, day + "T04:00:00Z");
    }

    private static Map<String, Object> aiSession(String id, String user, String day) {
        return session(id, "quark", "assistant", user, day + "T04:00:00Z", 3, 0, "RESOLVED", null, false, null);
    }

    @BeforeAll
    void dataSet() {
        api = new QuarkApi(client.toBlocking());
        api.app("quark", "quark", "2016-06-01");
        api.app("quark-pc", "quark", "2024-01-01");
        api.feature("quark", "assistant", "ASSISTANT", "2024-11-01");
        api.post("/api/v1/activity/events", List.of(
                open("a1", "quark", "a", "2025-01-06"), open("a2", "quark", "a", "2025-01-14"),
                open("a3", "quark", "a", "2025-02-04"),
                open("b1", "quark", "b", "2025-01-07"), open("b2", "quark", "b", "2025-01-21"),
                open("b3", "quark", "b", "2025-02-05"),
                open("c1", "quark", "c", "2025-01-08"),
                open("d1", "quark", "d", "2025-01-15"), open("d2", "quark", "d", "2025-01-22"),
                open("d3", "quark", "d", "2025-01-29"),
                open("e1", "quark", "e", "2025-01-20"),
                open("f1", "quark", "f", "2025-01-22"),
                open("g1", "quark-pc", "g", "2025-01-06"), open("g2", "quark-pc", "g", "2025-02-04"),
                open("a4", "quark-pc", "a", "2025-01-20")));
        api.post("/api/v1/installs", List.of(open("ie", "quark", "e", "2025-01-09")));
        api.post("/api/v1/ai-sessions", List.of(aiSession("sa", "a", "2025-01-06"), aiSession("sc", "c", "2025-01-08"),
                aiSession("sd", "d", "2025-01-22")));
        // Late: f's install predates its first open, in another week.
        api.post("/api/v1/installs", List.of(open("if", "quark", "f", "2025-01-10")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cohorts(Map<String, Object> table) {
        return (List<Map<String, Object>>) table.get("cohorts");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> column(Map<String, Object> cohort, String field) {
        return ((List<Map<String, Object>>) cohort.get("offsets")).stream().map(c -> c.get(field)).toList();
    }

    @Test
    void weeklyCohortsCountTheUsersWhoCameBackInEachWeek() {
        Map<String, Object> table = api.get("/api/v1/apps/quark/retention?cohort=week&from=2025-01-08&to=2025-01-19&offsets=6");
        assertThat(table).containsEntry("cohort", "week").containsEntry("returnOn", "open").containsEntry("segment", "all")
                .containsEntry("from", "2025-01-06").containsEntry("to", "2025-01-19").containsEntry("asOf", "2025-02-12")
                .containsEntry("zone", "Asia/Shanghai").containsEntry("estimate", false);
        List<Map<String, Object>> rows = cohorts(table);
        assertThat(rows).hasSize(2);
        // W0: a b c e, and f moved in by its late install. Back: W1 a; W2 b e f; W4 a b; W5 running.
        assertThat(rows.get(0)).containsEntry("start", "2025-01-06").containsEntry("size", 5).containsEntry("sizeExact", true);
        assertThat(column(rows.get(0), "users")).containsExactly(3, 1, 3, 0, 2, 0);
        assertThat(column(rows.get(0), "partial")).containsExactly(false, false, false, false, false, true);
        assertThat(decimal(column(rows.get(0), "share").get(2))).isEqualByComparingTo("0.6");
        assertThat(rows.get(1)).containsEntry("start", "2025-01-13").containsEntry("size", 1);
        assertThat(column(rows.get(1), "users")).containsExactly(1, 1, 1, 0, 0);

        // f left W2's cohort: nobody was first seen that week.
        Map<String, Object> w2 = api.get("/api/v1/apps/quark/retention?from=2025-01-20&to=2025-01-20");
        assertThat(cohorts(w2).get(0)).containsEntry("size", 0);
        assertThat(column(cohorts(w2).get(0), "users")).containsExactly(0, 0, 0, 0);
        assertThat(column(cohorts(w2).get(0), "share")).containsOnlyNulls();
    }

    @Test
    void segmentsSplitEachCohortByAnAiSessionInItsFirstWeek() {
        Map<String, Object> ai = api.get("/api/v1/apps/quark/retention?from=2025-01-06&to=2025-01-12&segment=ai&offsets=4");
        assertThat(cohorts(ai).get(0)).containsEntry("size", 2).containsEntry("sizeExact", true);
        assertThat(column(cohorts(ai).get(0), "users")).containsExactly(2, 1, 0, 0, 1);
        Map<String, Object> nonAi = api.get("/api/v1/apps/quark/retention?from=2025-01-06&to=2025-01-12&segment=non-ai&offsets=4");
        assertThat(cohorts(nonAi).get(0)).containsEntry("size", 3);
        assertThat(column(cohorts(nonAi).get(0), "users")).containsExactly(1, 0, 3, 0, 1);
        Map<String, Object> onAi = api.get("/api/v1/apps/quark/retention?from=2025-01-13&to=2025-01-13&returnOn=ai-session&offsets=2");
        assertThat(column(cohorts(onAi).get(0), "users")).containsExactly(0, 1, 0);
    }

    @Test
    void monthlyCohortsAndTheDefaultRangeEndingToday() {
        Map<String, Object> months = api.get("/api/v1/apps/quark/retention?cohort=month&from=2025-01-01&to=2025-02-28");
        assertThat(cohorts(months)).hasSize(2);
        assertThat(cohorts(months).get(0)).containsEntry("start", "2025-01-01").containsEntry("end", "2025-01-31")
                .containsEntry("size", 6);
        // January's 6 (a b c d e f): all opened in January; a and b again in February, which is running.
        assertThat(column(cohorts(months).get(0), "users")).containsExactly(6, 2);
        assertThat(column(cohorts(months).get(0), "partial")).containsExactly(false, true);
        // Default: the 13 weeks up to today's.
        Map<String, Object> recent = api.get("/api/v1/apps/quark/retention");
        assertThat(cohorts(recent)).hasSize(13);
        assertThat(cohorts(recent).get(12)).containsEntry("start", "2025-02-10");
    }

    @Test
    void nDayRetentionOfTheUsersFirstSeenOnADay() {
        Map<String, Object> days = api.get("/api/v1/apps/quark/retention/days?day=2025-01-07&n=14,15,29");
        assertThat(days).containsEntry("cohortSize", 1).containsEntry("day", "2025-01-07").containsEntry("estimate", false);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> figures = (List<Map<String, Object>>) days.get("days");
        // b: back on day 14 (Jan 21) and day 29 (Feb 5).
        assertThat(figures.stream().map(f -> (Object) ((Map<?, ?>) f.get("onDay")).get("users")).toList()).containsExactly(1, 0, 1);
        assertThat(figures.stream().map(f -> (Object) ((Map<?, ?>) f.get("onOrAfter")).get("users")).toList())
                .containsExactly(1, 1, 1);
        assertThat(figures.get(0)).containsEntry("date", "2025-01-21").containsEntry("partial", false);
    }

    @Test
    void lifecycleOfAQuarterByWeek() {
        Map<String, Object> lifecycle = api.get("/api/v1/apps/quark/lifecycle?period=2025-Q1&interval=week");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> weeks = (List<Map<String, Object>>) lifecycle.get("intervals");
        // From the week holding Jan 1 to today's.
        assertThat(weeks.stream().map(w -> w.get("start")).toList()).containsExactly("2024-12-30", "2025-01-06", "2025-01-13",
                "2025-01-20", "2025-01-27", "2025-02-03", "2025-02-10");
        // W2: b d e f active; d returning; b, e and f (seen in W0) resurrecting; a dormant.
        assertThat(weeks.get(3)).containsEntry("active", 4).containsEntry("new", 0).containsEntry("returning", 1)
                .containsEntry("resurrecting", 3).containsEntry("dormant", -1);
        assertThat(weeks.get(1)).containsEntry("active", 3).containsEntry("new", 3);
        assertThat(weeks.get(6)).containsEntry("partial", true).containsEntry("dormant", -2);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> retentionOf(List<Map<String, Object>> rows, String key, String value) {
        return (Map<String, Object>) rows.stream().filter(r -> value.equals(r.get(key))).findFirst().orElseThrow()
                .get("retention");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKpisCarryEachAppsUnitsAndTheGroupsRetentionAndAiLift() {
        Map<String, Object> kpis = api.get("/api/v1/kpis?period=2025-Q1");
        // Only W0 completed week 4 (Feb 3-9) by yesterday.
        Map<String, Object> quark = retentionOf((List<Map<String, Object>>) kpis.get("apps"), "appId", "quark");
        assertThat(quark).containsEntry("cohorts", 1).containsEntry("cohortUsers", 5).containsEntry("aiCohortUsers", 2);
        assertThat(decimal(quark.get("week1"))).isEqualByComparingTo("0.2");      // a
        assertThat(decimal(quark.get("week4"))).isEqualByComparingTo("0.4");      // a b
        assertThat(decimal(quark.get("aiWeek4"))).isEqualByComparingTo("0.5");    // a of a c
        assertThat(decimal(quark.get("nonAiWeek4"))).isEqualByComparingTo("0.333333"); // b of b e f
        assertThat(decimal(quark.get("aiLiftPp"))).isEqualByComparingTo("16.67");
        // The counts behind the shares: a b back of 5; a of the AI users a c; b of the others b e f.
        assertThat(quark).containsEntry("week4Users", 2).containsEntry("aiWeek4Users", 1)
                .containsEntry("nonAiCohortUsers", 3).containsEntry("nonAiWeek4Users", 1);
        // The unit: g joins W0 through quark-pc and is back in W4; a counts once though seen in both apps.
        Map<String, Object> unit = retentionOf((List<Map<String, Object>>) kpis.get("businessUnits"), "businessUnit", "quark");
        assertThat(unit).containsEntry("cohortUsers", 6);
        assertThat(decimal(unit.get("week4"))).isEqualByComparingTo("0.5");       // a b g
        assertThat(decimal(unit.get("nonAiWeek4"))).isEqualByComparingTo("0.5");  // b g of b e f g
        assertThat(decimal(unit.get("aiLiftPp"))).isEqualByComparingTo("0");
        assertThat(unit).containsEntry("week4Users", 3).containsEntry("aiWeek4Users", 1)
                .containsEntry("nonAiCohortUsers", 4).containsEntry("nonAiWeek4Users", 2);
        assertThat((Map<String, Object>) ((Map<String, Object>) kpis.get("overall")).get("retention"))
                .isEqualTo(unit);
        assertThat((Map<String, Object>) api.get("/api/v1/apps/quark/metrics?period=2025-Q1").get("retention"))
                .isEqualTo(quark);

        Map<String, Object> without = api.get("/api/v1/kpis?period=2025-Q1&retention=false");
        assertThat(((List<Map<String, Object>>) without.get("apps")).get(0).get("retention")).isNull();
        // January alone: no cohort has completed its week 4 inside it.
        Map<String, Object> january = retentionOf((List<Map<String, Object>>) api.get("/api/v1/kpis?period=2025-01")
                .get("apps"), "appId", "quark");
        assertThat(january).containsEntry("cohorts", 0);
        assertThat(january.get("week4")).isNull();
    }

    @Test
    void badParametersAre400AndAnUnknownApp404() {
        for (String query : List.of(
                "/api/v1/apps/quark/retention?from=2025-02-01&to=2025-01-01",
                "/api/v1/apps/quark/retention?from=2023-01-01&to=2025-01-31",
                "/api/v1/apps/quark/retention?cohort=month&from=2022-01-01&to=2025-01-31",
                "/api/v1/apps/quark/retention?cohort=day",
                "/api/v1/apps/quark/retention?returnOn=install",
                "/api/v1/apps/quark/retention?segment=paying",
                "/api/v1/apps/quark/retention?offsets=-1",
                "/api/v1/apps/quark/retention?offsets=105",
                "/api/v1/apps/quark/retention?from=2025-13-01",
                "/api/v1/apps/quark/retention?from=1582-10-10",
                "/api/v1/apps/quark/retention/days",
                "/api/v1/apps/quark/retention/days?day=2025-01-07&n=0",
                "/api/v1/apps/quark/retention/days?day=2025-01-07&n=366",
                "/api/v1/apps/quark/retention/days?day=2025-01-07&n=1,x",
                "/api/v1/apps/quark/retention/days?day=2025-03-01",
                "/api/v1/apps/quark/lifecycle",
                "/api/v1/apps/quark/lifecycle?period=2025-Q5",
                "/api/v1/apps/quark/lifecycle?period=2025-Q1&interval=quarter")) {
            Map<String, Object> problem = api.problem(HttpRequest.GET(query), 400);
            assertThat(problem.get("detail")).as(query).isNotNull();
        }
        assertThat(api.problem(HttpRequest.GET("/api/v1/apps/quark/retention?from=2025-02-01&to=2025-01-01"), 400).get("detail"))
                .asString().contains("from").contains("after");
        assertThat(api.problem(HttpRequest.GET("/api/v1/apps/quark/retention?from=2023-01-01&to=2025-01-31"), 400).get("detail"))
                .asString().contains("104");
        for (String query : List.of("/api/v1/apps/nope/retention", "/api/v1/apps/nope/retention/days?day=2025-01-07",
                "/api/v1/apps/nope/lifecycle?period=2025-Q1")) {
            api.problem(HttpRequest.GET(query), 404);
        }
    }
}
