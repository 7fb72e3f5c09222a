package aikpi.quark.sessions;

import static aikpi.quark.QuarkApi.itemErrors;
import static aikpi.quark.QuarkApi.session;
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

@MicronautTest
class AiSessionIngestionTest {

    @Inject
    @Client("/")
    HttpClient client;

    QuarkApi api;

    @BeforeEach
    void fixtures() {
        api = new QuarkApi(client.toBlocking());
        api.app("amap", "amap", "2010-01-01");
        api.app("fliggy", "fliggy", "2010-01-01");
        api.feature("amap", "nav-agent", "AGENT", "2025-04-18");
        api.feature("fliggy", "ask", "ASSISTANT", "2025-04-21");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> volume(String period) {
        return (Map<String, Object>) api.get("/api/v1/apps/amap/metrics?period=" + period).get("volume");
    }

    @Test
    void aReplayedBatchIsAcknowledgedAndCountedOnce() {
        List<Map<String, Object>> batch = List.of(
                session("r-1", "amap", "nav-agent", "ann", "2025-05-01T02:00:00Z", 4, 2, "RESOLVED", 5, true, "12.30"),
                session("r-2", "amap", "nav-agent", "bob", "2025-05-01T03:00:00Z", 2, 0, "ABANDONED", null, false, null));
        assertThat(api.post("/api/v1/ai-sessions", batch)).containsEntry("accepted", 2).containsEntry("duplicates", 0);
        assertThat(api.post("/api/v1/ai-sessions", batch)).containsEntry("accepted", 0).containsEntry("duplicates", 2);
        var again = session("r-3", "amap", "nav-agent", "ann", "2025-05-02T03:00:00Z", 1, 0, "RESOLVED", null, false, null);
        assertThat(api.post("/api/v1/ai-sessions", List.of(again, again, batch.get(1))))
                .containsEntry("accepted", 1).containsEntry("duplicates", 2);

        Map<String, Object> m = api.get("/api/v1/apps/amap/metrics?period=2025-05");
        assertThat(m).containsEntry("aiUsers", 2);
        assertThat(volume("2025-05")).containsEntry("aiSessions", 3).containsEntry("turns", 7).containsEntry("agentCalls", 2);
        @SuppressWarnings("unchecked")
        Map<String, Object> q = (Map<String, Object>) m.get("quality");
        assertThat(QuarkApi.decimal(q.get("conversionValueCny"))).isEqualByComparingTo("12.30");
    }

    @Test
    void oneBadSessionRejectsTheWholeBatchNamingEveryOffenderAndStoresNothing() {
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        String at = "2025-06-01T02:00:00Z";
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(session("ok", "amap", "nav-agent", "ann", at, 3, 1, "RESOLVED", 4, true, "10.00"));          // 0
        batch.add(session("app", "nowhere", "nav-agent", "ann", at, 3, 1, "RESOLVED", null, false, null));     // 1
        batch.add(session("feature", "amap", "ask", "ann", at, 3, 1, "RESOLVED", null, false, null));          // 2: fliggy's
        batch.add(session("turns", "amap", "nav-agent", "ann", at, -1, 1, "RESOLVED", null, false, null));     // 3
        batch.add(session("calls", "amap", "nav-agent", "ann", at, 1, -3, "RESOLVED", null, false, null));     // 4
        batch.add(session("rating-high", "amap", "nav-agent", "ann", at, 1, 0, "RESOLVED", 6, false, null));   // 5
        batch.add(session("rating-low", "amap", "nav-agent", "ann", at, 1, 0, "RESOLVED", 0, false, null));    // 6
        batch.add(session("fen", "amap", "nav-agent", "ann", at, 1, 0, "RESOLVED", null, true, "1.234"));      // 7
        batch.add(session("negative", "amap", "nav-agent", "ann", at, 1, 0, "RESOLVED", null, true, "-5.00")); // 8
        batch.add(session("no-conv", "amap", "nav-agent", "ann", at, 1, 0, "RESOLVED", null, false, "3.00"));  // 9
        batch.add(session("outcome", "amap", "nav-agent", "ann", at, 1, 0, "SOLVED", null, false, null));      // 10
        batch.add(session("future", "amap", "nav-agent", "ann", future, 1, 0, "RESOLVED", null, false, null)); // 11
        Map<String, Object> missing = new HashMap<>(session("missing", "amap", "nav-agent", "ann", at, 1, 0, "RESOLVED", null, false, null));
        missing.remove("converted");
        missing.remove("turns");
        missing.remove("userId");
        batch.add(missing);                                                                                    // 12

        Map<String, Object> problem = api.problem(HttpRequest.POST("/api/v1/ai-sessions", batch), 400);
        assertThat(itemErrors(problem)).containsExactly(
                "1:appId", "2:featureId", "3:turns", "4:agentCalls", "5:rating", "6:rating", "7:conversionValueCny",
                "8:conversionValueCny", "9:conversionValueCny", "10:outcome", "11:startedAt",
                "12:userId", "12:turns", "12:converted");
        assertThat(volume("2025-06")).containsEntry("aiSessions", 0);
        assertThat(api.post("/api/v1/ai-sessions", List.of(batch.get(0)))).containsEntry("accepted", 1);
    }

    @Test
    void conversionValuesAtTheLargestAllowedAmountAddUpInTheDailyAggregate() {
        String largest = "99999999999999999.99";
        String at = "2025-08-01T02:00:00Z";
        assertThat(api.post("/api/v1/ai-sessions", List.of(
                session("largest-1", "fliggy", "ask", "ann", at, 1, 0, "RESOLVED", null, true, largest),
                session("largest-2", "fliggy", "ask", "bob", at, 1, 0, "RESOLVED", null, true, largest))))
                .containsEntry("accepted", 2);
        assertThat(api.post("/api/v1/ai-sessions", List.of(
                session("largest-3", "fliggy", "ask", "cat", at, 1, 0, "RESOLVED", null, true, largest))))
                .containsEntry("accepted", 1);

        assertThat(api.getText("/api/v1/apps/fliggy/metrics?period=2025-08"))
                .contains("\"conversionValueCny\":299999999999999999.97");
    }

    @Test
    void aBatchOverTheLimitIs413() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            batch.add(session("big-" + i, "amap", "nav-agent", "u" + i, "2025-07-01T02:00:00Z", 1, 0, "UNKNOWN", null, false, null));
        }
        api.problem(HttpRequest.POST("/api/v1/ai-sessions", batch), 413);
        api.problem(HttpRequest.POST("/api/v1/ai-sessions", List.of()), 400);
        assertThat(volume("2025-07")).containsEntry("aiSessions", 0);
    }
}
