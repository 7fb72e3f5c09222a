package aikpi.quark.days;

import static aikpi.quark.QuarkApi.decimal;
import static aikpi.quark.QuarkApi.event;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.feeds.days.DaySketchUpload;
import aikpi.feeds.days.DaySketchUpload.DayFigures;
import aikpi.platform.store.Transactions;
import aikpi.quark.QuarkApi;
import aikpi.security.Roles;
import aikpi.testing.TestTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.datasketches.theta.Intersection;
import org.apache.datasketches.theta.SetOperation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daily aggregates over HTTP, sent by the example pipeline program ({@link DaySketchUpload}), on a data set small
 * enough to work out by hand: sketches of a few users hold them exactly, so every estimate here is the exact count.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DayApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    EmbeddedServer server;

    @Inject
    TestTokens tokens;

    @Inject
    Transactions transactions;

    @Inject
    AppDayStore days;

    @TempDir
    static Path dir;

    QuarkApi api;

    private String token() {
        return tokens.bearer(Roles.QUARK_WRITER).substring("Bearer ".length());
    }

    /** Runs the example program as a pipeline would: a file of the day's events, then the PUT. */
    private int upload(String app, String day, Set<String> seenBefore, String... events) throws Exception {
        Path file = Files.writeString(dir.resolve(app + "-" + day + ".csv"), "# " + app + " on " + day + "\n"
                + String.join("\n", events) + "\n");
        Path seen = Files.writeString(dir.resolve(app + "-" + day + "-seen.txt"), String.join("\n", seenBefore));
        return DaySketchUpload.run("--url", server.getURL().toString(), "--token", token(), "--app", app, "--day", day,
                "--events", file.toString(), "--seen", seen.toString(), "--lg-k", "14", "--theta");
    }

    private Map<String, Object> metrics(String app, String period) {
        return api.metrics(app, period);
    }

    private static Map<String, Object> map(Object o) {
        return QuarkApi.object(o);
    }

    @BeforeAll
    void dataSet() throws Exception {
        api = new QuarkApi(client.toBlocking());
        api.aggregatesApp("big", "taobao");
        api.feature("big", "shopping-assistant", "ASSISTANT", "2024-06-01");
        api.app("small", "taobao", "2015-01-01");
        // Mar 1: a installs and opens, b opens twice, a has a resolved, rated, converted AI session.
        assertThat(upload("big", "2025-03-01", Set.of(), "install,a", "open,a", "open,b", "open,b",
                "ai,a,RESOLVED,3,1,5,true,10.00")).isZero();
        // Mar 2: b and c open; c abandons an AI session. a and b were seen before.
        assertThat(upload("big", "2025-03-02", Set.of("a", "b"), "open,b", "open,c", "ai,c,ABANDONED,2,0,,false,")).isZero();
        // Apr 1: d is new, a comes back.
        assertThat(upload("big", "2025-04-01", Set.of("a", "b", "c"), "open,d", "open,a")).isZero();
        // The unit's event-fed app: b (also a user of big) and z open, y installs, in Shanghai days.
        api.post("/api/v1/activity/events", List.of(event("s-1", "small", "b", "2025-03-01T02:00:00Z"),
                event("s-2", "small", "z", "2025-03-05T02:00:00Z")));
        api.post("/api/v1/installs", List.of(event("s-3", "small", "y", "2025-03-06T02:00:00Z")));
    }

    @Test
    void everyFigureOfTheAppComesFromItsDays() {
        Map<String, Object> m = metrics("big", "2025-03");
        assertThat(m).containsEntry("feed", "AGGREGATES");
        // Days sent: Mar 1 {a, b}, Mar 2 {b, c}: dau is the mean over those two days, not over 31.
        assertThat(m).containsEntry("daysCounted", 2).containsEntry("monthsCounted", 1);
        assertThat(decimal(m.get("dau"))).isEqualByComparingTo("2.00");
        // The month's actives are the union of its days: {a, b, c}.
        assertThat(decimal(m.get("mau"))).isEqualByComparingTo("3.00");
        assertThat(decimal(m.get("stickiness"))).isEqualByComparingTo("0.666667");
        assertThat(m).containsEntry("activeUsers", 3);
        // New users: a, b on Mar 1, c on Mar 2; total users the union of every day's new users up to Mar 31.
        assertThat(m).containsEntry("newUsers", 3).containsEntry("totalUsers", 3).containsEntry("installs", 1);
        assertThat(m).containsEntry("aiUsers", 2);
        assertThat(decimal(m.get("aiUserShare"))).isEqualByComparingTo("0.666667");
        assertThat(map(m.get("volume"))).containsEntry("aiSessions", 2).containsEntry("turns", 5).containsEntry("agentCalls", 1);
        Map<String, Object> q = map(m.get("quality"));
        assertThat(decimal(q.get("resolutionRate"))).isEqualByComparingTo("0.500000");
        assertThat(decimal(q.get("avgRating"))).isEqualByComparingTo("5.000000");
        assertThat(decimal(q.get("conversionValueCny"))).isEqualByComparingTo("10.00");
        // Every user figure is an estimate, at the pipeline's lgK 14 (0.81%).
        Map<String, Object> estimates = map(m.get("estimates"));
        for (String figure : List.of("totalUsers", "newUsers", "dau", "mau", "activeUsers", "aiUsers")) {
            assertThat(map(estimates.get(figure))).as(figure).containsEntry("estimate", true);
            assertThat(decimal(map(estimates.get(figure)).get("relativeStandardError"))).as(figure)
                    .isEqualByComparingTo("0.008117");
        }
        // A day counts the app's sessions, not each feature's.
        @SuppressWarnings("unchecked")
        Map<String, Object> feature = ((List<Map<String, Object>>) m.get("features")).get(0);
        assertThat(feature).containsEntry("featureId", "shopping-assistant").containsEntry("live", true)
                .containsEntry("aiUsers", null).containsEntry("volume", null);

        Map<String, Object> q2 = metrics("big", "2025-Q2");
        // Apr 1 {a, d}; May and June have no days: they are not averaged in.
        assertThat(q2).containsEntry("daysCounted", 1).containsEntry("monthsCounted", 1).containsEntry("activeUsers", 2);
        assertThat(decimal(q2.get("mau"))).isEqualByComparingTo("2.00");
        assertThat(q2).containsEntry("newUsers", 1).containsEntry("totalUsers", 4);
        Map<String, Object> q1 = metrics("big", "2025-Q1");
        assertThat(q1).containsEntry("totalUsers", 3).containsEntry("monthsCounted", 1);
        assertThat(decimal(q1.get("mau"))).isEqualByComparingTo("3.00");
        // A period before any day: nothing, and nothing estimated from no sketch.
        Map<String, Object> before = metrics("big", "2024-12");
        assertThat(before).containsEntry("totalUsers", 0).containsEntry("daysCounted", 0);
        assertThat(before.get("dau")).isNull();
    }

    @Test
    void aUnitMergesEventFedAndAggregateFedAppsByAUnionNeverASumOfDistinctCounts() {
        Map<String, Object> kpis = api.get("/api/v1/kpis?period=2025-03");
        @SuppressWarnings("unchecked")
        Map<String, Object> unit = ((List<Map<String, Object>>) kpis.get("businessUnits")).get(0);
        assertThat(unit).containsEntry("businessUnit", "taobao");
        // big {a, b, c} and small {b, z}: b counts once.
        assertThat(unit).containsEntry("activeUsers", 4);
        // Seen by Mar 31: big {a, b, c}, small {b, z, y}.
        assertThat(unit).containsEntry("totalUsers", 5).containsEntry("newUsers", 5).containsEntry("installs", 2);
        // Days: Mar 1 {a, b} (b in both apps), Mar 2 {b, c}, Mar 5 {z}: 5 user-days over 31 days.
        assertThat(decimal(unit.get("dau"))).isEqualByComparingTo("0.16");
        assertThat(decimal(unit.get("mau"))).isEqualByComparingTo("4.00");
        Map<String, Object> estimates = map(unit.get("estimates"));
        // The coarser sketches rule: the pipeline's lgK 14 against quark's own 16.
        assertThat(decimal(map(estimates.get("totalUsers")).get("relativeStandardError"))).isEqualByComparingTo("0.008117");
        assertThat(map(kpis.get("overall"))).containsEntry("totalUsers", 5).containsEntry("activeUsers", 4);

        // The event-fed app alone stays exact.
        Map<String, Object> small = metrics("small", "2025-03");
        assertThat(small).containsEntry("feed", "EVENTS").containsEntry("totalUsers", 3);
        assertThat(map(map(small.get("estimates")).get("totalUsers"))).containsEntry("estimate", false)
                .containsEntry("relativeStandardError", null);
        assertThat(decimal(map(map(small.get("estimates")).get("dau")).get("relativeStandardError")))
                .isEqualByComparingTo("0.004058");
    }

    @Test
    void aDayPutAgainReplacesItAndTheReplacedVersionIsKept() throws Exception {
        api.aggregatesApp("rerun", "fliggy");
        assertThat(upload("rerun", "2025-05-10", Set.of(), "open,p", "open,q", "install,p")).isZero();
        assertThat(upload("rerun", "2025-05-11", Set.of("p", "q"), "open,q")).isZero();
        assertThat(metrics("rerun", "2025-05")).containsEntry("activeUsers", 2).containsEntry("totalUsers", 2);

        // The pipeline re-runs May 10: q was a bot, r was missed.
        DayFigures fixed = DaySketchUpload.figures(List.of("open,p", "open,r", "install,p"), Set.of(), 14, false);
        var answer = DaySketchUpload.put(server.getURI(), token(), "rerun", LocalDate.parse("2025-05-10"), fixed);
        assertThat(answer.statusCode()).isEqualTo(200);
        Map<String, Object> day = api.get("/api/v1/apps/rerun/days/2025-05-10");
        assertThat(day).containsEntry("version", 2).containsEntry("opens", 2);
        assertThat(map(day.get("activeUsers"))).containsEntry("estimate", 2).containsEntry("lgK", 14).containsEntry("family", "HLL");
        assertThat(day.get("activeUsersTheta")).isNull();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> replaced = (List<Map<String, Object>>) day.get("replaced");
        assertThat(replaced).singleElement().satisfies(v -> assertThat(v).containsEntry("version", 1)
                .containsEntry("opens", 2).containsEntry("activeUsers", 2).containsKey("replacedAt"));
        // The month is the union of its days as they are now: p, r and (May 11) q; q's May 10 is gone from May 10.
        Map<String, Object> may = metrics("rerun", "2025-05");
        assertThat(may).containsEntry("activeUsers", 3).containsEntry("totalUsers", 2).containsEntry("newUsers", 2);
        assertThat(metrics("rerun", "2025-05-10")).containsEntry("activeUsers", 2);

        // The same figures again change nothing: no new version.
        assertThat(DaySketchUpload.put(server.getURI(), token(), "rerun", LocalDate.parse("2025-05-10"), fixed).statusCode())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/apps/rerun/days/2025-05-10")).containsEntry("version", 2);
        // Days exist: the app's feed stays AGGREGATES.
        api.problem(HttpRequest.PUT("/api/v1/apps/rerun", Map.of("name", "Re-run", "businessUnit", "fliggy",
                "launchedOn", "2015-01-01")), 409);
    }

    @Test
    void theDaysThetaSketchesAreKeptForSetIntersections() {
        var theta = transactions.read(c -> days.activeUsersTheta("big", LocalDate.parse("2025-03-01"),
                LocalDate.parse("2025-04-30")));
        assertThat(theta.keySet()).extracting(LocalDate::toString).containsExactly("2025-03-01", "2025-03-02", "2025-04-01");
        // Active on Mar 1 and again on Mar 2: b alone.
        Intersection both = SetOperation.builder().buildIntersection();
        both.intersect(theta.get(LocalDate.parse("2025-03-01")));
        both.intersect(theta.get(LocalDate.parse("2025-03-02")));
        assertThat(both.getResult().getEstimate()).isEqualTo(1.0);
        assertThat(map(api.get("/api/v1/apps/big/days/2025-03-01").get("activeUsersTheta")))
                .containsEntry("family", "THETA_COMPACT").containsEntry("estimate", 2);
    }

    @Test
    void badDaysAreProblemsAndStoreNothing() throws Exception {
        api.aggregatesApp("strict", "eleme");
        DayFigures good = DaySketchUpload.figures(List.of("open,u", "ai,u,RESOLVED,1,0,,false,"), Set.of(), 12, true);
        String body = good.json();
        // Outcomes that do not add up, a negative count, a Theta sketch where an HLL one belongs.
        String theta = body.substring(body.indexOf("\"activeUsersTheta\":\"") + 20, body.lastIndexOf('"'));
        String bad = body.replace("\"resolved\":1", "\"resolved\":0").replace("\"installs\":0", "\"installs\":-3")
                .replaceFirst("\"aiUsers\":\"[^\"]*\"", "\"aiUsers\":\"" + theta + "\"");
        Map<String, Object> problem = api.problem(HttpRequest.PUT("/api/v1/apps/strict/days/2025-05-01", bad)
                .contentType("application/json"), 400);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
        assertThat(errors).extracting(e -> e.get("field")).containsExactly("installs", "aiSessions", "aiUsers");
        assertThat((String) problem.get("detail")).contains("nothing was stored");
        api.problem(HttpRequest.GET("/api/v1/apps/strict/days/2025-05-01"), 404);

        // Tomorrow in the reporting zone is in the future.
        String tomorrow = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(1).toString();
        api.problem(HttpRequest.PUT("/api/v1/apps/strict/days/" + tomorrow, body).contentType("application/json"), 400);
        api.problem(HttpRequest.PUT("/api/v1/apps/strict/days/2025-02-30", body).contentType("application/json"), 400);
        api.problem(HttpRequest.PUT("/api/v1/apps/strict/days/2025-05-01", "{\"installs\":1.5}")
                .contentType("application/json"), 400);
        // A day for an app fed by events, or for no app.
        assertThat((String) api.problem(HttpRequest.PUT("/api/v1/apps/small/days/2025-05-01", body)
                .contentType("application/json"), 409).get("detail")).contains("fed by events");
        api.problem(HttpRequest.PUT("/api/v1/apps/nowhere/days/2025-05-01", body).contentType("application/json"), 404);
        assertThat(metrics("strict", "2025-05")).containsEntry("activeUsers", 0).containsEntry("daysCounted", 0);

        // The good body is taken: 201 for a day's first version.
        var created = client.toBlocking().exchange(HttpRequest.PUT("/api/v1/apps/strict/days/2025-05-01", body)
                .contentType("application/json"), Map.class);
        assertThat(created.getStatus().getCode()).isEqualTo(201);
        assertThat(metrics("strict", "2025-05")).containsEntry("activeUsers", 1).containsEntry("daysCounted", 1);
    }
}
