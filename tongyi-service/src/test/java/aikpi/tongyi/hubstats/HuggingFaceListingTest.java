package aikpi.tongyi.hubstats;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.feeds.hub.HubListingFetch;
import aikpi.testing.TestTokens;
import aikpi.security.Roles;
import aikpi.tongyi.TongyiApi;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Hub's own listing: tracked models matched by their Hugging Face id, all-time downloads and likes recorded as a
 * snapshot, derivatives counted from the listed models' base_model tags; bad listings refused whole. The fetch
 * command runs against {@link HubStub}, which serves recorded pages in the Hub's response shape.
 */
@MicronautTest
@Property(name = "hub-stub.enabled", value = "true")
class HuggingFaceListingTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    EmbeddedServer server;

    @Inject
    TestTokens tokens;

    TongyiApi api() {
        return new TongyiApi(client.toBlocking());
    }

    void tracked(String modelId, String hubId) {
        api().put("/api/v1/models/" + modelId, Map.of("family", "qwen3", "vendor", "Alibaba", "displayName", modelId,
                "openSource", true, "releaseDate", "2025-04-29", "hubIds", Map.of("HUGGING_FACE", hubId)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFetchCommandPagesThroughTheListingAndTheImportRecordsSnapshotsWithDerivatives() throws Exception {
        tracked("qwen3-8b", "Qwen/Qwen3-8B");
        tracked("qwen3-8b-base", "Qwen/Qwen3-8B-Base");
        assertThat((Map<String, Object>) api().get("/api/v1/models/qwen3-8b").get("hubIds"))
                .containsEntry("HUGGING_FACE", "Qwen/Qwen3-8B");
        HubStub.QUERIES.clear();
        String base = server.getURL().toString();
        var answer = new HubListingFetch(Map.of("HUB_URL", base, "TONGYI_URL", base, "AS_OF", "2025-05-10",
                "TONGYI_TOKEN", tokens.bearer(Roles.TONGYI_WRITER).substring("Bearer ".length()))).run();
        assertThat(HubStub.QUERIES).hasSize(2);
        assertThat(HubStub.QUERIES.get(0)).contains("author=Qwen").contains("downloadsAllTime");
        assertThat(answer.path("listed").asInt()).isEqualTo(6);
        assertThat(answer.path("unmatched").asInt()).isEqualTo(4);
        assertThat(answer.path("derivativeTags").asLong()).isEqualTo(5);

        Map<String, Object> influence = api().get("/api/v1/models/qwen3-8b/hub-stats?period=2025-05");
        assertThat(influence.toString()).contains("9312004");
        List<Map<String, Object>> snapshots = new com.fasterxml.jackson.databind.ObjectMapper()
                .convertValue(answer.path("matched"), List.class);
        Map<String, Object> eight = snapshots.stream().filter(s -> s.get("modelId").equals("qwen3-8b")).findFirst().orElseThrow();
        assertThat(eight).containsEntry("downloads", 9312004).containsEntry("likes", 812)
                .containsEntry("derivatives", Map.of("finetune", 0, "quantized", 2, "adapter", 1, "merge", 1));
        Map<String, Object> baseModel = snapshots.stream().filter(s -> s.get("modelId").equals("qwen3-8b-base")).findFirst().orElseThrow();
        assertThat(baseModel.get("derivatives")).isEqualTo(Map.of("finetune", 1, "quantized", 0, "adapter", 0, "merge", 0));

        // The same listing again replaces the day's snapshot rather than adding one.
        var again = new HubListingFetch(Map.of("HUB_URL", base, "TONGYI_URL", base, "AS_OF", "2025-05-10",
                "TONGYI_TOKEN", tokens.bearer(Roles.TONGYI_WRITER).substring("Bearer ".length()))).run();
        assertThat(again.path("matched").get(0).path("replaced").asBoolean()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aListingWithoutAllTimeDownloadsOrWithBadCountsIsRefusedWhole() {
        tracked("qwen3-4b", "Qwen/Qwen3-4B");
        tracked("qwen3-1.7b", "Qwen/Qwen3-1.7B");
        String listing = "[{\"id\":\"Qwen/Qwen3-4B\",\"downloads\":5000,\"likes\":3,\"tags\":[]},"
                + "{\"id\":\"Qwen/Qwen3-1.7B\",\"downloadsAllTime\":-1,\"likes\":2.5},"
                + "{\"id\":\"someone/else\",\"tags\":[\"base_model:finetune:Qwen/Qwen3-4B\"]}]";
        Map<String, Object> problem = api().problem(HttpRequest.POST("/api/v1/hub-stats/imports/huggingface?asOf=2025-05-11",
                listing.getBytes()).contentType("application/json"), 400);
        assertThat(((List<Map<String, Object>>) problem.get("errors")).stream().map(e -> e.get("index") + ":" + e.get("field")))
                .containsExactly("0:downloadsAllTime", "1:downloadsAllTime", "1:likes");
        assertThat(api().get("/api/v1/models/qwen3-4b/hub-stats?period=2025-05").toString()).doesNotContain("5000");
        api().problem(HttpRequest.POST("/api/v1/hub-stats/imports/huggingface", "{}".getBytes()).contentType("application/json"), 400);
        api().problem(HttpRequest.POST("/api/v1/hub-stats/imports/huggingface?asOf=2999-01-01", "[]".getBytes())
                .contentType("application/json"), 400);
    }

    @Test
    void aHubIdNamesOneModel() {
        tracked("qwen3-14b", "Qwen/Qwen3-14B");
        api().problem(HttpRequest.PUT("/api/v1/models/qwen3-14b-copy", Map.of("family", "qwen3", "vendor", "Alibaba",
                "displayName", "copy", "openSource", true, "hubIds", Map.of("HUGGING_FACE", "Qwen/Qwen3-14B"))), 409);
    }
}
