package aikpi.quark.segment;

import static aikpi.quark.QuarkApi.decimal;
import static aikpi.quark.QuarkApi.event;
import static aikpi.quark.QuarkApi.itemErrors;
import static aikpi.quark.QuarkApi.session;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.quark.QuarkApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Segment-spec calls over HTTP: the same figures as the same events sent as quark's own JSON, messageId dedup
 * forever, ignored calls counted, atomic bodies with errors named as Segment names them.
 */
@MicronautTest
class SegmentIngestionTest {

    @Inject
    @Client("/")
    HttpClient client;

    QuarkApi api;

    @BeforeEach
    void fixtures() {
        api = new QuarkApi(client.toBlocking());
        // Two apps alike: one fed by quark's own JSON, one by Segment calls naming it by its bundle id.
        api.put("/api/v1/apps/native", Map.of("name", "Native", "businessUnit", "quark", "launchedOn", "2016-06-01"));
        api.put("/api/v1/apps/seg", Map.of("name", "Seg", "businessUnit", "quark", "launchedOn", "2016-06-01",
                "bundleIds", List.of("com.quark.browser", "com.quark.ios")));
        api.feature("native", "ai-camera", "CAMERA", "2024-11-01");
        api.feature("seg", "ai-camera", "CAMERA", "2024-11-01");
    }

    /** A track call as a mobile library sends it, naming its app by bundle id. */
    static Map<String, Object> call(String event, String messageId, String userId, String timestamp,
                                    String namespace, Map<String, Object> properties) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", "track");
        c.put("event", event);
        c.put("messageId", messageId);
        c.put("userId", userId);
        c.put("timestamp", timestamp);
        c.put("context", Map.of("app", Map.of("namespace", namespace, "name", "Quark", "version", "7.2.0"),
                "library", Map.of("name", "analytics-ios", "version", "4.1.8")));
        c.put("properties", properties);
        return c;
    }

    private static Map<String, Object> aiSession(String featureId, long turns, long agentCalls, String outcome,
                                                 Integer rating, boolean converted, String value) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("featureId", featureId);
        p.put("turns", turns);
        p.put("agentCalls", agentCalls);
        p.put("outcome", outcome);
        if (rating != null) {
            p.put("rating", rating);
        }
        p.put("converted", converted);
        if (value != null) {
            p.put("conversionValue", new java.math.BigDecimal(value));
        }
        return p;
    }

    private Map<String, Object> batch(List<Map<String, Object>> calls) {
        return api.post("/api/v1/segment/batch", Map.of("batch", calls));
    }

    @Test
    void segmentCallsGiveTheSameFiguresAsTheSameEventsInQuarksOwnJson() {
        String ns = "com.quark.browser";
        batch(List.of(
                call("Application Installed", "s-1", "ann", "2025-02-01T01:00:00Z", ns, Map.of("version", "7.2.0")),
                call("Application Opened", "s-2", "ann", "2025-02-01T01:00:05Z", ns, Map.of("from_background", false)),
                call("Application Opened", "s-3", "bob", "2025-02-03T10:00:00Z", "com.quark.ios", Map.of()),
                call("Application Opened", "s-4", "ann", "2025-02-10T16:30:00Z", ns, Map.of()),
                call("AI Session Ended", "s-5", "ann", "2025-02-01T02:00:00Z", ns,
                        aiSession("ai-camera", 3, 1, "RESOLVED", 5, true, "199.00")),
                call("AI Session Ended", "s-6", "bob", "2025-02-03T11:00:00Z", ns,
                        aiSession("ai-camera", 6, 0, "abandoned", null, false, null)),
                call("AI Session Ended", "s-7", "cat", "2025-02-04T11:00:00Z", ns,
                        aiSession("ai-camera", 2, 2, "UNKNOWN", 3, true, "0.5"))));
        api.post("/api/v1/installs", List.of(event("n-1", "native", "ann", "2025-02-01T01:00:00Z")));
        api.post("/api/v1/activity/events", List.of(event("n-2", "native", "ann", "2025-02-01T01:00:05Z"),
                event("n-3", "native", "bob", "2025-02-03T10:00:00Z"), event("n-4", "native", "ann", "2025-02-10T16:30:00Z")));
        api.post("/api/v1/ai-sessions", List.of(
                session("n-5", "native", "ai-camera", "ann", "2025-02-01T02:00:00Z", 3, 1, "RESOLVED", 5, true, "199.00"),
                session("n-6", "native", "ai-camera", "bob", "2025-02-03T11:00:00Z", 6, 0, "ABANDONED", null, false, null),
                session("n-7", "native", "ai-camera", "cat", "2025-02-04T11:00:00Z", 2, 2, "UNKNOWN", 3, true, "0.5")));

        Map<String, Object> viaSegment = new LinkedHashMap<>(api.get("/api/v1/apps/seg/metrics?period=2025-02"));
        Map<String, Object> viaJson = new LinkedHashMap<>(api.get("/api/v1/apps/native/metrics?period=2025-02"));
        for (String k : List.of("appId", "name")) {
            viaSegment.remove(k);
            viaJson.remove(k);
        }
        assertThat(viaSegment).isEqualTo(viaJson);
        // And the figures are the ones worked out by hand: ann and bob opened it (ann on 2 days), ann installed it.
        assertThat(viaSegment).containsEntry("activeUsers", 2).containsEntry("installs", 1).containsEntry("newUsers", 2)
                .containsEntry("aiUsers", 3);
        assertThat(decimal(viaSegment.get("dau"))).isEqualByComparingTo("0.11"); // 3 user-days over 28 days
        @SuppressWarnings("unchecked")
        Map<String, Object> quality = (Map<String, Object>) viaSegment.get("quality");
        assertThat(decimal(quality.get("resolutionRate"))).isEqualByComparingTo("0.500000");
        assertThat(decimal(quality.get("conversionValueCny"))).isEqualByComparingTo("199.50");
    }

    @Test
    void aMessageIdIsADuplicateForeverWhateverEventItComesBackAs() {
        String ns = "com.quark.browser";
        var open = call("Application Opened", "dup-1", "dan", "2025-03-03T02:00:00Z", ns, Map.of());
        var install = call("Application Installed", "dup-2", "dan", "2025-03-03T01:00:00Z", ns, Map.of());
        assertThat(batch(List.of(open, install))).containsEntry("accepted", 2).containsEntry("duplicates", 0)
                .containsEntry("ignored", 0);
        // The same body again, a repeat inside one body, and a messageId back as another event: all duplicates.
        assertThat(batch(List.of(open, install))).containsEntry("accepted", 0).containsEntry("duplicates", 2);
        var fresh = call("Application Opened", "dup-3", "eve", "2025-03-03T03:00:00Z", ns, Map.of());
        var openAgainAsInstall = call("Application Installed", "dup-1", "dan", "2025-03-03T02:00:00Z", ns, Map.of());
        assertThat(batch(List.of(fresh, fresh, openAgainAsInstall))).containsEntry("accepted", 1)
                .containsEntry("duplicates", 2);
        Map<String, Object> march = api.get("/api/v1/apps/seg/metrics?period=2025-03");
        // The install sent back under dup-1 (the same call's id and time) was not taken.
        assertThat(march).containsEntry("installs", 1).containsEntry("activeUsers", 2).containsEntry("newUsers", 2);
        // The single-call endpoint shares the same messageIds.
        Map<String, Object> single = new LinkedHashMap<>(open);
        single.remove("type");
        assertThat(api.post("/api/v1/segment/track", single)).containsEntry("accepted", 0).containsEntry("duplicates", 1);
    }

    @Test
    void aCallTimedByTheDevicesClockIsTheSameEventWhenItIsRetriedLater() {
        // No timestamp: the time is originalTimestamp corrected by sentAt and the arrival, which a retry changes.
        Map<String, Object> open = call("Application Opened", "late-1", "gus", null, "com.quark.browser", Map.of());
        open.remove("timestamp");
        open.put("originalTimestamp", "2025-03-05T08:10:00Z");
        open.put("sentAt", "2025-03-05T08:10:05Z");
        assertThat(batch(List.of(open))).containsEntry("accepted", 1);
        Map<String, Object> retried = new LinkedHashMap<>(open);
        retried.put("sentAt", "2025-03-05T08:12:05Z");
        assertThat(batch(List.of(retried))).as("the same messageId and originalTimestamp, sent again later")
                .containsEntry("accepted", 0).containsEntry("duplicates", 1);
        Map<String, Object> asInstall = new LinkedHashMap<>(retried);
        asInstall.put("event", "Application Installed");
        assertThat(batch(List.of(asInstall))).as("and back as another event").containsEntry("duplicates", 1);
    }

    @Test
    void callsQuarkHasNoUseForAreAcknowledgedAsIgnoredNeverRefused() {
        List<Map<String, Object>> calls = new ArrayList<>();
        calls.add(Map.of("type", "identify", "userId", "fay", "traits", Map.of("email", "fay@example.com")));
        calls.add(Map.of("type", "screen", "name", "Home", "userId", "fay"));
        calls.add(Map.of("type", "track", "event", "Product Viewed", "properties", Map.of("price", "12.50", "turns", "many")));
        calls.add(Map.of("type", "track", "event", "Application Backgrounded", "messageId", "bg-1"));
        calls.add(call("Application Opened", "ig-1", "fay", "2025-04-02T02:00:00Z", "com.quark.browser", Map.of()));
        assertThat(batch(calls)).containsEntry("accepted", 1).containsEntry("duplicates", 0).containsEntry("ignored", 4);
        assertThat(batch(calls.subList(0, 4))).containsEntry("accepted", 0).containsEntry("ignored", 4);
        assertThat(api.get("/api/v1/apps/seg/metrics?period=2025-04")).containsEntry("activeUsers", 1);
    }

    @Test
    void oneBadCallRejectsTheBodyNamingEveryOffenderAsSegmentNamesItAndStoresNothing() {
        String ns = "com.quark.browser";
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        List<Map<String, Object>> calls = new ArrayList<>();
        calls.add(call("Application Opened", "bad-0", "gus", "2025-05-02T02:00:00Z", ns, Map.of()));          // fine
        calls.add(call("Application Opened", "bad-1", "gus", "2025-05-02T02:00:00Z", "com.nowhere", Map.of()));
        calls.add(call("Application Opened", "bad-2", "gus", future, ns, Map.of()));
        calls.add(call("Application Installed", "bad-3", "gus", "1999-12-31T00:00:00Z", ns, Map.of()));
        calls.add(call("AI Session Ended", "bad-4", "gus", "2025-05-02T02:00:00Z", ns,
                aiSession("no-such-feature", 1, 0, "RESOLVED", null, false, null)));
        calls.add(call("AI Session Ended", "bad-5", "gus", "2025-05-02T02:00:00Z", ns,
                aiSession("ai-camera", -1, 0, "SOLVED", 9, false, "3.00")));
        calls.add(call("Application Opened", "bad-6", "gus", "2025-05-02T02:00:00Z", ns, Map.of("appId", "native")));
        calls.add(Map.of("type", "rocket"));
        Map<String, Object> problem = api.problem(HttpRequest.POST("/api/v1/segment/batch", Map.of("batch", calls)), 400);
        assertThat(itemErrors(problem)).containsExactly("1:context.app.namespace", "2:timestamp", "3:timestamp",
                "4:properties.featureId", "5:properties.turns", "5:properties.outcome", "5:properties.rating",
                "5:properties.conversionValue", "6:properties.appId", "7:type");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
        assertThat(errors.get(0)).containsEntry("id", "bad-1");
        assertThat((String) problem.get("detail")).contains("nothing was stored");
        assertThat(api.get("/api/v1/apps/seg/metrics?period=2025-05")).containsEntry("activeUsers", 0);
        // The good call was not stored either: sent alone now, it is new.
        assertThat(batch(List.of(calls.get(0)))).containsEntry("accepted", 1);
    }

    @Test
    void eventsForAnAppFedByDailyAggregatesAreRefusedOnEitherPath() {
        api.put("/api/v1/apps/big", Map.of("name", "Big", "businessUnit", "taobao", "launchedOn", "2016-06-01",
                "feed", "AGGREGATES", "bundleIds", List.of("com.big")));
        Map<String, Object> viaSegment = api.problem(HttpRequest.POST("/api/v1/segment/batch", Map.of("batch", List.of(
                call("Application Opened", "agg-1", "hal", "2025-05-02T02:00:00Z", "com.big", Map.of())))), 400);
        assertThat(itemErrors(viaSegment)).containsExactly("0:context.app.namespace");
        assertThat(viaSegment.toString()).contains("AGGREGATES");
        Map<String, Object> viaJson = api.problem(HttpRequest.POST("/api/v1/activity/events",
                List.of(event("agg-2", "big", "hal", "2025-05-02T02:00:00Z"))), 400);
        assertThat(itemErrors(viaJson)).containsExactly("0:appId");
        api.problem(HttpRequest.POST("/api/v1/ai-sessions", List.of(session("agg-3", "big", "f", "hal",
                "2025-05-02T02:00:00Z", 1, 0, "RESOLVED", null, false, null))), 400);
    }

    @Test
    void bodiesOfTheWrongShapeOrSizeAreProblems() {
        api.problem(HttpRequest.POST("/api/v1/segment/batch", List.of(Map.of("type", "track"))), 400);
        api.problem(HttpRequest.POST("/api/v1/segment/batch", Map.of("batch", List.of())), 400);
        api.problem(HttpRequest.POST("/api/v1/segment/batch", "{\"batch\": [").contentType("application/json"), 400);
        api.problem(HttpRequest.POST("/api/v1/segment/batch", "{\"batch\": []}}").contentType("application/json"), 400);
        api.problem(HttpRequest.POST("/api/v1/segment/track", List.of()), 400);
        List<Map<String, Object>> big = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            big.add(Map.of("type", "identify", "userId", "u" + i));
        }
        assertThat((String) api.problem(HttpRequest.POST("/api/v1/segment/batch", Map.of("batch", big)), 413)
                .get("detail")).contains("10000");
        assertThat(batch(big.subList(0, 10_000))).containsEntry("ignored", 10_000);
    }

    /** The calls as JSON text, with {@code MARK} replaced: what a client's encoder never writes. */
    private String raw(List<Map<String, Object>> calls, String mark) {
        try {
            return json.writeValueAsString(Map.of("batch", calls)).replace("MARK", mark);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    JsonMapper json;

    private String refusal(String body) {
        return (String) api.problem(HttpRequest.POST("/api/v1/segment/batch", body).contentType("application/json"), 400)
                .get("detail");
    }

    /**
     * Segment bodies are read under the rules of every JSON body: messageIds that differ only in an unpaired
     * surrogate were one '?' on PostgreSQL (calls counted once), U+0000 failed there with 500, a key named twice kept
     * the last, and an amount of 1e999999999 (a number or its text) cost seconds of CPU.
     */
    @Test
    void segmentBodiesAreReadUnderTheRulesOfEveryJsonBody() {
        String ns = "com.quark.browser";
        List<Map<String, Object>> two = List.of(
                call("Application Opened", "pg-s-MARK", "ann", "2023-02-01T01:00:00Z", ns, Map.of()),
                call("Application Opened", "pg-s-\\udc00", "ann", "2023-02-01T01:00:05Z", ns, Map.of()));
        assertThat(refusal(raw(two, "\\ud800").replace("\\\\udc00", "\\udc00"))).startsWith("batch[0].messageId contains the unpaired");
        assertThat(refusal(raw(two.subList(0, 1), "\\u0000"))).startsWith("batch[0].messageId contains the control character U+0000");
        assertThat(refusal(raw(List.of(call("Application Opened", "ok", "annMARK", "2023-02-01T01:00:00Z", ns, Map.of())),
                "\\u0007"))).startsWith("batch[0].userId contains the control character U+0007");
        assertThat(refusal(raw(two.subList(0, 1), "1").replace("\"messageId\"", "\"messageId\":\"x\",\"messageId\"")))
                .contains("The key 'messageId' appears twice");
        for (String value : List.of("1e999999999", "\"1e999999999\"", "\"1E-999999999\"")) {
            Map<String, Object> session = aiSession("ai-camera", 3, 1, "RESOLVED", 5, true, "199.00");
            assertThat(refusal(raw(List.of(call("AI Session Ended", "big", "ann", "2023-02-01T02:00:00Z", ns, session)), "")
                    .replace("199.00", value))).as(value).contains("conversionValue").contains("exponent");
        }
        assertThat(api.get("/api/v1/apps/seg/metrics?period=2023-02")).containsEntry("activeUsers", 0);
    }
}
