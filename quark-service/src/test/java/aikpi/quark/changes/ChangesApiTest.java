package aikpi.quark.changes;

import static aikpi.quark.QuarkApi.event;
import static aikpi.quark.QuarkApi.session;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.feeds.days.DaySketchUpload;
import aikpi.quark.QuarkApi;
import aikpi.testing.MovableClock;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What quark received after a data version, over HTTP. Reporting zone Asia/Shanghai (UTC+8), lateness 48 h. Each
 * test seals (reads the completeness answer's dataVersion) at {@link #SEAL}, 2025-04-10 noon in Shanghai, and keeps
 * to its own month of 2025-Q1, so the tests do not see each other's changes: the days sent again in March, late
 * events in February, the paging in January.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangesApiTest {

    static final Instant SEAL = Instant.parse("2025-04-10T04:00:00Z");

    final MovableClock clock = new MovableClock(SEAL);

    @Inject
    @Client("/")
    HttpClient client;

    QuarkApi api;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @BeforeAll
    void apps() {
        api = new QuarkApi(client.toBlocking());
        api.aggregatesApp("taobao-dp", "taobao");
        api.aggregatesApp("fliggy-dp", "fliggy");
        api.app("shop", "taobao", "2020-01-01");
        api.feature("shop", "chat", "ASSISTANT", "2020-01-01");
        api.put("/api/v1/apps/seg", Map.of("name", "Seg", "businessUnit", "quark", "launchedOn", "2020-01-01",
                "bundleIds", List.of("com.example.seg")));
        api.feature("seg", "chat", "ASSISTANT", "2020-01-01");
    }

    /** The data version a reader takes at {@code at}, as a seal would. */
    private String sealAt(String period, Instant at) {
        clock.set(at);
        return (String) api.get("/api/v1/completeness?period=" + period).get("dataVersion");
    }

    private List<Map<String, Object>> changes(String period, String since) {
        return api.getList("/api/v1/changes?period=" + period + "&since=" + since);
    }

    private void sendDay(String app, String day, String at, String... users) {
        clock.set(at);
        List<String> lines = java.util.Arrays.stream(users).map(u -> "open," + u).toList();
        assertThat(api.putDay(app, day, DaySketchUpload.figures(lines, Set.of(), 12, false).json())).isIn(200, 201);
    }

    private static Map<String, Object> change(String kind, String at, String day, String subject, Integer items,
                                              Integer oldVersion, Integer newVersion, String description) {
        // As answered: every field of the record, null where the kind does not fill it.
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("at", at);
        m.put("day", day);
        m.put("subject", subject);
        m.put("ref", null);
        m.put("items", items);
        m.put("oldVersion", oldVersion);
        m.put("newVersion", newVersion);
        m.put("by", null);
        m.put("sha256", null);
        m.put("description", description);
        return m;
    }

    @Test
    void theCompletenessAnswerCarriesTheDataVersionTakenBeforeItsReads() {
        clock.set(Instant.parse("2025-04-10T04:00:00.123456789Z"));
        assertThat(api.get("/api/v1/completeness?period=2025-Q1"))
                .containsEntry("dataVersion", "2025-04-10T04:00:00.123456Z");
    }

    @Test
    void daysSentAgainOrForTheFirstTimeAfterTheSealAreChangesOfTheirPeriod() {
        // Before the seal: a day sent, and one sent twice. Neither is a change since.
        sendDay("taobao-dp", "2025-03-14", "2025-04-01T02:00:00Z", "ann");
        sendDay("taobao-dp", "2025-03-15", "2025-04-01T02:00:00Z", "ann");
        sendDay("taobao-dp", "2025-03-15", "2025-04-02T02:00:00Z", "ann", "bob");
        String since = sealAt("2025-Q1", SEAL);
        assertThat(since).isEqualTo("2025-04-10T04:00:00Z");
        assertThat(changes("2025-03", since)).isEmpty();

        // After it: 2025-03-14 sent again twice (two replacements, two changes), once more unchanged (no change), and
        // 2025-03-16 sent for the first time.
        sendDay("taobao-dp", "2025-03-14", "2025-04-11T01:00:00Z", "ann", "bob");
        sendDay("taobao-dp", "2025-03-14", "2025-04-11T02:00:00Z", "ann", "bob", "cid");
        sendDay("taobao-dp", "2025-03-14", "2025-04-11T02:30:00Z", "ann", "bob", "cid");
        sendDay("taobao-dp", "2025-03-16", "2025-04-11T03:00:00Z", "ann");
        // A day of another period: not a change of March.
        sendDay("fliggy-dp", "2025-04-01", "2025-04-11T03:00:00Z", "ann");

        List<Map<String, Object>> march = List.of(
                change("DAY_SENT_AGAIN", "2025-04-11T01:00:00Z", "2025-03-14", "taobao-dp", null, 1, 2,
                        "taobao-dp's 2025-03-14 sent again: version 2 replaced version 1"),
                change("DAY_SENT_AGAIN", "2025-04-11T02:00:00Z", "2025-03-14", "taobao-dp", null, 2, 3,
                        "taobao-dp's 2025-03-14 sent again: version 3 replaced version 2"),
                change("DAY_SENT", "2025-04-11T03:00:00Z", "2025-03-16", "taobao-dp", null, null, 1,
                        "taobao-dp's 2025-03-16 sent for the first time (version 1)"));
        assertThat(changes("2025-03", since)).isEqualTo(march);
        // The quarter and the fiscal year that hold March (FY2025: 2024-04 … 2025-03) see the same; April sees its own.
        assertThat(changes("2025-Q1", since)).containsAll(march);
        assertThat(changes("FY2025", since)).containsAll(march);
        assertThat(changes("2025-04", since)).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("kind", "DAY_SENT").containsEntry("subject", "fliggy-dp"));
        // A later version knows only what came after it.
        assertThat(changes("2025-03", "2025-04-11T02:00:00Z")).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("kind", "DAY_SENT"));
    }

    @Test
    void eventsReceivedLateAfterTheSealAreChangesPerRequestStreamAndDay() {
        // Received before the seal, late (its day complete since 2025-02-13 00:00 in Shanghai): not a change since.
        clock.set("2025-04-09T04:00:00Z");
        api.post("/api/v1/activity/events", List.of(event("o-before", "shop", "ann", "2025-02-10T04:00:00Z")));
        String since = sealAt("2025-Q1", SEAL);

        clock.set("2025-04-11T05:00:00Z");
        List<Map<String, Object>> opens = List.of(
                event("o-1", "shop", "ann", "2025-02-11T04:00:00Z"),
                event("o-2", "shop", "bob", "2025-02-11T05:00:00Z"),
                event("o-3", "shop", "bob", "2025-02-12T05:00:00Z"),
                // In time (its day not complete yet): counted, but no change of the figures a seal could hold.
                event("o-4", "shop", "bob", "2025-04-10T05:00:00Z"));
        assertThat(api.post("/api/v1/activity/events", opens)).containsEntry("accepted", 4);
        clock.set("2025-04-11T06:00:00Z");
        api.post("/api/v1/installs", List.of(event("i-1", "shop", "cid", "2025-02-11T04:00:00Z")));
        api.post("/api/v1/ai-sessions", List.of(session("s-1", "shop", "chat", "ann", "2025-02-11T04:10:00Z",
                2, 0, "RESOLVED", null, false, null)));
        // The same opens again: duplicates, nothing received.
        clock.set("2025-04-11T07:00:00Z");
        assertThat(api.post("/api/v1/activity/events", opens)).containsEntry("accepted", 0);
        // Segment calls take the same road.
        clock.set("2025-04-11T08:00:00Z");
        Map<String, Object> batch = Map.of("batch", List.of(Map.of("type", "track", "event", "Application Opened",
                "messageId", "seg-1", "userId", "sue", "timestamp", "2025-02-20T04:00:00Z",
                "context", Map.of("app", Map.of("namespace", "com.example.seg")), "properties", Map.of())));
        assertThat(api.post("/api/v1/segment/batch", batch)).containsEntry("accepted", 1);

        List<Map<String, Object>> february = List.of(
                change("LATE_EVENTS", "2025-04-11T05:00:00Z", "2025-02-11", "ACTIVITY", 2, null, null,
                        "2 app opens of 2025-02-11 received after the day was complete"),
                change("LATE_EVENTS", "2025-04-11T05:00:00Z", "2025-02-12", "ACTIVITY", 1, null, null,
                        "1 app open of 2025-02-12 received after the day was complete"),
                change("LATE_EVENTS", "2025-04-11T06:00:00Z", "2025-02-11", "AI_SESSION", 1, null, null,
                        "1 AI session of 2025-02-11 received after the day was complete"),
                change("LATE_EVENTS", "2025-04-11T06:00:00Z", "2025-02-11", "INSTALL", 1, null, null,
                        "1 install of 2025-02-11 received after the day was complete"),
                change("LATE_EVENTS", "2025-04-11T08:00:00Z", "2025-02-20", "ACTIVITY", 1, null, null,
                        "1 app open of 2025-02-20 received after the day was complete"));
        assertThat(changes("2025-02", since)).isEqualTo(february);
        assertThat(changes("2025-Q1", since)).containsAll(february);
        assertThat(changes("2025-04", since)).filteredOn("kind", "LATE_EVENTS").isEmpty();
        // Completeness counts the same late items by day received: the one before the seal and the five since.
        assertThat(QuarkApi.object(api.get("/api/v1/completeness?period=2025-02").get("lateItems")))
                .containsEntry("total", 7);
    }

    @Test
    void aLongListComesAPageAtATime() {
        clock.set("2025-04-12T01:00:00Z");
        api.post("/api/v1/activity/events", List.of(event("p-1", "shop", "ann", "2025-01-05T04:00:00Z"),
                event("p-2", "shop", "ann", "2025-01-06T04:00:00Z")));
        clock.set("2025-04-12T02:00:00Z");
        api.post("/api/v1/installs", List.of(event("p-3", "shop", "dan", "2025-01-05T04:00:00Z")));
        String uri = "/api/v1/changes?period=2025-01&since=" + SEAL;

        HttpResponse<List<Map<String, Object>>> first = client.toBlocking().exchange(HttpRequest.GET(uri + "&limit=1"),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(first.body()).singleElement().satisfies(c -> assertThat(c).containsEntry("day", "2025-01-05")
                .containsEntry("subject", "ACTIVITY"));
        assertThat(first.getHeaders().get("Link")).startsWith("</api/v1/changes?").contains("cursor=")
                .endsWith("; rel=\"next\"");
        List<Map<String, Object>> all = api.getAllPages(uri, 1);
        assertThat(all).extracting(c -> c.get("at") + " " + c.get("subject") + " " + c.get("day")).containsExactly(
                "2025-04-12T01:00:00Z ACTIVITY 2025-01-05", "2025-04-12T01:00:00Z ACTIVITY 2025-01-06",
                "2025-04-12T02:00:00Z INSTALL 2025-01-05");
        assertThat(api.getAllPages(uri, 2)).isEqualTo(all);
        api.assertPagingParametersChecked(uri, QuarkApi.FOREIGN_CURSOR);
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        clock.set("2025-04-12T03:00:00Z");
        List<Map<String, Object>> before = changes("2025-Q1", "2025-01-01T00:00:00Z");
        for (String query : List.of("period=2025-Q5&since=" + SEAL, "period=nope&since=" + SEAL,
                "period=2025-02-30&since=" + SEAL, "since=" + SEAL)) {
            assertThat(api.problem(HttpRequest.GET("/api/v1/changes?" + query), 400).toString()).contains("period");
        }
        for (String query : List.of("period=2025-Q1&since=yesterday", "period=2025-Q1&since=2025-04-10",
                "period=2025-Q1")) {
            assertThat(api.problem(HttpRequest.GET("/api/v1/changes?" + query), 400).toString()).contains("since");
        }
        // Not begun on 2025-04-12 in Shanghai: 2025-Q3, 2025-05 and FY2026-Q2 (2025-07 … 2025-09).
        for (String period : List.of("2025-Q3", "2025-05", "FY2026-Q2")) {
            assertThat(api.problem(HttpRequest.GET("/api/v1/changes?period=" + period + "&since=" + SEAL), 400)
                    .get("detail").toString()).contains("has not begun");
        }
        assertThat(changes("2025-Q1", "2025-01-01T00:00:00Z")).isEqualTo(before);
        // The period running now has begun: asked, it answers.
        assertThat(changes("2025-Q2", SEAL.toString())).isNotNull();
    }
}
