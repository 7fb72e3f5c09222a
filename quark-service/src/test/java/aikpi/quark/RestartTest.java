package aikpi.quark;

import static aikpi.quark.QuarkApi.event;
import static aikpi.quark.QuarkApi.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import aikpi.feeds.days.DaySketchUpload;
import aikpi.testing.SharedDatabase;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.flywaydb.core.Flyway;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service on a file database (on PostgreSQL under the postgres profile, one schema for every start): what it
 * stored survives a restart, a new reporting zone recuts the days, and a start after a crash recuts every aggregate.
 */
class RestartTest {

    /** ann's cohort (the week of Dec 30) and bob's (the week of Jan 6), each with its first two weeks. */
    /** The week of Dec 30 (Jan 5 is its Sunday) of the app fed by daily aggregates. */
    private static final String BIG_RETENTION = "/api/v1/apps/big/retention?from=2024-12-30&to=2025-01-05&offsets=0";

    private static final String RETENTION = "/api/v1/apps/quark/retention?from=2024-12-30&to=2025-01-12&offsets=1";

    @TempDir
    Path dir;

    SharedDatabase database;

    @BeforeEach
    void createDatabase() {
        database = SharedDatabase.create(dir, "quark");
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    private void withService(String zone, Consumer<QuarkApi> use) {
        try (EmbeddedServer server = database.start(Map.of("kpi.reporting-zone", zone));
             HttpClient client = server.getApplicationContext().createBean(HttpClient.class, server.getURL())) {
            use.accept(new QuarkApi(client.toBlocking()));
        }
    }

    @SuppressWarnings("unchecked")
    private static long sessions(Map<String, Object> metrics) {
        return ((Number) ((Map<String, Object>) metrics.get("volume")).get("aiSessions")).longValue();
    }

    @Test
    void storedFiguresSurviveARestartAndANewZoneRecutsTheDays() {
        withService("Asia/Shanghai", api -> {
            api.app("quark", "quark", "2016-06-01");
            api.feature("quark", "ai-camera", "CAMERA", "2024-11-01");
            // 16:30 UTC on Jan 5 is 00:30 on Jan 6 in Shanghai.
            api.post("/api/v1/activity/events", List.of(event("e-1", "quark", "ann", "2025-01-05T16:30:00Z")));
            api.post("/api/v1/installs", List.of(event("i-1", "quark", "ann", "2025-01-05T16:20:00Z")));
            api.post("/api/v1/ai-sessions", List.of(
                    session("s-1", "quark", "ai-camera", "ann", "2025-01-05T16:40:00Z", 2, 0, "RESOLVED", 5, false, null)));
            assertThat(api.get("/api/v1/apps/quark/metrics?period=2025-01-06")).containsEntry("activeUsers", 1)
                    .containsEntry("newUsers", 1).containsEntry("installs", 1).containsEntry("aiUsers", 1);
        });

        withService("Asia/Shanghai", api -> {
            Map<String, Object> sixth = api.get("/api/v1/apps/quark/metrics?period=2025-01-06");
            assertThat(sixth).containsEntry("activeUsers", 1).containsEntry("newUsers", 1).containsEntry("installs", 1)
                    .containsEntry("aiUsers", 1);
            assertThat(sessions(sixth)).isEqualTo(1);
            // The ids are still known after the restart: a replay is a duplicate.
            assertThat(api.post("/api/v1/activity/events", List.of(event("e-1", "quark", "ann", "2025-01-05T16:30:00Z"))))
                    .containsEntry("accepted", 0).containsEntry("duplicates", 1);
            assertThat(api.getList("/api/v1/apps/quark/features")).hasSize(1);
            // The sets retention reads are stored too: ann's cohort (the week of Jan 6) opened the app that week.
            assertThat(api.get("/api/v1/apps/quark/retention?from=2025-01-06&to=2025-01-06&offsets=0"))
                    .extractingByKey("cohorts").asList().first().asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("size", 1).extractingByKey("offsets").asList().first()
                    .asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("users", 1);
        });

        withService("UTC", api -> {
            Map<String, Object> fifth = api.get("/api/v1/apps/quark/metrics?period=2025-01-05");
            assertThat(fifth).containsEntry("zone", "UTC").containsEntry("activeUsers", 1).containsEntry("newUsers", 1)
                    .containsEntry("installs", 1).containsEntry("aiUsers", 1);
            assertThat(sessions(fifth)).isEqualTo(1);
            Map<String, Object> sixth = api.get("/api/v1/apps/quark/metrics?period=2025-01-06");
            assertThat(sixth).containsEntry("activeUsers", 0).containsEntry("newUsers", 0).containsEntry("installs", 0)
                    .containsEntry("totalUsers", 1);
            assertThat(sessions(sixth)).isZero();
        });
    }

    /** An app fed by daily aggregates with one day, beside an event-fed app of the same unit sharing a user. */
    private static void daysAndEvents(QuarkApi api) {
        api.aggregatesApp("big", "taobao");
        api.app("small", "taobao", "2015-01-01");
        assertThat(api.putDay("big", "2025-01-05", DaySketchUpload.figures(List.of("install,ann", "open,ann", "open,bob",
                "ai,bob,RESOLVED,2,0,4,true,8.80"), Set.of(), 14, true).json())).isEqualTo(201);
        // 16:30 UTC on Jan 5 is Jan 6 in Shanghai.
        api.post("/api/v1/activity/events", List.of(event("e-1", "small", "ann", "2025-01-05T16:30:00Z")));
    }

    @Test
    void theDaysOfDailyAggregatesSurviveARestartAndStayOnTheirDaysWhenTheZoneChanges() {
        Map<String, Map<String, Object>> before = new java.util.HashMap<>();
        withService("Asia/Shanghai", api -> {
            daysAndEvents(api);
            before.put("day", api.get("/api/v1/apps/big/metrics?period=2025-01-05"));
            before.put("month", api.get("/api/v1/apps/big/metrics?period=2025-01"));
            assertThat(before.get("day")).containsEntry("activeUsers", 2).containsEntry("installs", 1).containsEntry("aiUsers", 1);
            // Ann's open of small falls on Jan 6 in Shanghai, a day the pipeline sent nothing for.
            assertThat(api.get("/api/v1/kpis?period=2025-01-06").get("overall").toString()).contains("activeUsers=1");
        });
        withService("Asia/Shanghai", api -> {
            assertThat(api.get("/api/v1/apps/big/metrics?period=2025-01")).isEqualTo(before.get("month"));
            assertThat(api.get("/api/v1/apps/big/days/2025-01-05")).containsEntry("version", 1);
        });
        withService("UTC", api -> {
            Map<String, Object> day = new java.util.HashMap<>(api.get("/api/v1/apps/big/metrics?period=2025-01-05"));
            // The pipeline's day does not move with the zone; the event does (Jan 5 in UTC).
            assertThat(day).containsEntry("zone", "UTC").containsEntry("activeUsers", 2).containsEntry("installs", 1);
            day.put("zone", "Asia/Shanghai");
            assertThat(day).isEqualTo(before.get("day"));
            Map<?, ?> overall = (Map<?, ?>) api.get("/api/v1/kpis?period=2025-01-05").get("overall");
            // Ann of small and ann of big are one user on Jan 5 now.
            assertThat(overall.get("activeUsers")).isEqualTo(2);
            assertThat(overall.get("totalUsers")).isEqualTo(2);
        });
    }

    @Test
    void afterAnUncleanStopTheDaysAreWrittenIntoTheAggregatesAgain() {
        assumeTrue(database.embedded(), "PostgreSQL recovers committed transactions whole");
        Map<String, Map<String, Object>> before = new java.util.HashMap<>();
        withService("Asia/Shanghai", api -> {
            daysAndEvents(api);
            before.put("metrics", api.get("/api/v1/apps/big/metrics?period=2025-01"));
            before.put("kpis", api.get("/api/v1/kpis?period=2025-Q1"));
            // The day's Theta sketch makes its users the cohort of their first active week: ann and bob.
            before.put("retention", api.get(BIG_RETENTION));
            assertThat(before.get("retention").get("cohorts").toString()).contains("size=2").contains("users=2");
        });
        // What a crash of H2 can leave: a day's aggregates that do not match the stored day.
        database.execute("UPDATE install_daily SET installs = installs + 7 WHERE app_id = 'big'",
                "DELETE FROM feature_daily WHERE app_id = 'big'",
                "DELETE FROM user_sketch WHERE app_id = 'big' AND grain = 'MONTH'",
                "DELETE FROM user_set WHERE scope = 'app:big'");
        database.markCrashed();
        withService("Asia/Shanghai", api -> {
            assertThat(api.get("/api/v1/apps/big/metrics?period=2025-01")).isEqualTo(before.get("metrics"));
            assertThat(api.get("/api/v1/kpis?period=2025-Q1")).isEqualTo(before.get("kpis"));
            assertThat(api.get(BIG_RETENTION)).isEqualTo(before.get("retention"));
        });
    }

    @Test
    void afterAnUncleanStopEveryAggregateIsRecutFromTheRawEvents() {
        assumeTrue(database.embedded(), "PostgreSQL recovers committed transactions whole");
        Map<String, Map<String, Object>> before = new java.util.HashMap<>();
        withService("Asia/Shanghai", api -> {
            api.app("quark", "quark", "2016-06-01");
            api.feature("quark", "ai-camera", "CAMERA", "2024-11-01");
            api.post("/api/v1/activity/events", List.of(event("e-1", "quark", "ann", "2025-01-05T02:30:00Z"),
                    event("e-2", "quark", "bob", "2025-01-06T02:30:00Z")));
            api.post("/api/v1/installs", List.of(event("i-1", "quark", "bob", "2025-01-06T02:20:00Z")));
            api.post("/api/v1/ai-sessions", List.of(
                    session("s-1", "quark", "ai-camera", "ann", "2025-01-05T02:40:00Z", 2, 0, "RESOLVED", 5, true, "12.50"),
                    session("s-2", "quark", "ai-camera", "bob", "2025-01-06T02:40:00Z", 4, 1, "ABANDONED", null, false, null)));
            before.put("metrics", api.get("/api/v1/apps/quark/metrics?period=2025-01"));
            before.put("kpis", api.get("/api/v1/kpis?period=2025-Q1"));
            before.put("retention", api.get(RETENTION));
        });
        // What a crash of H2 can leave: aggregates advanced by a batch whose raw rows were not kept.
        database.execute("UPDATE feature_daily SET sessions = sessions + 100, turns = turns + 100,"
                        + " conversion_value_cny = conversion_value_cny + 99",
                "UPDATE install_daily SET installs = installs + 7",
                "UPDATE first_seen_daily SET new_users = new_users + 3",
                "DELETE FROM user_set WHERE kind = 'OPEN'");
        withService("Asia/Shanghai", api -> {
            assertThat(api.get("/api/v1/apps/quark/metrics?period=2025-01")).as("a clean stop is trusted")
                    .isNotEqualTo(before.get("metrics"));
            assertThat(api.get(RETENTION)).isNotEqualTo(before.get("retention"));
        });
        database.markCrashed();

        withService("Asia/Shanghai", api -> {
            assertThat(api.get("/api/v1/apps/quark/metrics?period=2025-01")).isEqualTo(before.get("metrics"));
            assertThat(api.get("/api/v1/kpis?period=2025-Q1")).isEqualTo(before.get("kpis"));
            assertThat(api.get(RETENTION)).isEqualTo(before.get("retention"));
            assertThat(api.post("/api/v1/ai-sessions", List.of(
                    session("s-1", "quark", "ai-camera", "ann", "2025-01-05T02:40:00Z", 2, 0, "RESOLVED", 5, true, "12.50"))))
                    .containsEntry("accepted", 0).containsEntry("duplicates", 1);
        });
    }

    @Test
    void lateItemsAreRecutFromTheReceivedInstantsAndAnUnknownOneIsNeverLate() {
        assumeTrue(database.embedded(), "the test database is changed behind the service's back: embedded only");
        // Events of January 2025 received now: long after their days were complete, so late.
        withService("Asia/Shanghai", api -> {
            api.app("quark", "quark", "2016-06-01");
            api.post("/api/v1/activity/events", List.of(event("e-1", "quark", "ann", "2025-01-05T02:30:00Z")));
            api.post("/api/v1/installs", List.of(event("i-1", "quark", "bob", "2025-01-06T02:20:00Z")));
            assertThat(api.get("/api/v1/completeness?period=2025-01").get("lateItems"))
                    .asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("total", 2);
        });
        // An install whose receipt is unknown (stored before quark kept it), and a count the rows do not back.
        database.execute("UPDATE install_event SET received_at = NULL", "UPDATE late_arrival SET items = items + 5");
        withService("UTC", api -> {
            String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
            assertThat(api.get("/api/v1/completeness?period=2025-01").get("lateItems"))
                    .asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("total", 1)
                    .containsEntry("byDayReceived", List.of(Map.of("day", today, "items", 1)));
        });
    }

    @Test
    void opensAndInstallsStoredUnderTheOldKeyAreRecognisedUnderTheNew() {
        assumeTrue(database.embedded(), "the test database is changed behind the service's back: embedded only");
        // The schema as it was before installs and opens were keyed by time and id hash, with one of each in it.
        Flyway.configure().dataSource((String) database.properties().get("datasources.default.url"), "sa", "")
                .target("7").load().migrate();
        database.execute("INSERT INTO app (app_id, name, business_unit, launched_on, feed) "
                        + "VALUES ('quark', 'quark', 'quark', DATE '2016-06-01', 'EVENTS')",
                "INSERT INTO activity_event (event_id, app_id, user_id, occurred_at) "
                        + "VALUES ('sg:\u00e9-open', 'quark', 'ann', TIMESTAMP WITH TIME ZONE '2025-01-05 16:30:00+00')",
                "INSERT INTO install_event (event_id, app_id, user_id, occurred_at) "
                        + "VALUES ('i-old', 'quark', 'ann', TIMESTAMP WITH TIME ZONE '2025-01-05 16:20:00+00')");
        withService("Asia/Shanghai", api -> {
            assertThat(api.post("/api/v1/activity/events", List.of(
                    event("sg:\u00e9-open", "quark", "ann", "2025-01-05T16:30:00Z"),
                    event("sg:\u00e9-open", "quark", "ann", "2025-01-05T16:31:00Z"))))
                    .as("the same id and time as the migrated row: a duplicate; another time: another event")
                    .containsEntry("accepted", 1).containsEntry("duplicates", 1);
            assertThat(api.post("/api/v1/installs", List.of(event("i-old", "quark", "ann", "2025-01-05T16:20:00Z"))))
                    .containsEntry("accepted", 0).containsEntry("duplicates", 1);
        });
    }
}
