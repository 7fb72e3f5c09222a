package aikpi.tongyi.completeness;

import static aikpi.tongyi.TongyiApi.usage;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.testing.MovableClock;
import aikpi.tongyi.TongyiApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How complete a period's usage is, on a clock the test moves (days cut in Asia/Shanghai, UTC+8; lateness 48 h): each
 * test has periods of its own, so the late events of one are not counted in another.
 */
@MicronautTest
class CompletenessApiTest {

    final MovableClock clock = new MovableClock(Instant.parse("2025-06-10T00:00:00Z"));

    @Inject
    @Client("/")
    HttpClient client;

    TongyiApi api;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @BeforeEach
    void fixtures() {
        clock.set("2025-06-10T00:00:00Z"); // 08:00 on 10 June in Shanghai
        api = new TongyiApi(client.toBlocking());
        api.model("qwen-max", "Alibaba", false, "2024-09-19");
        api.customer("acme", "EXTERNAL", "2024-01-10");
    }

    Map<String, Object> completeness(String period) {
        return api.get("/api/v1/completeness?period=" + period);
    }

    @Test
    void aPeriodLongPastIsFinal() {
        assertThat(completeness("2025-Q1")).containsEntry("period", "2025-Q1").containsEntry("from", "2025-01-01")
                .containsEntry("to", "2025-03-31").containsEntry("zone", "Asia/Shanghai")
                .containsEntry("dataThrough", "2025-03-31").containsEntry("final", true)
                .containsEntry("lateItems", Map.of("total", 0, "byDayReceived", List.of()))
                .containsEntry("dataVersion", "2025-06-10T00:00:00Z");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRunningPeriodIsCompleteUpToTheLastDayItsLatenessHasPassed() {
        // 48 h before now is 8 June, 08:00 in Shanghai: 7 June is the last day that ended that long ago.
        Map<String, Object> quarter = completeness("2025-Q2");
        assertThat(quarter).containsEntry("dataThrough", "2025-06-07").containsEntry("final", false);
        assertThat((List<String>) quarter.get("notes")).anyMatch(n -> n.contains("2025-06-08 is complete at 2025-06-10T16:00:00Z"));
        assertThat(completeness("2025-06-10")).containsEntry("dataThrough", null).containsEntry("final", false);
        // The last moment 8 June is not complete, and the first it is.
        clock.set("2025-06-10T15:59:59Z");
        assertThat(completeness("2025-06-08")).containsEntry("dataThrough", null).containsEntry("final", false);
        clock.set("2025-06-10T16:00:00Z");
        assertThat(completeness("2025-06-08")).containsEntry("dataThrough", "2025-06-08").containsEntry("final", true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEventForACompleteDayIsAcceptedAndCountedLateOnTheDayItWasReceivedOnce() {
        // 3 May (Shanghai) is complete at 6 May 00:00 Shanghai (5 May 16:00 UTC).
        clock.set("2025-05-06T04:00:00Z");
        List<Map<String, Object>> batch = List.of(
                usage("late-1", "acme", "qwen-max", "2025-05-03T04:00:00Z", 100, 10),
                usage("on-time-1", "acme", "qwen-max", "2025-05-05T04:00:00Z", 50, 5));
        assertThat(api.post("/api/v1/usage/events", batch)).containsEntry("accepted", 2).containsEntry("duplicates", 0);
        // The sender retries the batch: acknowledged, counted once, and not late twice.
        clock.set("2025-05-07T04:00:00Z");
        assertThat(api.post("/api/v1/usage/events", batch)).containsEntry("accepted", 0).containsEntry("duplicates", 2);
        // A CloudEvent two days later for 2 May, received on 8 May: late too.
        clock.set("2025-05-08T04:00:00Z");
        String event = """
                {"specversion":"1.0","id":"late-ce","source":"//gateway/hz","type":"tokens","subject":"acme",
                 "time":"2025-05-02T01:00:00Z","datacontenttype":"application/json",
                 "data":{"model":"qwen-max","type":"input","tokens":7}}""";
        assertThat(client.toBlocking().retrieve(HttpRequest.POST("/api/v1/usage/cloudevents", event)
                .contentType("application/cloudevents+json"), Map.class)).containsEntry("accepted", 1);
        // The same day, through OpenMeter's events API and an OTLP span ending 2 May 01:00 UTC.
        assertThat(client.toBlocking().exchange(HttpRequest.POST("/api/v1/events", event.replace("late-ce", "late-om"))
                .contentType("application/cloudevents+json")).getStatus().getCode()).isEqualTo(204);
        long end = Instant.parse("2025-05-02T01:00:00Z").toEpochMilli() * 1_000_000L;
        String spans = """
                {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0af7651916cd43dd8448eb211c80319c",
                 "spanId":"b7ad6b7169203331","name":"chat qwen-max","startTimeUnixNano":"%d","endTimeUnixNano":"%d",
                 "attributes":[{"key":"gen_ai.request.model","value":{"stringValue":"qwen-max"}},
                  {"key":"enduser.id","value":{"stringValue":"acme"}},
                  {"key":"gen_ai.usage.input_tokens","value":{"intValue":"9"}}]}]}]}]}""".formatted(end - 1_000_000_000L, end);
        client.toBlocking().exchange(HttpRequest.POST("/v1/traces", spans).contentType("application/json"));

        clock.set("2025-06-10T00:00:00Z");
        Map<String, Object> may = completeness("2025-05");
        assertThat(may).containsEntry("dataThrough", "2025-05-31").containsEntry("final", true)
                .containsEntry("lateItems", Map.of("total", 4, "byDayReceived", List.of(
                        Map.of("day", "2025-05-06", "items", 1), Map.of("day", "2025-05-08", "items", 3))));
        assertThat((List<String>) may.get("notes")).anyMatch(n -> n.startsWith("4 events for the period arrived after"));
        // Late, and in the figures.
        List<?> rows = (List<?>) api.get("/api/v1/usage/summary?period=2025-05").get("rows");
        assertThat((Map<String, Object>) rows.get(0)).containsEntry("events", 5);
        // Counted for the days they were for: 3 May's.
        assertThat(completeness("2025-05-03")).containsEntry("lateItems",
                Map.of("total", 1, "byDayReceived", List.of(Map.of("day", "2025-05-06", "items", 1))));
    }

    @Test
    void aPeriodNotBegunOrMalformedIsAProblem() {
        assertThat(api.problem(HttpRequest.GET("/api/v1/completeness?period=2025-Q3"), 400).get("detail").toString())
                .contains("has not begun");
        api.problem(HttpRequest.GET("/api/v1/completeness?period=2025-13"), 400);
        api.problem(HttpRequest.GET("/api/v1/completeness?period=2025-Q5"), 400);
        api.problem(HttpRequest.GET("/api/v1/completeness"), 400);
    }
}
