package aikpi.quark.activity;

import static aikpi.quark.QuarkApi.event;
import static aikpi.quark.QuarkApi.itemErrors;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.quark.QuarkApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@MicronautTest
class UserEventIngestionTest {

    @Inject
    @Client("/")
    HttpClient client;

    QuarkApi api;

    @BeforeEach
    void fixtures() {
        api = new QuarkApi(client.toBlocking());
        api.app("quark", "quark", "2016-06-01");
    }

    private Map<String, Object> quark(String period) {
        return api.get("/api/v1/apps/quark/metrics?period=" + period);
    }

    @Test
    void aReplayedActivityBatchIsAcknowledgedAndCountedOnce() {
        List<Map<String, Object>> batch = List.of(
                event("replay-1", "quark", "ann", "2025-02-01T02:00:00Z"),
                event("replay-2", "quark", "bob", "2025-02-01T03:00:00Z"),
                event("replay-3", "quark", "ann", "2025-02-02T03:00:00Z"));
        assertThat(api.post("/api/v1/activity/events", batch)).containsEntry("accepted", 3).containsEntry("duplicates", 0);
        assertThat(api.post("/api/v1/activity/events", batch)).containsEntry("accepted", 0).containsEntry("duplicates", 3);
        // Half new, half old: only the new one counts.
        assertThat(api.post("/api/v1/activity/events", List.of(batch.get(0),
                event("replay-4", "quark", "cat", "2025-02-01T04:00:00Z"))))
                .containsEntry("accepted", 1).containsEntry("duplicates", 1);

        Map<String, Object> feb = quark("2025-02");
        // Feb 1 {ann, bob, cat}, Feb 2 {ann}: a replay must not inflate the sketches or the first-seen counts.
        assertThat(feb).containsEntry("activeUsers", 3).containsEntry("newUsers", 3).containsEntry("totalUsers", 3);
        assertThat(QuarkApi.decimal(api.get("/api/v1/apps/quark/metrics?period=2025-02-01").get("dau")))
                .isEqualByComparingTo("3");
    }

    @Test
    void aReplayedInstallBatchIsCountedOnce() {
        List<Map<String, Object>> batch = List.of(
                event("inst-1", "quark", "dan", "2025-05-01T02:00:00Z"),
                event("inst-2", "quark", "eve", "2025-05-02T02:00:00Z"));
        assertThat(api.post("/api/v1/installs", batch)).containsEntry("accepted", 2).containsEntry("duplicates", 0);
        assertThat(api.post("/api/v1/installs", batch)).containsEntry("accepted", 0).containsEntry("duplicates", 2);
        Map<String, Object> may = quark("2025-05");
        assertThat(may).containsEntry("installs", 2).containsEntry("newUsers", 2);
        // An install is not an app open.
        assertThat(may).containsEntry("activeUsers", 0);
    }

    @Test
    void aRepeatedIdInsideOneBatchCountsOnce() {
        var e = event("twice", "quark", "fay", "2025-03-03T02:00:00Z");
        assertThat(api.post("/api/v1/installs", List.of(e, e))).containsEntry("accepted", 1).containsEntry("duplicates", 1);
        assertThat(quark("2025-03-03")).containsEntry("installs", 1);
    }

    @Test
    void installsAndOpensAreSeparateStreamsWithTheirOwnIds() {
        var e = event("same-id", "quark", "gus", "2025-03-04T02:00:00Z");
        assertThat(api.post("/api/v1/installs", List.of(e))).containsEntry("accepted", 1);
        assertThat(api.post("/api/v1/activity/events", List.of(e))).containsEntry("accepted", 1);
        assertThat(quark("2025-03-04")).containsEntry("installs", 1).containsEntry("activeUsers", 1).containsEntry("newUsers", 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/installs", "/api/v1/activity/events"})
    void oneBadEventRejectsTheWholeBatchNamingEveryOffenderAndStoresNothing(String uri) {
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        String prefix = uri.contains("install") ? "bad-i-" : "bad-a-";
        // Each stream gets its own month, so the two runs (one context, one database) do not see each other.
        String month = uri.contains("install") ? "2025-04" : "2025-08";
        String at = month + "-01T02:00:00Z";
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(event(prefix + "ok", "quark", "hal", at));
        batch.add(event(prefix + "app", "nowhere", "hal", at));
        batch.add(event(prefix + "future", "quark", "hal", future));
        Map<String, Object> noUser = new HashMap<>(event(prefix + "user", "quark", "x", at));
        noUser.remove("userId");
        batch.add(noUser);
        batch.add(Map.of("appId", "quark", "userId", "hal", "occurredAt", at));
        batch.add(event(prefix + "old", "quark", "hal", "1999-12-31T00:00:00Z"));
        batch.add(event("x".repeat(129), "quark", "hal", at));

        Map<String, Object> problem = api.problem(HttpRequest.POST(uri, batch), 400);
        assertThat(itemErrors(problem)).containsExactly(
                "1:appId", "2:occurredAt", "3:userId", "4:eventId", "5:occurredAt", "6:eventId");
        assertThat((String) problem.get("detail")).contains("nothing was stored");

        Map<String, Object> inMonth = quark(month);
        assertThat(inMonth).containsEntry("installs", 0).containsEntry("activeUsers", 0).containsEntry("newUsers", 0);
        // The valid event of the rejected batch was not stored either: sent alone now, it is new.
        assertThat(api.post(uri, List.of(batch.get(0)))).containsEntry("accepted", 1);
    }

    @Test
    void aBatchOverTheLimitIs413AndAnEmptyOneIs400() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            batch.add(event("big-" + i, "quark", "u" + i, "2025-06-01T02:00:00Z"));
        }
        assertThat((String) api.problem(HttpRequest.POST("/api/v1/activity/events", batch), 413).get("detail"))
                .contains("10000");
        api.problem(HttpRequest.POST("/api/v1/installs", List.of()), 400);
        assertThat(quark("2025-06")).containsEntry("activeUsers", 0);
        // Exactly the limit is fine.
        assertThat(api.post("/api/v1/activity/events", batch.subList(0, 10_000))).containsEntry("accepted", 10_000);
    }

    @Test
    void brokenJsonAndWrongTypesAreProblems() {
        var broken = HttpRequest.POST("/api/v1/activity/events", "[{\"eventId\": ").contentType("application/json");
        assertThat((String) api.problem(broken, 400).get("detail")).contains("JSON");
        var wrongType = HttpRequest.POST("/api/v1/installs", "[{\"eventId\":\"x\",\"occurredAt\":\"yesterday\"}]")
                .contentType("application/json");
        assertThat(api.problem(wrongType, 400)).containsKey("detail");
    }
}
