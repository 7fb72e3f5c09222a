package aikpi.quark.metrics;

import static aikpi.quark.QuarkApi.decimal;
import static aikpi.quark.QuarkApi.event;
import static aikpi.quark.QuarkApi.session;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.quark.QuarkApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every figure over HTTP on a small data set whose answers are worked out by hand in the comments. The reporting
 * zone is Asia/Shanghai (UTC+8): 2025-01-05T15:59:59Z is 23:59:59 on 5 January there, 16:00:00Z is midnight of the 6th.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    QuarkApi api;

    @BeforeAll
    void dataSet() {
        api = new QuarkApi(client.toBlocking());
        api.app("quark", "quark", "2016-06-01");
        api.app("quark-pc", "quark", "2024-01-01");
        api.app("amap", "amap", "2010-01-01");
        api.feature("quark", "ai-camera", "CAMERA", "2024-11-01");
        api.feature("quark", "super-box", "SEARCH", "2025-02-15");
        api.feature("quark", "deep-agent", "AGENT", "2025-04-10");  // launched after Q1: in beta then, not live
        api.feature("amap", "nav-agent", "AGENT", "2025-04-18");

        // App opens. Shanghai days in the comments.
        api.post("/api/v1/activity/events", List.of(
                event("q-1", "quark", "u1", "2025-01-05T02:00:00Z"),     // Jan 5
                event("q-2", "quark", "u1", "2025-02-10T03:00:00Z"),     // Feb 10: u1 is active on two days in two months
                event("q-3", "quark", "u2", "2025-01-05T10:00:00Z"),     // Jan 5
                event("q-4", "quark", "u2", "2025-01-05T15:59:59Z"),     // Jan 5, 23:59:59: still the 5th
                event("q-5", "quark", "u3", "2025-01-05T16:00:00Z"),     // Jan 6, 00:00 (still the 5th in UTC)
                event("q-6", "quark", "u4", "2024-12-31T16:30:00Z"),     // Jan 1, 00:30: inside Q1 though UTC says 2024
                event("q-7", "quark", "u5", "2025-03-31T16:00:00Z"),     // Apr 1: outside Q1 though UTC says March
                event("q-8", "quark", "u6", "2024-12-20T05:00:00Z"),     // Dec 20: seen before Q1
                event("q-9", "quark", "u6", "2025-03-03T05:00:00Z"),     // Mar 3
                event("p-1", "quark-pc", "u1", "2025-01-05T05:00:00Z"),  // Jan 5: u1 again, in the unit's other app
                event("p-2", "quark-pc", "u8", "2025-03-15T05:00:00Z"),  // Mar 15
                event("a-1", "amap", "u1", "2025-02-10T04:00:00Z"),      // Feb 10: u1 in another unit too
                event("a-2", "amap", "u9", "2025-02-11T04:00:00Z")));    // Feb 11
        // Installs, sent after the opens: u1's install on Dec 25 moves u1's first day back from Jan 5 to Dec 25.
        api.post("/api/v1/installs", List.of(
                event("i-1", "quark", "u7", "2025-02-01T01:00:00Z"),     // Feb 1: installed, never opened
                event("i-2", "quark", "u1", "2024-12-25T00:00:00Z")));   // Dec 25
        api.post("/api/v1/ai-sessions", List.of(
                session("s1", "quark", "ai-camera", "u1", "2025-01-05T03:00:00Z", 3, 1, "RESOLVED", 5, true, "199.00"),
                session("s2", "quark", "ai-camera", "u2", "2025-01-20T03:00:00Z", 5, 0, "ABANDONED", null, false, null),
                session("s3", "quark", "ai-camera", "u1", "2025-02-02T03:00:00Z", 2, 2, "UNKNOWN", 3, true, "0.5"),
                session("s4", "quark", "super-box", "u3", "2025-03-01T03:00:00Z", 4, 0, "RESOLVED", null, false, null),
                session("s5", "quark", "super-box", "u4", "2025-03-31T15:59:00Z", 1, 0, "ESCALATED", 2, false, null),
                session("s6", "quark", "super-box", "u4", "2025-03-31T16:00:00Z", 10, 3, "RESOLVED", 4, false, null),
                session("s7", "quark", "deep-agent", "u2", "2025-03-20T03:00:00Z", 6, 8, "RESOLVED", 4, true, "35.20"),
                session("s8", "amap", "nav-agent", "u1", "2025-02-10T05:00:00Z", 2, 4, "RESOLVED", null, false, null)));
    }

    private Map<String, Object> metrics(String app, String period) {
        return api.get("/api/v1/apps/" + app + "/metrics?period=" + period);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void usersOfAnAppInAQuarter() {
        Map<String, Object> m = metrics("quark", "2025-Q1");
        assertThat(m).containsEntry("appId", "quark").containsEntry("businessUnit", "quark")
                .containsEntry("period", "2025-Q1").containsEntry("from", "2025-01-01").containsEntry("to", "2025-03-31")
                .containsEntry("zone", "Asia/Shanghai");
        // Seen by Mar 31: u1 (Dec 25), u2, u3, u4, u6 (Dec 20), u7 (install only); u5 only on Apr 1.
        assertThat(m).containsEntry("totalUsers", 6);
        // First seen in Q1: u2, u3, u4, u7 (u1 moved to Dec 25 by the late install).
        assertThat(m).containsEntry("newUsers", 4).containsEntry("installs", 1);
        // Active days: Jan 1 {u4}, Jan 5 {u1,u2}, Jan 6 {u3}, Feb 10 {u1}, Mar 3 {u6}: 6 user-days over 90 days.
        assertThat(decimal(m.get("dau"))).isEqualByComparingTo("0.07");
        assertThat(m).containsEntry("daysCounted", 90).containsEntry("monthsCounted", 3);
        // Months: Jan {u1,u2,u3,u4} = 4, Feb {u1} = 1, Mar {u6} = 1: (4 + 1 + 1) / 3.
        assertThat(decimal(m.get("mau"))).isEqualByComparingTo("2.00");
        // (6 / 90) / (6 / 3) = 1/30.
        assertThat(decimal(m.get("stickiness"))).isEqualByComparingTo("0.033333");
        assertThat(m).containsEntry("activeUsers", 5);
    }

    @Test
    void aiVolumeAndQualityOfAnAppInAQuarter() {
        Map<String, Object> m = metrics("quark", "2025-Q1");
        // Live at Mar 31: ai-camera and super-box; deep-agent launches in April.
        assertThat(m).containsEntry("aiFeatures", 2);
        // s6 starts on Apr 1 in Shanghai: Q1 has s1, s2, s3, s4, s5, s7 by u1, u2, u3, u4.
        assertThat(m).containsEntry("aiUsers", 4);
        assertThat(decimal(m.get("aiUserShare"))).isEqualByComparingTo("0.800000");
        assertThat(map(m.get("volume"))).containsEntry("aiSessions", 6).containsEntry("turns", 21).containsEntry("agentCalls", 11);
        Map<String, Object> q = map(m.get("quality"));
        // Resolved s1, s4, s7; known outcomes all but s3 (UNKNOWN): 3 / 5.
        assertThat(q).containsEntry("resolvedSessions", 3).containsEntry("knownOutcomeSessions", 5);
        assertThat(decimal(q.get("resolutionRate"))).isEqualByComparingTo("0.600000");
        // 21 turns for 3 resolved sessions.
        assertThat(decimal(q.get("turnsPerResolved"))).isEqualByComparingTo("7.000000");
        // Rated s1 (5), s3 (3), s5 (2), s7 (4); s2 and s4 unrated: 14 / 4.
        assertThat(q).containsEntry("ratedSessions", 4);
        assertThat(decimal(q.get("avgRating"))).isEqualByComparingTo("3.500000");
        // Converted s1, s3, s7 of 6; 199.00 + 0.50 + 35.20.
        assertThat(q).containsEntry("conversions", 3);
        assertThat(decimal(q.get("conversionRate"))).isEqualByComparingTo("0.500000");
        assertThat(decimal(q.get("conversionValueCny"))).isEqualByComparingTo("234.70");
    }

    @Test
    void eachFeatureHasItsOwnFigures() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> features = (List<Map<String, Object>>) metrics("quark", "2025-Q1").get("features");
        assertThat(features).extracting(f -> f.get("featureId")).containsExactly("ai-camera", "deep-agent", "super-box");

        Map<String, Object> camera = features.get(0);
        assertThat(camera).containsEntry("kind", "CAMERA").containsEntry("live", true).containsEntry("aiUsers", 2);
        assertThat(map(camera.get("volume"))).containsEntry("aiSessions", 3).containsEntry("turns", 10).containsEntry("agentCalls", 3);
        Map<String, Object> cq = map(camera.get("quality"));
        assertThat(decimal(cq.get("resolutionRate"))).isEqualByComparingTo("0.500000");   // s1 of s1, s2 (s3 unknown)
        assertThat(decimal(cq.get("turnsPerResolved"))).isEqualByComparingTo("10.000000");
        assertThat(decimal(cq.get("avgRating"))).isEqualByComparingTo("4.000000");        // (5 + 3) / 2, s2 unrated
        assertThat(decimal(cq.get("conversionRate"))).isEqualByComparingTo("0.666667");   // 2 of 3
        assertThat(decimal(cq.get("conversionValueCny"))).isEqualByComparingTo("199.50");

        Map<String, Object> agent = features.get(1);
        assertThat(agent).containsEntry("live", false).containsEntry("aiUsers", 1);
        assertThat(map(agent.get("volume"))).containsEntry("aiSessions", 1).containsEntry("agentCalls", 8);

        Map<String, Object> box = features.get(2);
        assertThat(box).containsEntry("live", true).containsEntry("aiUsers", 2);
        Map<String, Object> bq = map(box.get("quality"));
        assertThat(map(box.get("volume"))).containsEntry("aiSessions", 2).containsEntry("turns", 5);
        assertThat(decimal(bq.get("resolutionRate"))).isEqualByComparingTo("0.500000");
        assertThat(bq).containsEntry("ratedSessions", 1).containsEntry("conversions", 0);
        assertThat(decimal(bq.get("avgRating"))).isEqualByComparingTo("2.000000");
        assertThat(decimal(bq.get("conversionRate"))).isEqualByComparingTo("0.000000");
        assertThat(decimal(bq.get("conversionValueCny"))).isEqualByComparingTo("0.00");
    }

    @Test
    void aMonthAndDaysEitherSideOfMidnight() {
        Map<String, Object> jan = metrics("quark", "2025-01");
        // Jan 1 {u4}, Jan 5 {u1, u2}, Jan 6 {u3}: 4 user-days over 31 days; one month of 4 users.
        assertThat(decimal(jan.get("dau"))).isEqualByComparingTo("0.13");
        assertThat(decimal(jan.get("mau"))).isEqualByComparingTo("4.00");
        assertThat(decimal(jan.get("stickiness"))).isEqualByComparingTo("0.032258");
        assertThat(jan).containsEntry("activeUsers", 4).containsEntry("newUsers", 3).containsEntry("totalUsers", 5);

        // u2's 23:59:59 open is on the 5th, u3's midnight open on the 6th.
        Map<String, Object> fifth = metrics("quark", "2025-01-05");
        assertThat(decimal(fifth.get("dau"))).isEqualByComparingTo("2.00");
        assertThat(decimal(fifth.get("mau"))).isEqualByComparingTo("2.00");
        assertThat(decimal(fifth.get("stickiness"))).isEqualByComparingTo("1.000000");
        assertThat(fifth).containsEntry("activeUsers", 2).containsEntry("daysCounted", 1).containsEntry("aiUsers", 1);
        Map<String, Object> sixth = metrics("quark", "2025-01-06");
        assertThat(sixth).containsEntry("activeUsers", 1).containsEntry("newUsers", 1);

        // s5 at 23:59 on Mar 31 is in March with s4 and s7; s6 at midnight is on Apr 1.
        assertThat(map(metrics("quark", "2025-03").get("volume"))).containsEntry("aiSessions", 3);
        assertThat(map(metrics("quark", "2025-04").get("volume"))).containsEntry("aiSessions", 1).containsEntry("turns", 10);
        assertThat(metrics("quark", "2025-04-01")).containsEntry("aiUsers", 1).containsEntry("activeUsers", 1);
    }

    @Test
    void aFiscalQuarterIsTheSameDaysUnderAnotherName() {
        Map<String, Object> calendar = metrics("quark", "2025-Q1");
        Map<String, Object> fiscal = metrics("quark", "FY2025-Q4");
        assertThat(fiscal).containsEntry("period", "FY2025-Q4").containsEntry("from", "2025-01-01");
        for (String figure : List.of("totalUsers", "newUsers", "installs", "dau", "mau", "activeUsers", "aiUsers", "volume", "quality")) {
            assertThat(fiscal.get(figure)).as(figure).isEqualTo(calendar.get(figure));
        }
    }

    @Test
    void kpisHaveEveryAppAndTotalsThatCountAUserOnce() {
        Map<String, Object> k = api.get("/api/v1/kpis?period=2025-Q1");
        assertThat(k).containsEntry("period", "2025-Q1").containsEntry("zone", "Asia/Shanghai");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> apps = (List<Map<String, Object>>) k.get("apps");
        assertThat(apps).extracting(a -> a.get("appId")).containsExactly("amap", "quark", "quark-pc");
        assertThat(apps.get(1)).isEqualTo(metrics("quark", "2025-Q1"));
        // quark-pc: u1 (Jan 5) and u8 (Mar 15).
        assertThat(apps.get(2)).containsEntry("totalUsers", 2).containsEntry("newUsers", 2).containsEntry("activeUsers", 2);
        assertThat(decimal(apps.get(2).get("mau"))).isEqualByComparingTo("0.67");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> units = (List<Map<String, Object>>) k.get("businessUnits");
        assertThat(units).extracting(u -> u.get("businessUnit")).containsExactly("amap", "quark");
        Map<String, Object> quarkUnit = units.get(1);
        assertThat(quarkUnit.get("appIds")).isEqualTo(List.of("quark", "quark-pc"));
        // Unit quark: u1 counts once though both apps saw him; seen by Mar 31: u1, u2, u3, u4, u6, u7, u8.
        assertThat(quarkUnit).containsEntry("totalUsers", 7).containsEntry("newUsers", 5).containsEntry("installs", 1);
        // Days: Jan 1 1, Jan 5 {u1, u2} = 2 (u1 in both apps), Jan 6 1, Feb 10 1, Mar 3 1, Mar 15 1 = 7 over 90.
        assertThat(decimal(quarkUnit.get("dau"))).isEqualByComparingTo("0.08");
        // Months: Jan 4, Feb 1, Mar {u6, u8} 2 = 7 / 3.
        assertThat(decimal(quarkUnit.get("mau"))).isEqualByComparingTo("2.33");
        assertThat(quarkUnit).containsEntry("activeUsers", 6).containsEntry("aiUsers", 4).containsEntry("aiFeatures", 2);
        assertThat(map(quarkUnit.get("volume"))).containsEntry("aiSessions", 6);

        Map<String, Object> overall = map(k.get("overall"));
        assertThat(overall.get("businessUnit")).isNull();
        assertThat(overall.get("appIds")).isEqualTo(List.of("amap", "quark", "quark-pc"));
        // Seen by Mar 31 anywhere: u1, u2, u3, u4, u6, u7, u8, u9; new in Q1: u2, u3, u4, u7, u8, u9.
        assertThat(overall).containsEntry("totalUsers", 8).containsEntry("newUsers", 6);
        // Feb 10: u1 in quark and in amap is one user that day. Days sum to 8 over 90; months 4 + {u1, u9} + {u6, u8}.
        assertThat(decimal(overall.get("dau"))).isEqualByComparingTo("0.09");
        assertThat(decimal(overall.get("mau"))).isEqualByComparingTo("2.67");
        assertThat(overall).containsEntry("activeUsers", 7).containsEntry("aiUsers", 4).containsEntry("aiFeatures", 2);
        assertThat(map(overall.get("volume"))).containsEntry("aiSessions", 7).containsEntry("turns", 23).containsEntry("agentCalls", 15);
        Map<String, Object> q = map(overall.get("quality"));
        assertThat(q).containsEntry("resolvedSessions", 4).containsEntry("knownOutcomeSessions", 6);
        assertThat(decimal(q.get("resolutionRate"))).isEqualByComparingTo("0.666667");
    }

    @Test
    void aPeriodWithNothingInItHasZerosAndUndefinedRatios() {
        Map<String, Object> m = metrics("amap", "2024-06");
        assertThat(m).containsEntry("totalUsers", 0).containsEntry("activeUsers", 0).containsEntry("aiUsers", 0);
        assertThat(decimal(m.get("dau"))).isEqualByComparingTo("0.00");
        assertThat(m.get("stickiness")).isNull();
        assertThat(m.get("aiUserShare")).isNull();
        Map<String, Object> q = map(m.get("quality"));
        assertThat(q.get("resolutionRate")).isNull();
        assertThat(q.get("turnsPerResolved")).isNull();
        assertThat(q.get("avgRating")).isNull();
        assertThat(q.get("conversionRate")).isNull();
        assertThat(decimal(q.get("conversionValueCny"))).isEqualByComparingTo("0.00");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDailySeriesHasEachDaysSessionsPerUnit() {
        Map<String, Object> d = api.get("/api/v1/kpis/daily?period=2025-Q1");
        assertThat(d).containsEntry("from", "2025-01-01").containsEntry("to", "2025-03-31")
                .containsEntry("zone", "Asia/Shanghai");
        // Shanghai days of the sessions above: s5 (15:59Z on Mar 31) is the 31st; s6 (16:00Z) is April's, left out.
        // day, unit, sessions, turns, resolved, conversions
        assertThat(((List<Map<String, Object>>) d.get("rows")).stream().map(r -> List.of(r.get("day"),
                r.get("businessUnit"), r.get("aiSessions"), r.get("turns"), r.get("resolvedSessions"),
                r.get("conversions"))).toList()).containsExactly(
                List.of("2025-01-05", "quark", 1, 3, 1, 1),
                List.of("2025-01-20", "quark", 1, 5, 0, 0),
                List.of("2025-02-02", "quark", 1, 2, 0, 1),
                List.of("2025-02-10", "amap", 1, 2, 1, 0),
                List.of("2025-03-01", "quark", 1, 4, 1, 0),
                List.of("2025-03-20", "quark", 1, 6, 1, 1),
                List.of("2025-03-31", "quark", 1, 1, 0, 0));
        api.problem(HttpRequest.GET("/api/v1/kpis/daily?period=2025-Q5"), 400);
    }

    @Test
    void unknownAppsAndBadPeriodsAreProblems() {
        assertThat((String) api.problem(HttpRequest.GET("/api/v1/apps/nope/metrics?period=2025-Q1"), 404).get("detail"))
                .contains("nope");
        assertThat((String) api.problem(HttpRequest.GET("/api/v1/apps/quark/metrics?period=Q1-2025"), 400).get("detail"))
                .contains("FY2025-Q3");
        api.problem(HttpRequest.GET("/api/v1/apps/quark/metrics"), 400);
        api.problem(HttpRequest.GET("/api/v1/kpis?period=2025-13"), 400);
        api.problem(HttpRequest.GET("/api/v1/kpis"), 400);
    }
}
