package aikpi.tongyi;

import static aikpi.tongyi.TongyiApi.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import aikpi.testing.ServiceInstances;
import aikpi.testing.SharedDatabase;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default is a file database: what was acknowledged is there after a restart (on PostgreSQL under the
 * postgres profile, the same schema for every start).
 */
class PersistenceAcrossRestartTest {

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

    private EmbeddedServer start(String zone) {
        return database.start(Map.of("kpi.reporting-zone", zone));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(TongyiApi api, String period) {
        return (List<Map<String, Object>>) api.get("/api/v1/usage/summary?period=" + period + "&groupBy=day").get("rows");
    }

    @Test
    void dataSurvivesARestartAndReplaysStayDuplicates() {
        var batch = List.of(usage("p-1", "acme", "qwen-max", "2025-03-01T02:00:00Z", 7, 3));
        try (EmbeddedServer server = start("Asia/Shanghai"); HttpClient client = ServiceInstances.clientOf(server)) {
            TongyiApi api = new TongyiApi(client.toBlocking());
            api.model("qwen-max", "Alibaba", false, "2024-09-19");
            api.customer("acme", "EXTERNAL", "2025-01-01");
            assertThat(api.post("/api/v1/usage/events", batch)).containsEntry("accepted", 1);
        }
        try (EmbeddedServer server = start("Asia/Shanghai"); HttpClient client = ServiceInstances.clientOf(server)) {
            TongyiApi api = new TongyiApi(client.toBlocking());
            assertThat(api.get("/api/v1/models/qwen-max")).containsEntry("vendor", "Alibaba");
            assertThat(rows(api, "2025-03")).singleElement().satisfies(r -> assertThat(r).containsEntry("totalTokens", 10));
            assertThat(api.post("/api/v1/usage/events", batch)).containsEntry("accepted", 0).containsEntry("duplicates", 1);
        }
    }

    @Test
    void changingTheReportingZoneRecutsTheDailyRollup() {
        // 17:00 UTC on 31 March is 01:00 on 1 April in Shanghai.
        var batch = List.of(usage("z-1", "acme", "qwen-max", "2025-03-31T17:00:00Z", 5, 5));
        try (EmbeddedServer server = start("UTC"); HttpClient client = ServiceInstances.clientOf(server)) {
            TongyiApi api = new TongyiApi(client.toBlocking());
            api.model("qwen-max", "Alibaba", false, "2024-09-19");
            api.customer("acme", "EXTERNAL", "2025-01-01");
            api.post("/api/v1/usage/events", batch);
            assertThat(rows(api, "2025-03")).singleElement().satisfies(r -> assertThat(r).containsEntry("key", "2025-03-31"));
        }
        try (EmbeddedServer server = start("Asia/Shanghai"); HttpClient client = ServiceInstances.clientOf(server)) {
            TongyiApi api = new TongyiApi(client.toBlocking());
            assertThat(rows(api, "2025-03")).isEmpty();
            assertThat(rows(api, "2025-04")).singleElement().satisfies(r -> assertThat(r).containsEntry("key", "2025-04-01"));
        }
    }

    @Test
    void afterAnUncleanStopTheRollupsAndOnboardingCountsAreRecutFromTheirRows() {
        assumeTrue(database.embedded(), "PostgreSQL recovers committed transactions whole");
        var batch = List.of(usage("c-1", "acme", "qwen-max", "2025-02-03T02:00:00Z", 7, 3),
                usage("c-2", "acme", "qwen-max", "2025-02-04T02:00:00Z", 70, 30));
        Map<String, Object> kpis;
        List<Map<String, Object>> days;
        try (EmbeddedServer server = start("Asia/Shanghai"); HttpClient client = ServiceInstances.clientOf(server)) {
            TongyiApi api = new TongyiApi(client.toBlocking());
            api.model("qwen-max", "Alibaba", false, "2024-09-19");
            api.customer("acme", "EXTERNAL", "2025-01-01");
            api.customer("beta", "EXTERNAL", "2025-02-01");
            api.post("/api/v1/usage/events", batch);
            kpis = api.get("/api/v1/kpis?period=2025-Q1");
            days = rows(api, "2025-02");
        }
        // What a crash of H2 can leave: rollups and counts that no longer match the rows they were advanced with.
        database.execute("UPDATE usage_daily SET events = events + 100, input_tokens = input_tokens + 1000",
                "UPDATE usage_monthly SET events = events + 100, input_tokens = input_tokens + 1000",
                "UPDATE usage_day_total SET events = events + 100, input_tokens = input_tokens + 1000",
                "UPDATE customer_onboarding_daily SET customers = customers + 5");
        try (EmbeddedServer server = start("Asia/Shanghai"); HttpClient client = ServiceInstances.clientOf(server)) {
            TongyiApi api = new TongyiApi(client.toBlocking());
            assertThat(rows(api, "2025-02")).as("a clean stop is trusted").isNotEqualTo(days);
            assertThat(api.get("/api/v1/kpis?period=2025-Q1")).isNotEqualTo(kpis);
        }
        database.markCrashed();

        try (EmbeddedServer server = start("Asia/Shanghai"); HttpClient client = ServiceInstances.clientOf(server)) {
            TongyiApi api = new TongyiApi(client.toBlocking());
            assertThat(rows(api, "2025-02")).isEqualTo(days);
            assertThat(api.get("/api/v1/kpis?period=2025-Q1")).isEqualTo(kpis);
            assertThat(api.post("/api/v1/usage/events", batch)).containsEntry("accepted", 0).containsEntry("duplicates", 2);
        }
        try (EmbeddedServer server = start("Asia/Shanghai"); HttpClient client = ServiceInstances.clientOf(server)) {
            assertThat(new TongyiApi(client.toBlocking()).get("/api/v1/kpis?period=2025-Q1")).isEqualTo(kpis);
        }
    }
}
