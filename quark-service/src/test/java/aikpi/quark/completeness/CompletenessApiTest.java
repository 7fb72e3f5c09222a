package aikpi.quark.completeness;

import static aikpi.quark.QuarkApi.event;
import static aikpi.quark.QuarkApi.session;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.feeds.days.DaySketchUpload;
import aikpi.quark.QuarkApi;
import aikpi.testing.MovableClock;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * How complete quark's data is for a period, over HTTP. Reporting zone Asia/Shanghai (UTC+8), lateness 48 h; unless a
 * test moves it, now is 2025-04-10T04:00Z (noon in Shanghai), so every day through 2025-04-07 is complete for events.
 * Apps fed by daily aggregates {@code dp} and {@code full} were launched on 2025-02-01; {@code full} sent every day
 * of February and March, {@code dp} all but 2025-03-30 and 2025-03-31.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompletenessApiTest {

    static final Instant NOW = Instant.parse("2025-04-10T04:00:00Z");

    final MovableClock clock = new MovableClock(NOW);

    @Inject
    @Client("/")
    HttpClient client;

    QuarkApi api;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    private void sendDays(String app, LocalDate first, LocalDate last) {
        String body = DaySketchUpload.figures(List.of("open,u-" + app), Set.of(), 12, false).json();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            assertThat(api.putDay(app, d.toString(), body)).isIn(200, 201);
        }
    }

    @BeforeAll
    void dataSet() {
        api = new QuarkApi(client.toBlocking());
        for (String app : List.of("dp", "full")) {
            api.put("/api/v1/apps/" + app, Map.of("name", app, "businessUnit", "taobao", "launchedOn", "2025-02-01",
                    "feed", "AGGREGATES"));
        }
        sendDays("full", LocalDate.parse("2025-02-01"), LocalDate.parse("2025-03-31"));
        sendDays("dp", LocalDate.parse("2025-02-01"), LocalDate.parse("2025-03-29"));
        api.app("shop", "taobao", "2020-01-01");
        api.feature("shop", "chat", "ASSISTANT", "2020-01-01");
        api.put("/api/v1/apps/seg", Map.of("name", "Seg", "businessUnit", "quark", "launchedOn", "2020-01-01",
                "bundleIds", List.of("com.example.seg")));
        api.feature("seg", "chat", "ASSISTANT", "2020-01-01");
    }

    @BeforeEach
    void now() {
        clock.set(NOW);
    }

    private Map<String, Object> completeness(String period) {
        return api.get("/api/v1/completeness?period=" + period);
    }

    private static Map<String, Object> lateItems(Map<String, Object> answer) {
        return QuarkApi.object(answer.get("lateItems"));
    }

    private static Map<String, Object> received(String day, int items) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("day", day);
        m.put("items", items);
        return m;
    }

    @Test
    void aLongPastPeriodIsFinalWhenEveryAppFedByAggregatesSentEveryDay() {
        Map<String, Object> february = completeness("2025-02");
        assertThat(february).containsEntry("period", "2025-02").containsEntry("from", "2025-02-01")
                .containsEntry("to", "2025-02-28").containsEntry("zone", "Asia/Shanghai")
                .containsEntry("dataThrough", "2025-02-28").containsEntry("final", true)
                .containsEntry("missing", List.of());
        assertThat(lateItems(february)).containsEntry("total", 0).containsEntry("byDayReceived", List.of());
        assertThat((List<?>) february.get("notes")).isNotEmpty();
        // Before the apps' launch nothing is expected of them.
        assertThat(completeness("2025-01")).containsEntry("dataThrough", "2025-01-31").containsEntry("final", true);
    }

    @Test
    void aPeriodWithDaysNotSentIsCompleteUpToTheFirstOfThemAndListsThem() {
        Map<String, Object> q1 = completeness("2025-Q1");
        assertThat(q1).containsEntry("from", "2025-01-01").containsEntry("to", "2025-03-31")
                .containsEntry("dataThrough", "2025-03-29").containsEntry("final", false)
                .containsEntry("missing", List.of(Map.of("appId", "dp", "days", List.of("2025-03-30", "2025-03-31"))));

        // April has not ended: its first day is not sent, and only the ended days are listed as missing.
        Map<String, Object> april = completeness("2025-04");
        assertThat(april).containsEntry("dataThrough", null).containsEntry("final", false);
        List<String> ended = LocalDate.parse("2025-04-01").datesUntil(LocalDate.parse("2025-04-10"))
                .map(LocalDate::toString).toList();
        assertThat(april).containsEntry("missing", List.of(Map.of("appId", "dp", "days", ended),
                Map.of("appId", "full", "days", ended)));
    }

    @Test
    void aDayOfEventsIsCompleteTheLatenessAfterItEnds() {
        // 2025-01-20 12:00 in Shanghai: Jan 17 ended 2025-01-18 00:00, 48 h before 2025-01-20 00:00.
        clock.set(Instant.parse("2025-01-19T16:00:00Z"));
        assertThat(completeness("2025-01")).containsEntry("dataThrough", "2025-01-17").containsEntry("final", false);
        clock.set(Instant.parse("2025-01-19T15:59:59Z"));
        assertThat(completeness("2025-01")).containsEntry("dataThrough", "2025-01-16");
        clock.set(Instant.parse("2024-12-31T00:00:00Z"));
        assertThat(completeness("2025-01")).containsEntry("dataThrough", null).containsEntry("final", false);
    }

    @Test
    void anEventForACompleteDayIsAcceptedAndCountedLateOnTheDayReceivedOnce() {
        List<Map<String, Object>> opens = List.of(
                event("late-o1", "shop", "ann", "2025-01-15T04:00:00Z"),
                // The last instant of 2025-04-07 in Shanghai: complete since 2025-04-10 00:00 there, so late.
                event("late-o2", "shop", "ann", "2025-04-07T15:59:59Z"),
                // The first of 2025-04-08: complete only from 2025-04-11 00:00.
                event("late-o3", "shop", "ann", "2025-04-07T16:00:00Z"));
        assertThat(api.post("/api/v1/activity/events", opens)).containsEntry("accepted", 3);
        api.post("/api/v1/installs", List.of(event("late-i1", "shop", "bob", "2025-01-20T04:00:00Z")));
        api.post("/api/v1/ai-sessions", List.of(session("late-s1", "shop", "chat", "ann", "2025-01-25T04:00:00Z",
                2, 0, "RESOLVED", null, false, null)));

        assertThat(lateItems(completeness("2025-01"))).containsEntry("total", 3)
                .containsEntry("byDayReceived", List.of(received("2025-04-10", 3)));
        assertThat(lateItems(completeness("2025-04"))).containsEntry("total", 1)
                .containsEntry("byDayReceived", List.of(received("2025-04-10", 1)));
        // The figures count the late events as any other.
        assertThat(QuarkApi.object(api.metrics("shop", "2025-01").get("volume")).get("aiSessions")).isEqualTo(1);

        // Two days later: the same batch again counts nothing twice; a new late event counts on its own day.
        clock.set(Instant.parse("2025-04-12T04:00:00Z"));
        assertThat(api.post("/api/v1/activity/events", opens)).containsEntry("accepted", 0).containsEntry("duplicates", 3);
        api.post("/api/v1/activity/events", List.of(event("late-o4", "shop", "cid", "2025-01-16T04:00:00Z")));
        assertThat(lateItems(completeness("2025-01"))).containsEntry("total", 4)
                .containsEntry("byDayReceived", List.of(received("2025-04-10", 3), received("2025-04-12", 1)));
    }

    @Test
    void segmentCallsForACompleteDayAreCountedLateTheSame() {
        Map<String, Object> batch = Map.of("batch", List.of(
                segment("Application Opened", "seg-m1", "2025-03-10T04:00:00Z", Map.of()),
                segment("AI Session Ended", "seg-m2", "2025-03-11T04:00:00Z", Map.of("featureId", "chat", "turns", 2,
                        "agentCalls", 0, "outcome", "RESOLVED", "converted", false))));
        assertThat(api.post("/api/v1/segment/batch", batch)).containsEntry("accepted", 2);
        assertThat(api.post("/api/v1/segment/batch", batch)).containsEntry("accepted", 0);
        assertThat(lateItems(completeness("2025-03"))).containsEntry("total", 2)
                .containsEntry("byDayReceived", List.of(received("2025-04-10", 2)));
    }

    private static Map<String, Object> segment(String event, String messageId, String timestamp,
                                               Map<String, Object> properties) {
        return Map.of("type", "track", "event", event, "messageId", messageId, "userId", "sue", "timestamp", timestamp,
                "context", Map.of("app", Map.of("namespace", "com.example.seg")), "properties", properties);
    }

    @Test
    void aMalformedOrUnknownPeriodIsRefused() {
        for (String period : List.of("2025-Q5", "nope", "2025-02-30", "")) {
            Map<String, Object> problem = api.problem(HttpRequest.GET("/api/v1/completeness?period=" + period), 400);
            assertThat(problem.toString()).contains("period");
        }
    }
}
