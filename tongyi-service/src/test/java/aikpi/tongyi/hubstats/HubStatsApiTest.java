package aikpi.tongyi.hubstats;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.tongyi.TongyiApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@MicronautTest
class HubStatsApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    TongyiApi api;

    @BeforeEach
    void setUp() {
        api = new TongyiApi(client.toBlocking());
        api.model("qwen2.5-7b", "Alibaba", true, "2024-09-19");
    }

    private static Map<String, Object> snapshot(String date, String platform, long downloads, long likes, long finetune) {
        return Map.of("date", date, "platform", platform, "downloads", downloads, "likes", likes,
                "derivatives", Map.of("finetune", finetune, "quantized", 2, "adapter", 1, "merge", 0));
    }

    @SuppressWarnings("unchecked")
    private static long gained(Map<String, Object> influence, String figure) {
        return ((Number) ((Map<String, Object>) influence.get("gained")).get(figure)).longValue();
    }

    @Test
    void aPeriodGainsTheDifferenceOfCumulativeSnapshotsAndACorrectionReplaces() {
        String uri = "/api/v1/models/qwen2.5-7b/hub-stats";
        Map<String, Object> first = api.post(uri, List.of(
                snapshot("2024-12-31", "HUGGING_FACE", 10_000, 100, 50),
                snapshot("2025-03-31", "HUGGING_FACE", 25_000, 180, 90),
                snapshot("2025-03-31", "MODELSCOPE", 4_000, 20, 5)));
        assertThat(first).containsEntry("accepted", 3).containsEntry("replaced", 0);

        Map<String, Object> q1 = api.get(uri + "?period=2025-Q1");
        assertThat(gained(q1, "downloads")).isEqualTo(15_000 + 4_000);
        assertThat(gained(q1, "likes")).isEqualTo(80 + 20);

        // The hub corrects its 31 March figure: the snapshot replaces the old one.
        Map<String, Object> correction = api.post(uri, List.of(snapshot("2025-03-31", "HUGGING_FACE", 24_000, 180, 90)));
        assertThat(correction).containsEntry("accepted", 0).containsEntry("replaced", 1);
        assertThat(gained(api.get(uri + "?period=2025-Q1"), "downloads")).isEqualTo(14_000 + 4_000);

        // The fiscal name of the same quarter gives the same figures.
        assertThat(gained(api.get(uri + "?period=FY2025-Q4"), "downloads")).isEqualTo(18_000);
        // Nothing new after March: Q2 gains nothing but the cumulative total stands.
        Map<String, Object> q2 = api.get(uri + "?period=2025-Q2");
        assertThat(gained(q2, "downloads")).isZero();
        assertThat(((Number) ((Map<?, ?>) q2.get("cumulative")).get("downloads")).longValue()).isEqualTo(28_000);
    }

    @Test
    void badSnapshotsAreRejectedTogether() {
        String uri = "/api/v1/models/qwen2.5-7b/hub-stats";
        Map<String, Object> problem = api.problem(HttpRequest.POST(uri, List.of(
                snapshot("2025-01-01", "HUGGING_FACE", 5, 1, 1),
                Map.of("date", "2025-01-02", "platform", "HUGGING_FACE", "downloads", -1, "likes", 0),
                Map.of("platform", "OTHER", "downloads", 1, "likes", 0))), 400);
        assertThat((List<?>) problem.get("errors")).hasSize(2);
        assertThat(gained(api.get(uri + "?period=2025-01"), "downloads")).isZero();
        api.problem(HttpRequest.POST("/api/v1/models/no-such-model/hub-stats", List.of(snapshot("2025-01-01", "OTHER", 1, 1, 1))), 404);
        api.problem(HttpRequest.POST(uri, List.of(Map.of("date", "2025-01-01", "platform", "GITHUB", "downloads", 1, "likes", 1))), 400);
    }

    @Test
    void absurdSnapshotDatesRejectTheBatchNamingEach() {
        api.model("qwen2.5-absurd", "Alibaba", true, "2024-09-19");
        String uri = "/api/v1/models/qwen2.5-absurd/hub-stats";
        List<Map<String, Object>> batch = new ArrayList<>(List.of(snapshot("2025-02-01", "HUGGING_FACE", 5, 1, 1)));
        TongyiApi.ABSURD_DATES.forEach(d -> batch.add(snapshot(d, "MODELSCOPE", 1_000, 1, 1)));
        Map<String, Object> problem = api.problem(HttpRequest.POST(uri, batch), 400);
        assertThat((List<Map<String, Object>>) problem.get("errors")).extracting(e -> e.get("index") + ":" + e.get("field"))
                .containsExactly("1:date", "2:date", "3:date", "4:date");
        assertThat((String) problem.get("detail")).contains("date").contains("1990-01-01").contains("2199-12-31");
        Map<String, Object> february = api.get(uri + "?period=2025-02");
        assertThat(gained(february, "downloads")).isZero();
        assertThat(((Number) ((Map<?, ?>) february.get("cumulative")).get("downloads")).longValue()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPeriodsGainsAreSplitByModelAndByPlatformAndAddUpToTheWhole() {
        api.model("hs-big", "Alibaba", true, "2023-01-01");
        api.model("hs-small", "Alibaba", true, "2023-01-01");
        api.post("/api/v1/models/hs-big/hub-stats", List.of(
                snapshot("2023-10-31", "HUGGING_FACE", 1_000, 10, 4),
                snapshot("2023-11-30", "HUGGING_FACE", 1_600, 25, 9),
                snapshot("2023-11-30", "MODELSCOPE", 300, 5, 1)));
        api.post("/api/v1/models/hs-small/hub-stats", List.of(
                snapshot("2023-10-31", "MODELSCOPE", 50, 1, 0),
                snapshot("2023-11-30", "MODELSCOPE", 250, 3, 2)));
        // November: hs-big 600 + 300 = 900 downloads, 15 + 5 = 20 likes, 5 + 1 fine-tunes (and 2 + 1 others of its
        // new ModelScope snapshot); hs-small 200 downloads, 2 likes, 2 fine-tunes. Every other model gained nothing.
        Map<String, Object> byModel = api.get("/api/v1/hub-stats/summary?period=2023-11&groupBy=model");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) byModel.get("rows");
        Map<String, Object> big = rows.stream().filter(r -> "hs-big".equals(r.get("key"))).findFirst().orElseThrow();
        Map<String, Object> small = rows.stream().filter(r -> "hs-small".equals(r.get("key"))).findFirst().orElseThrow();
        assertThat(gained(big, "downloads")).isEqualTo(900);
        assertThat(gained(big, "likes")).isEqualTo(20);
        assertThat(((Map<String, Object>) ((Map<String, Object>) big.get("gained")).get("derivatives")))
                .containsEntry("finetune", 6).containsEntry("quantized", 2);
        assertThat(gained(small, "downloads")).isEqualTo(200);
        long sum = rows.stream().mapToLong(r -> gained(r, "downloads")).sum();
        assertThat(gained(byModel, "downloads")).isEqualTo(sum).isGreaterThanOrEqualTo(1_100);

        Map<String, Object> byPlatform = api.get("/api/v1/hub-stats/summary?period=2023-11&groupBy=platform");
        List<Map<String, Object>> platforms = (List<Map<String, Object>>) byPlatform.get("rows");
        assertThat(platforms).extracting(r -> r.get("key")).contains("MODELSCOPE", "HUGGING_FACE");
        assertThat(platforms.stream().mapToLong(r -> gained(r, "downloads")).sum())
                .isEqualTo(gained(byPlatform, "downloads")).isEqualTo(gained(byModel, "downloads"));
        assertThat((String) api.problem(HttpRequest.GET("/api/v1/hub-stats/summary?period=2023-11&groupBy=unit"), 400)
                .get("detail")).contains("model").contains("platform");
    }
}
