package aikpi.quark.segment;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.quark.QuarkApi;
import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.TrackMessage;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Segment's own Java library (analytics-java, as published), pointed at a running quark with only its endpoint and
 * write key set: it posts its batches to {@code /v1/import/} with the write key in the body, which is an ingest key of
 * quark's segment stream. Its messageIds are its own random UUIDs; a batch it sends again counts once.
 */
@MicronautTest(transactional = false)
class SegmentLibraryTest {

    private static final String NS = "com.quark.library";

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient client;

    QuarkApi api;

    @BeforeEach
    void fixtures() {
        api = new QuarkApi(client.toBlocking());
        api.put("/api/v1/apps/library", Map.of("name", "Library", "businessUnit", "quark", "launchedOn", "2016-06-01",
                "bundleIds", List.of(NS)));
        api.feature("library", "ai-camera", "CAMERA", "2024-11-01");
    }

    /** What the library reported of each message: null for a success, else the failure. */
    private static final class Outcomes implements Callback {
        final Map<String, Throwable> failures = new ConcurrentHashMap<>();
        final CountDownLatch done;

        Outcomes(int messages) {
            done = new CountDownLatch(messages);
        }

        @Override
        public void success(Message message) {
            done.countDown();
        }

        @Override
        public void failure(Message message, Throwable throwable) {
            failures.put(message.messageId(), throwable);
            done.countDown();
        }

        void await() throws InterruptedException {
            // The library's first retry waits 15 s give or take its jitter (up to 30 s).
            assertThat(done.await(90, TimeUnit.SECONDS)).as("the library reported every message").isTrue();
        }
    }

    private Analytics library(String writeKey, OkHttpClient http, Outcomes outcomes) {
        return Analytics.builder(writeKey).endpoint(server.getURL().toString()).client(http).callback(outcomes).build();
    }

    private static TrackMessage.Builder track(String event, String user, String at) {
        return TrackMessage.builder(event).userId(user).timestamp(Date.from(Instant.parse(at)))
                .context(Map.of("app", Map.of("namespace", NS, "name", "Quark", "version", "7.2.0")));
    }

    @Test
    void analyticsJavaWritesWithAnIngestKeyAndABatchItSendsAgainCountsOnce() throws Exception {
        String key = api.ingestKey("analytics-java", "segment");
        // The first answer is lost on its way back: quark stored the batch, and the library sends it again.
        AtomicBoolean loseAnswer = new AtomicBoolean(true);
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> {
            Response answer = chain.proceed(chain.request());
            if (loseAnswer.getAndSet(false)) {
                answer.close();
                throw new IOException("connection reset after the answer");
            }
            return answer;
        }).build();
        Outcomes outcomes = new Outcomes(5);
        Analytics analytics = library(key, http, outcomes);
        analytics.enqueue(track("Application Installed", "ann", "2025-07-01T01:00:00Z"));
        analytics.enqueue(track("Application Opened", "ann", "2025-07-01T01:00:05Z"));
        analytics.enqueue(track("Application Opened", "ann", "2025-07-01T09:00:00Z"));
        analytics.enqueue(track("Application Opened", "bob", "2025-07-01T10:00:00Z"));
        analytics.enqueue(track("AI Session Ended", "ann", "2025-07-01T02:00:00Z").properties(Map.of(
                "featureId", "ai-camera", "turns", 3, "agentCalls", 1, "outcome", "RESOLVED", "rating", 5,
                "converted", true, "conversionValue", "199.00")));
        analytics.flush();
        outcomes.await();
        analytics.shutdown();
        assertThat(outcomes.failures).isEmpty();
        assertThat(loseAnswer).isFalse();

        Map<String, Object> day = api.get("/api/v1/apps/library/metrics?period=2025-07-01");
        assertThat(day).containsEntry("installs", 1).containsEntry("activeUsers", 2).containsEntry("newUsers", 2);
        assertThat(QuarkApi.object(day.get("volume"))).containsEntry("aiSessions", 1).containsEntry("turns", 3);
        assertThat(QuarkApi.decimal(QuarkApi.object(day.get("quality")).get("conversionValueCny")))
                .isEqualByComparingTo("199.00");
        // Both uploads are in the audit trail under the key: the batch stored, then the same batch as duplicates.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> trail = (List<Map<String, Object>>) api.get("/api/v1/audit?from=2020-01-01").get("entries");
        List<Map<String, Object>> uploads = trail.stream()
                .filter(e -> "/v1/import/".equals(e.get("path")) && String.valueOf(e.get("subject")).endsWith(":analytics-java"))
                .toList();
        assertThat(uploads).extracting(e -> e.get("accepted") + "/" + e.get("duplicates"))
                .containsExactlyInAnyOrder("5/0", "0/5");
    }

    @Test
    void aWriteKeyThatIsNoKeyOfTheSegmentStreamIsRefusedAndNothingIsStored() throws Exception {
        OkHttpClient http = new OkHttpClient();
        for (String writeKey : List.of(api.ingestKey("events-only", "events"), "aik_quark_" + "x".repeat(43), "not-a-key")) {
            Outcomes outcomes = new Outcomes(1);
            Analytics analytics = library(writeKey, http, outcomes);
            analytics.enqueue(track("Application Opened", "cat", "2025-07-02T01:00:00Z"));
            analytics.flush();
            outcomes.await();
            analytics.shutdown();
            assertThat(outcomes.failures).as(writeKey).hasSize(1);
        }
        assertThat(api.get("/api/v1/apps/library/metrics?period=2025-07-02")).containsEntry("activeUsers", 0);
    }
}
