package aikpi.tongyi.usage;

import static aikpi.tongyi.TongyiApi.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import aikpi.testing.ServiceInstances;
import aikpi.testing.SharedDatabase;
import aikpi.tongyi.TongyiApi;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raw events are kept for the retention and no longer (whole UTC months go; on PostgreSQL their partitions), the
 * figures stay, and an event older than what is left is taken for a replay: acknowledged, never counted again.
 */
class RawUsageRetentionTest {

    /** A retention that puts the cut-off in March 2025: January and February 2025 are purged. */
    private static final String RETENTION = Duration.between(Instant.parse("2025-03-15T00:00:00Z"), Instant.now())
            .toDays() + "d";

    @TempDir
    Path dir;

    SharedDatabase database;

    @BeforeEach
    void createDatabase() {
        database = SharedDatabase.create(dir, "tongyi");
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    private EmbeddedServer start(Map<String, Object> extra) {
        var properties = new java.util.HashMap<String, Object>(Map.of("kpi.usage.raw-retention", RETENTION,
                "kpi.reporting-zone", "Asia/Shanghai"));
        properties.putAll(extra);
        return database.start(properties);
    }

    @Test
    @SuppressWarnings("unchecked")
    void purgedMonthsKeepTheirFiguresAndTheirReplaysAreNotCountedAgain() {
        var january = usage("r-1", "acme", "qwen-max", "2025-01-10T02:00:00Z", 7, 3);
        // 04:00 on 21 February in Shanghai.
        var february = usage("r-2", "acme", "qwen-max", "2025-02-20T20:00:00Z", 70, 30);
        var march = usage("r-3", "acme", "qwen-max", "2025-03-01T02:00:00Z", 700, 300);
        Map<String, Object> quarter;
        Map<String, Object> completeness;
        List<Map<String, Object>> changes;
        try (EmbeddedServer server = start(Map.of()); HttpClient client = ServiceInstances.clientOf(server)) {
            TongyiApi api = new TongyiApi(client.toBlocking());
            api.model("qwen-max", "Alibaba", false, "2024-09-19");
            api.customer("acme", "EXTERNAL", "2025-01-01");
            assertThat(api.post("/api/v1/usage/events", List.of(january, february, march))).containsEntry("accepted", 3);
            quarter = api.get("/api/v1/usage/summary?period=2025-Q1&groupBy=day");

            RawUsageRetention retention = server.getApplicationContext().getBean(RawUsageRetention.class);
            assertThat(retention.purge()).as("rows (or partitions) purged").isNotZero();
            assertThat(retention.purge()).as("a second run finds nothing").isZero();
            assertThat(server.getApplicationContext().getBean(RawUsageStore.class).purgedBefore())
                    .isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));

            assertThat(api.get("/api/v1/usage/summary?period=2025-Q1&groupBy=day")).isEqualTo(quarter);
            assertThat(api.post("/api/v1/usage/events", List.of(january, february, march)))
                    .containsEntry("accepted", 0).containsEntry("duplicates", 3);
            var lateNewcomer = usage("r-4", "acme", "qwen-max", "2025-02-27T02:00:00Z", 1, 1);
            assertThat(api.post("/api/v1/usage/events", List.of(lateNewcomer)))
                    .as("older than the raw events left: taken for a replay").containsEntry("duplicates", 1);
            var marchNew = usage("r-5", "acme", "qwen-max", "2025-03-20T02:00:00Z", 1, 1);
            assertThat(api.post("/api/v1/usage/events", List.of(marchNew))).containsEntry("accepted", 1);
            var aprilFirst = usage("r-6", "acme", "qwen-max", "2025-04-02T02:00:00Z", 1, 1);
            assertThat(api.post("/api/v1/usage/events", List.of(aprilFirst)))
                    .as("a month after the horizon that nothing was stored in yet (its partition made then)")
                    .containsEntry("accepted", 1);
            quarter = api.get("/api/v1/usage/summary?period=2025-Q1&groupBy=day");
            // Every event here came long after its day was complete: each is counted late, purged or not.
            completeness = api.get("/api/v1/completeness?period=2025-Q1");
            assertThat((Map<String, Object>) completeness.get("lateItems")).containsEntry("total", 4);
            completeness.remove("dataVersion");
            // Their arrivals too, purged or not: each a change since any version before them.
            changes = api.getList("/api/v1/changes?period=2025-Q1&since=2025-04-01T00:00:00Z");
            assertThat(changes).extracting(c -> c.get("day"))
                    .containsExactly("2025-01-10", "2025-02-21", "2025-03-01", "2025-03-20");
        }
        if (database.embedded()) {
            // A recut after an unclean stop keeps the purged days (their rollups are their only record) and recuts
            // the rest: 1 March in Shanghai began before the horizon, so it is kept too.
            database.execute("UPDATE usage_daily SET events = events + 100 WHERE usage_day >= DATE '2025-03-02'",
                    "UPDATE usage_monthly SET events = events + 100", "UPDATE usage_late_daily SET items = items + 100 WHERE usage_day >= DATE '2025-03-02'",
                    "UPDATE usage_late_arrival SET items = items + 100 WHERE usage_day >= DATE '2025-03-02'");
            database.markCrashed();
        }
        try (EmbeddedServer server = start(Map.of()); HttpClient client = ServiceInstances.clientOf(server)) {
            TongyiApi api = new TongyiApi(client.toBlocking());
            assertThat(api.get("/api/v1/usage/summary?period=2025-Q1&groupBy=day")).isEqualTo(quarter);
            Map<String, Object> after = api.get("/api/v1/completeness?period=2025-Q1");
            after.remove("dataVersion");
            assertThat(after).isEqualTo(completeness);
            assertThat(api.getList("/api/v1/changes?period=2025-Q1&since=2025-04-01T00:00:00Z")).isEqualTo(changes);
            assertThat(api.get("/api/v1/usage/summary?period=2025-Q1")).isEqualTo(
                    api.get("/api/v1/usage/summary?period=2025-Q1"));
            assertThat(api.post("/api/v1/usage/events", List.of(january, march)))
                    .containsEntry("accepted", 0).containsEntry("duplicates", 2);
        }
    }

    @Test
    void eventsStoredUnderTheOldKeyAreRecognisedUnderTheNew() {
        assumeTrue(database.embedded(), "the test database is changed behind the service's back: embedded only");
        // The schema as it was before the raw events were keyed by time and id hash, with one event in it.
        Flyway.configure().dataSource((String) database.properties().get("datasources.default.url"), "sa", "")
                .target("6").load().migrate();
        database.execute("INSERT INTO usage_event (event_id, customer_id, model_id, occurred_at, input_tokens, output_tokens) "
                + "VALUES ('ce:1f2e\u00e9-old', 'acme', 'qwen-max', TIMESTAMP WITH TIME ZONE '2025-03-01 02:00:00+00', 7, 3)");
        try (EmbeddedServer server = start(Map.of()); HttpClient client = ServiceInstances.clientOf(server)) {
            TongyiApi api = new TongyiApi(client.toBlocking());
            api.model("qwen-max", "Alibaba", false, "2024-09-19");
            api.customer("acme", "EXTERNAL", "2025-01-01");
            assertThat(api.post("/api/v1/usage/events", List.of(
                    usage("ce:1f2e\u00e9-old", "acme", "qwen-max", "2025-03-01T02:00:00Z", 7, 3),
                    usage("ce:1f2e\u00e9-old", "acme", "qwen-max", "2025-03-01T02:00:01Z", 7, 3))))
                    .as("the same id and time as the migrated row: a duplicate; another time: another event")
                    .containsEntry("accepted", 1).containsEntry("duplicates", 1);
        }
    }
}
