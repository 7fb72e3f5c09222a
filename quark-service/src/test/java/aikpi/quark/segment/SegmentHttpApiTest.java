package aikpi.quark.segment;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.quark.QuarkApi;
import aikpi.testing.Gzip;
import aikpi.testing.TestCallerFilter;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Segment's HTTP Tracking API paths: the calls of quark's own Segment paths, under the same rules and ids, answered
 * with Segment's {@code {"success": true}}; bodies sent with {@code Content-Encoding: gzip} as the libraries may send
 * them, inflated under the body's size limit.
 */
@MicronautTest
class SegmentHttpApiTest {

    private static final String NS = "com.quark.http";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    JsonMapper json;

    QuarkApi api;

    @BeforeEach
    void fixtures() {
        api = new QuarkApi(client.toBlocking());
        api.put("/api/v1/apps/http", Map.of("name", "Http", "businessUnit", "quark", "launchedOn", "2016-06-01",
                "bundleIds", List.of(NS)));
    }

    private static Map<String, Object> track(String event, String messageId, String userId, String timestamp) {
        return SegmentIngestionTest.call(event, messageId, userId, timestamp, NS, Map.of());
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MutableHttpRequest<byte[]> gzipped(String path, byte[] gzip) {
        return HttpRequest.POST(path, gzip).contentType(MediaType.APPLICATION_JSON_TYPE).header("Content-Encoding", "gzip");
    }

    private Map<String, Object> post(MutableHttpRequest<?> request) {
        return client.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    @Test
    void segmentsPathsTakeTheCallsOfQuarksOwnAndAnswerAsSegmentDoes() {
        String day = "2025-06-02T02:00:00Z";
        Map<String, Object> install = track("Application Installed", "h-1", "ann", day);
        Map<String, Object> open = track("Application Opened", "h-2", "ann", "2025-06-02T02:00:01Z");
        // analytics-java's body: the batch, its own context and sentAt, a sequence and the write key (ignored here,
        // where the caller is already known by its Authorization header).
        Map<String, Object> importBody = Map.of("batch", List.of(install, open), "sentAt", "2025-06-02T02:00:02.000Z",
                "context", Map.of("library", Map.of("name", "analytics-java", "version", "3.5.4")), "sequence", 1,
                "writeKey", "not-a-key");
        assertThat(post(HttpRequest.POST("/v1/import/", importBody))).containsExactlyInAnyOrderEntriesOf(
                Map.of("success", true, "accepted", 2, "duplicates", 0, "ignored", 0));
        // The same messageIds through every path are the same calls.
        assertThat(api.post("/v1/batch", Map.of("batch", List.of(open)))).containsEntry("success", true)
                .containsEntry("duplicates", 1);
        assertThat(api.post("/api/v1/segment/batch", Map.of("batch", List.of(install)))).containsEntry("duplicates", 1);
        Map<String, Object> single = new LinkedHashMap<>(track("Application Opened", "h-3", "bob", day));
        single.remove("type");
        assertThat(api.post("/v1/track", single)).containsEntry("success", true).containsEntry("accepted", 1);
        assertThat(api.post("/v1/import", Map.of("batch", List.of(track("Application Opened", "h-3", "bob", day)))))
                .containsEntry("duplicates", 1);
        // Segment's other methods, one call each as the path names it: acknowledged, ignored.
        assertThat(api.post("/v1/identify", Map.of("userId", "ann", "traits", Map.of("plan", "pro"))))
                .containsEntry("success", true).containsEntry("ignored", 1);
        assertThat(api.post("/v1/page", Map.of("userId", "ann", "name", "Home"))).containsEntry("ignored", 1);
        assertThat(api.post("/v1/screen", Map.of("anonymousId", "x", "name", "Home"))).containsEntry("ignored", 1);
        assertThat(api.post("/api/v1/segment/identify", Map.of("userId", "ann"))).containsEntry("ignored", 1);
        assertThat(api.problem(HttpRequest.POST("/v1/identify", Map.of("type", "track", "event", "x")), 400)
                .toString()).contains("this endpoint takes identify calls");
        api.problem(HttpRequest.POST("/v1/rocket", Map.of("userId", "ann")), 404);

        assertThat(api.get("/api/v1/apps/http/metrics?period=2025-06-02")).containsEntry("installs", 1)
                .containsEntry("activeUsers", 2);
    }

    @Test
    void aGzipBodyIsTakenAndARetriedBatchCountsOnce() {
        Map<String, Object> body = Map.of("batch", List.of(
                track("Application Installed", UUID.randomUUID().toString(), "cat", "2025-06-03T02:00:00Z"),
                track("Application Opened", UUID.randomUUID().toString(), "cat", "2025-06-03T02:00:01Z"),
                track("Application Opened", UUID.randomUUID().toString(), "dan", "2025-06-03T03:00:00Z")));
        byte[] gzip = Gzip.compress(bytes(body));
        assertThat(post(gzipped("/v1/batch", gzip))).containsEntry("accepted", 3).containsEntry("duplicates", 0);
        // The client did not hear the answer and sends the batch again, gzipped or not: nothing new.
        assertThat(post(gzipped("/v1/batch", gzip))).containsEntry("accepted", 0).containsEntry("duplicates", 3);
        assertThat(api.post("/v1/import", body)).containsEntry("accepted", 0).containsEntry("duplicates", 3);
        assertThat(api.get("/api/v1/apps/http/metrics?period=2025-06-03")).containsEntry("installs", 1)
                .containsEntry("activeUsers", 2).containsEntry("newUsers", 2);
    }

    /**
     * A Segment write key is an ingest key of the segment stream, however the library sends it: HTTP Basic with the key
     * as user name (analytics-node and the mobile libraries), Bearer, or the body's writeKey (analytics-java). A body's
     * key is not looked at when the request carries credentials of its own.
     */
    @Test
    void theWriteKeyIsAnIngestKeyOfTheSegmentStreamHoweverItIsSent() {
        String key = api.ingestKey("node", "segment");
        String events = api.ingestKey("events", "events");
        Map<String, Object> body = Map.of("batch", List.of(
                track("Application Opened", "k-1", "fay", "2025-06-05T02:00:00Z")));
        assertThat(post(HttpRequest.POST("/v1/batch", body).basicAuth(key, ""))).containsEntry("accepted", 1);
        assertThat(post(HttpRequest.POST("/v1/track", track("Application Opened", "k-2", "gus", "2025-06-05T03:00:00Z"))
                .bearerAuth(key))).containsEntry("accepted", 1);
        assertThat(post(anonymous(HttpRequest.POST("/v1/import", Map.of("batch", List.of(
                track("Application Opened", "k-3", "hal", "2025-06-05T04:00:00Z")), "writeKey", key)))))
                .containsEntry("accepted", 1);
        // A key of another stream, a key where a token is due, credentials beside the body's key: refused.
        api.problem(HttpRequest.POST("/v1/batch", body).basicAuth(events, ""), 403);
        api.problem(anonymous(HttpRequest.POST("/v1/import", Map.of("batch", List.of(
                track("Application Opened", "k-4", "ian", "2025-06-05T05:00:00Z")), "writeKey", events))), 403);
        api.problem(HttpRequest.GET("/api/v1/apps/http").basicAuth(key, ""), 403);
        api.problem(HttpRequest.POST("/v1/import", Map.of("batch", List.of(
                track("Application Opened", "k-5", "jan", "2025-06-05T06:00:00Z")), "writeKey", key))
                .header("Authorization", "Bearer not-a-token"), 401);
        api.problem(anonymous(HttpRequest.POST("/v1/import", Map.of("batch", List.of(
                track("Application Opened", "k-6", "kim", "2025-06-05T07:00:00Z"))))), 401);
        assertThat(api.get("/api/v1/apps/http/metrics?period=2025-06-05")).containsEntry("activeUsers", 3);
    }

    private static <T> MutableHttpRequest<T> anonymous(MutableHttpRequest<T> request) {
        request.setAttribute(TestCallerFilter.ANONYMOUS, true);
        return request;
    }

    @Test
    void aGzipBombIs413WhileInflatingAndNothingIsStored() {
        Map<String, Object> call = track("Application Opened", "bomb-1", "eve", "2025-06-04T02:00:00Z");
        String text = new String(bytes(Map.of("batch", List.of(call))), java.nio.charset.StandardCharsets.UTF_8);
        // A valid batch followed by 2 GiB of spaces (still valid JSON) in about 2 MB of gzip.
        byte[] bomb = Gzip.bomb(text, ' ');
        assertThat(bomb.length).isLessThan(3 << 20);
        long start = System.nanoTime();
        Map<String, Object> problem = api.problem(gzipped("/v1/batch", bomb), 413);
        assertThat(problem.get("detail")).isNotNull();
        // Refused as the inflated bytes pass the limit, not after 2 GiB were inflated.
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(20_000);
        assertThat(api.get("/api/v1/apps/http/metrics?period=2025-06-04")).containsEntry("activeUsers", 0);
        assertThat(post(gzipped("/v1/batch", Gzip.compress(bytes(Map.of("batch", List.of(call)))))))
                .containsEntry("accepted", 1);
    }
}
