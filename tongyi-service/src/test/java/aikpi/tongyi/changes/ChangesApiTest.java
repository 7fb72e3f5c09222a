package aikpi.tongyi.changes;

import static aikpi.tongyi.TongyiApi.usage;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.testing.MovableClock;
import aikpi.testing.ServiceApi;
import aikpi.tongyi.TongyiApi;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What changed in a period since a data version, on a clock the test moves (days cut in Asia/Shanghai, UTC+8;
 * lateness 48 h): each test has periods of its own.
 */
@MicronautTest
class ChangesApiTest {

    final MovableClock clock = new MovableClock(Instant.parse("2025-06-01T00:00:00Z"));

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
        clock.set("2025-06-01T00:00:00Z");
        api = new TongyiApi(client.toBlocking());
        api.model("qwen-max", "Alibaba", false, "2024-09-19");
        api.customer("acme", "EXTERNAL", "2024-01-10");
    }

    List<Map<String, Object>> changes(String period, String since) {
        return api.getList("/api/v1/changes?period=" + period + "&since=" + since);
    }

    /** A seal-like version: the data version of a completeness answer taken now. */
    String version(String period) {
        return (String) api.get("/api/v1/completeness?period=" + period).get("dataVersion");
    }

    /** A change of late events as answered: what the kind does not fill is null. */
    static Map<String, Object> lateEvents(String at, String day, int items, String description) {
        Map<String, Object> change = new HashMap<>();
        List.of("subject", "ref", "oldVersion", "newVersion", "by", "sha256").forEach(k -> change.put(k, null));
        change.putAll(Map.of("kind", "LATE_EVENTS", "at", at, "day", day, "items", items, "description", description));
        return change;
    }

    @Test
    void lateEventsReceivedAfterTheVersionAreListedByDayOfUseAndReceipt() {
        // Late before the seal: in the sealed figures, so never a change since it.
        assertThat(api.post("/api/v1/usage/events", List.of(usage("q1-before", "acme", "qwen-max",
                "2025-03-14T04:00:00Z", 10, 1)))).containsEntry("accepted", 1);
        clock.set("2025-06-01T12:00:00Z");
        String seal = version("2025-Q1");
        assertThat(seal).isEqualTo("2025-06-01T12:00:00Z");
        assertThat(changes("2025-Q1", seal)).isEmpty();

        clock.set("2025-06-02T08:00:00Z");
        List<Map<String, Object>> batch = List.of(
                usage("q1-a", "acme", "qwen-max", "2025-03-14T04:00:00Z", 10, 1),
                usage("q1-b", "acme", "qwen-max", "2025-03-14T05:00:00Z", 10, 1),
                usage("q1-c", "acme", "qwen-max", "2025-03-14T06:00:00Z", 10, 1),
                usage("q1-d", "acme", "qwen-max", "2025-03-20T04:00:00Z", 10, 1),
                usage("q2-a", "acme", "qwen-max", "2025-04-10T04:00:00Z", 10, 1),
                usage("on-time", "acme", "qwen-max", "2025-06-01T04:00:00Z", 10, 1));
        assertThat(api.post("/api/v1/usage/events", batch)).containsEntry("accepted", 6);
        // Retried the next day: duplicates, no new change.
        clock.set("2025-06-03T00:00:00Z");
        assertThat(api.post("/api/v1/usage/events", batch)).containsEntry("duplicates", 6);
        // A CloudEvent for 14 March (07:00 in Shanghai), received then.
        String event = """
                {"specversion":"1.0","id":"q1-ce","source":"//gateway/hz","type":"tokens","subject":"acme",
                 "time":"2025-03-13T23:00:00Z","datacontenttype":"application/json",
                 "data":{"model":"qwen-max","type":"input","tokens":7}}""";
        client.toBlocking().exchange(HttpRequest.POST("/api/v1/usage/cloudevents", event)
                .contentType("application/cloudevents+json"));

        assertThat(changes("2025-Q1", seal)).containsExactly(
                lateEvents("2025-06-02T08:00:00Z", "2025-03-14", 3,
                        "3 usage events for 2025-03-14 received 2025-06-02T08:00:00Z, after the day was complete"),
                lateEvents("2025-06-02T08:00:00Z", "2025-03-20", 1,
                        "1 usage event for 2025-03-20 received 2025-06-02T08:00:00Z, after the day was complete"),
                lateEvents("2025-06-03T00:00:00Z", "2025-03-14", 1,
                        "1 usage event for 2025-03-14 received 2025-06-03T00:00:00Z, after the day was complete"));
        // Strictly after: a version taken at a receipt does not list it; one before the first late event lists it too.
        assertThat(changes("2025-Q1", "2025-06-02T08:00:00Z")).extracting(c -> c.get("at"))
                .containsExactly("2025-06-03T00:00:00Z");
        assertThat(changes("2025-Q1", "2025-05-31T00:00:00Z")).hasSize(4).first()
                .satisfies(c -> assertThat(c).containsEntry("at", "2025-06-01T00:00:00Z").containsEntry("items", 1));
        // Scoped to the period: a month, a day, the next quarter, a fiscal year (FY2026: 2025-04 … 2026-03).
        assertThat(changes("2025-03", seal)).hasSize(3);
        assertThat(changes("2025-03-20", seal)).extracting(c -> c.get("items")).containsExactly(1);
        assertThat(changes("2025-Q2", seal)).extracting(c -> c.get("day")).containsExactly("2025-04-10");
        assertThat(changes("FY2026", seal)).extracting(c -> c.get("day")).containsExactly("2025-04-10");
        assertThat(changes("2025-02", seal)).isEmpty();
    }

    @Test
    void theChangesComeAPageAtATime() {
        clock.set("2025-01-10T00:00:00Z");
        String since = version("2024-Q4");
        for (int day = 1; day <= 3; day++) {
            clock.set(Instant.parse("2025-01-10T00:00:00Z").plusSeconds(3600L * day));
            api.post("/api/v1/usage/events", List.of(usage("q4-" + day, "acme", "qwen-max",
                    "2024-11-0" + day + "T04:00:00Z", 5, 5)));
        }
        String uri = "/api/v1/changes?period=2024-Q4&since=" + since;
        HttpResponse<List<Map<String, Object>>> first = client.toBlocking().exchange(HttpRequest.GET(uri + "&limit=1"),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(first.body()).singleElement().satisfies(c -> assertThat(c).containsEntry("day", "2024-11-01"));
        String link = first.getHeaders().get("Link");
        assertThat(link).contains("period=2024-Q4").contains("since=").contains("limit=1").contains("cursor=")
                .endsWith("; rel=\"next\"");
        String next = link.substring(1, link.indexOf('>'));
        assertThat(api.getList(next)).singleElement().satisfies(c -> assertThat(c).containsEntry("day", "2024-11-02"));
        assertThat(api.getAllPages(uri, 1)).extracting(c -> c.get("day"))
                .containsExactly("2024-11-01", "2024-11-02", "2024-11-03").isNotEmpty();
        assertThat(api.getAllPages(uri, 2)).isEqualTo(api.getList(uri));
        api.assertPagingParametersChecked(uri, ServiceApi.FOREIGN_CURSOR);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        clock.set("2025-06-10T00:00:00Z");
        api.post("/api/v1/usage/events", List.of(usage("q3-late", "acme", "qwen-max", "2024-08-01T04:00:00Z", 5, 5)));
        List<Map<String, Object>> before = changes("2024-08", "2025-06-01T00:00:00Z");
        assertThat(before).hasSize(1);
        assertThat(api.problem(HttpRequest.GET("/api/v1/changes?period=2025-Q3&since=2025-06-01T00:00:00Z"), 400)
                .get("detail").toString()).contains("has not begun");
        api.problem(HttpRequest.GET("/api/v1/changes?period=2025-13&since=2025-06-01T00:00:00Z"), 400);
        api.problem(HttpRequest.GET("/api/v1/changes?since=2025-06-01T00:00:00Z"), 400);
        assertThat(api.problem(HttpRequest.GET("/api/v1/changes?period=2024-08&since=yesterday"), 400)
                .get("detail").toString()).contains("since");
        api.problem(HttpRequest.GET("/api/v1/changes?period=2024-08&since=2025-06-01"), 400);
        api.problem(HttpRequest.GET("/api/v1/changes?period=2024-08"), 400);
        assertThat(changes("2024-08", "2025-06-01T00:00:00Z")).isEqualTo(before);
        assertThat(api.get("/api/v1/completeness?period=2024-08")).containsEntry("final", true);
    }
}
