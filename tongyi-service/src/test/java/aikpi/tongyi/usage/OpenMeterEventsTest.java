package aikpi.tongyi.usage;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.tongyi.TongyiApi;
import aikpi.vocabulary.reporting.ReportingZone;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenMeter's events API ({@code POST /api/v1/events}) fed as OpenMeter's own clients feed it, OpenMeter's and OpenAI's
 * data shapes with counts as numbers or numeric text, and one event in the CloudEvents HTTP binding's binary mode,
 * written by the SDK's own HTTP writer: the same identity, rules and rollups as structured mode. Writes carry an
 * ingest key of the usage stream as the Bearer token, as an OpenMeter client is configured (its URL and its token,
 * nothing else), and are audited under the key; each test has its own customers and key.
 */
@MicronautTest
class OpenMeterEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ReportingZone zone;

    TongyiApi api;

    /** The test's ingest key, as created: id, key, name, streams. */
    Map<String, Object> key;

    @BeforeEach
    void fixtures() {
        api = new TongyiApi(client.toBlocking());
        key = api.post("/api/v1/ingest-keys", Map.of("name", "openmeter client", "streams", List.of("usage")));
        for (String model : List.of("gpt-4o", "gpt-4", "gpt4-turbo", "gpt-3.5-turbo", "qwen-max")) {
            api.model(model, "OpenAI", false, "2024-05-13");
        }
        for (String customer : List.of("customer-1", "user-id", "customer-id", "om-strings", "om-openai", "om-binary",
                "om-json")) {
            api.customer(customer, "EXTERNAL", "2023-06-01");
        }
    }

    /** OpenMeter's example events, each with what tongyi answers it: 204, or 400 and the fields it names. */
    @Test
    void everyOpenMeterExampleEventIsTakenOrRefusedByNameAndCountedOnce() throws IOException {
        JsonNode examples;
        try (InputStream in = getClass().getResourceAsStream("/openmeter/openmeter-example-events.json")) {
            examples = JSON.readTree(in).get("events");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<MutableHttpRequest<byte[]>> requests = new ArrayList<>();
        List<String> froms = new ArrayList<>();
        for (JsonNode example : examples) {
            ObjectNode event = (ObjectNode) example.get("event").deepCopy();
            // What OpenMeter's SDKs fill in when the caller does not: a UUID and the time of sending.
            for (JsonNode runtime : example.get("runtimeFields")) {
                event.put(runtime.asText(), runtime.asText().equals("id") ? UUID.randomUUID().toString() : now.toString());
            }
            String from = example.get("from").asText();
            froms.add(from);
            // The JavaScript SDK sends its event as a one-element batch; the others send one event.
            requests.add(from.contains("javascript") ? events(JSON.writeValueAsBytes(List.of(event)), UsageCloudEvents.BATCH)
                    : events(JSON.writeValueAsBytes(event), UsageCloudEvents.SINGLE));
        }
        List<String> expected = List.of(
                "204",                   // Python README: prompt, {tokens: 100, model, type: input}
                "400 data.type",         // Go README: {tokens: "15", model}, no input or output
                "400 data",              // OpenAPI example: no data
                "400 data.type data.model", // JavaScript SDK test: {tokens: 100} only
                "400 type time data",    // quickstart curl: an API request event, not usage, and no time
                "204",                   // docs quick start: prompt, {tokens: "123456", type: output}
                "204");                  // older PyPI README: OpenAI's prompt_tokens/completion_tokens/total_tokens
        for (int round = 0; round < 2; round++) { // sent again, the accepted ones are acknowledged and not counted again
            for (int i = 0; i < requests.size(); i++) {
                assertThat(answer(requests.get(i))).as(froms.get(i)).isEqualTo(expected.get(i));
            }
        }
        String today = LocalDate.ofInstant(now, zone.zoneId()).toString();
        assertThat(row(today, "customer-1")).isEqualTo("events=1 in=100 out=0");
        assertThat(row(today, "user-id")).isEqualTo("events=1 in=5 out=10");
        assertThat(row("2024-01-01", "customer-1")).isEqualTo("events=1 in=0 out=123456");
        assertThat(row("2023-01-01", "customer-id")).isEqualTo("none");
        // Each write is audited under the key: the three events taken, then acknowledged as duplicates (refusals are
        // counted, not audited).
        assertThat(audited()).allSatisfy(e -> assertThat(e).containsEntry("subject", keySubject())
                        .containsEntry("method", "POST").containsEntry("path", "/api/v1/events"))
                .extracting(e -> e.get("items") + "/" + e.get("accepted") + "/" + e.get("duplicates") + "/" + e.get("outcome"))
                .containsExactlyInAnyOrder("1/1/0/ACCEPTED", "1/1/0/ACCEPTED", "1/1/0/ACCEPTED",
                        "1/0/1/DUPLICATES", "1/0/1/DUPLICATES", "1/0/1/DUPLICATES");
    }

    @Test
    void tokensAsNumericTextAreCountedAndAnythingElseRefusesTheBatch() {
        Instant at = Instant.parse("2023-07-01T00:00:00Z");
        List<Map<String, Object>> good = List.of(openMeter("om-strings", "input", "15", at),
                openMeter("om-strings", "output", "1e3", at), openMeter("om-strings", "input", 7, at));
        assertThat(answer(events(json(good), "application/json"))).isEqualTo("204");
        assertThat(row("2023-07", "om-strings")).isEqualTo("events=3 in=22 out=1000");
        for (Object bad : List.of("fifteen", "15.5", "-3", "", " 15", "0x10", "1e999999999", true)) {
            MutableHttpRequest<byte[]> batch = events(json(List.of(openMeter("om-strings", "input", 1, at),
                    openMeter("om-strings", "input", bad, at))), UsageCloudEvents.BATCH);
            assertThat(answer(batch)).as("tokens %s", bad).isEqualTo("400 data.tokens");
        }
        assertThat(row("2023-07", "om-strings")).isEqualTo("events=3 in=22 out=1000");
    }

    @Test
    void openAisUsageObjectCountsPromptAsInputAndCompletionAsOutputAndItsTotalMustAddUp() {
        Instant at = Instant.parse("2023-08-01T00:00:00Z");
        Map<String, Object> flat = Map.of("model", "gpt-4o", "prompt_tokens", 19, "completion_tokens", 10, "total_tokens", 29);
        Map<String, Object> asAnswered = Map.of("model", "gpt-4o", "object", "chat.completion",
                "usage", Map.of("prompt_tokens", "40", "completion_tokens", 2, "total_tokens", 42));
        Map<String, Object> embedding = Map.of("model", "gpt-4o", "usage", Map.of("prompt_tokens", 8, "total_tokens", 8));
        assertThat(answer(events(json(List.of(event("om-openai", at, flat), event("om-openai", at, asAnswered),
                event("om-openai", at, embedding))), UsageCloudEvents.BATCH))).isEqualTo("204");
        assertThat(row("2023-08", "om-openai")).isEqualTo("events=3 in=67 out=12");

        Map<String, Object> inconsistent = Map.of("model", "gpt-4o", "prompt_tokens", 19, "completion_tokens", 10,
                "total_tokens", 30);
        Map<String, Object> nested = Map.of("model", "gpt-4o", "usage", Map.of("prompt_tokens", 1, "completion_tokens", 1,
                "total_tokens", 3));
        Map<String, Object> noPrompt = Map.of("model", "gpt-4o", "completion_tokens", 10);
        Map<String, Object> problem = api.problem(events(json(List.of(event("om-openai", at, flat), event("om-openai", at,
                inconsistent), event("om-openai", at, nested), event("om-openai", at, noPrompt))), "application/json"), 400);
        assertThat(fields(problem)).containsExactly("1:data.total_tokens", "2:data.usage.total_tokens", "3:data.prompt_tokens");
        assertThat(row("2023-08", "om-openai")).isEqualTo("events=3 in=67 out=12");
    }

    @Test
    void openMetersPathTakesEachOfItsMediaTypesAndRefusesOthers() {
        Instant at = Instant.parse("2023-09-01T00:00:00Z");
        assertThat(answer(events(json(openMeter("om-json", "input", 1, at)), "application/json"))).isEqualTo("204");
        assertThat(answer(events(json(openMeter("om-json", "input", 2, at)), UsageCloudEvents.SINGLE))).isEqualTo("204");
        assertThat(answer(events(json(List.of(openMeter("om-json", "output", 3, at))), UsageCloudEvents.BATCH)))
                .isEqualTo("204");
        assertThat(row("2023-09", "om-json")).isEqualTo("events=3 in=3 out=3");
        // A 204 says nothing of the counts; the audit trail still records them, under the key.
        assertThat(audited()).filteredOn(e -> "/api/v1/events".equals(e.get("path")))
                .extracting(e -> e.get("items") + "/" + e.get("accepted") + "/" + e.get("outcome")).contains("1/1/ACCEPTED");

        api.problem(events(json(openMeter("om-json", "input", 1, at)), "text/plain"), 415);
        api.problem(events("[]".getBytes(StandardCharsets.UTF_8), "application/json"), 400);
        api.problem(events("\"prompt\"".getBytes(StandardCharsets.UTF_8), "application/json"), 400);
        api.problem(events(json(List.of(openMeter("om-json", "input", 1, at))), UsageCloudEvents.SINGLE), 400);
        assertThat(row("2023-09", "om-json")).isEqualTo("events=3 in=3 out=3");
    }

    /**
     * Binary mode as the SDK writes it: counted once whether re-sent or sent again in structured mode (the same
     * source and id), on both paths; an event the binding cannot read is a 400 naming the attribute.
     */
    @Test
    void oneEventInBinaryModeWrittenByTheSdkIsTheSameEventAsInStructuredMode() {
        CloudEvent event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create("//gateway/cn-hangzhou")).withType("prompt").withSubject("om-binary")
                .withTime(OffsetDateTime.of(2023, 10, 2, 8, 0, 0, 0, ZoneOffset.ofHours(8)))
                .withData("application/json", "{\"model\":\"qwen-max\",\"type\":\"input\",\"tokens\":\"250\"}"
                        .getBytes(StandardCharsets.UTF_8)).build();
        MutableHttpRequest<byte[]> binary = written("/api/v1/usage/cloudevents", w -> w.writeBinary(event));
        assertThat(binary.getHeaders().get("ce-id")).isEqualTo(event.getId());
        assertThat(binary.getContentType()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("application/json"));
        assertThat(client.toBlocking().retrieve(binary, Map.class)).containsEntry("accepted", 1).containsEntry("duplicates", 0);
        assertThat(client.toBlocking().retrieve(written("/api/v1/usage/cloudevents", w -> w.writeBinary(event)), Map.class))
                .containsEntry("accepted", 0).containsEntry("duplicates", 1);
        assertThat(client.toBlocking().retrieve(written("/api/v1/usage/cloudevents",
                w -> w.writeStructured(event, JsonFormat.CONTENT_TYPE)), Map.class))
                .containsEntry("accepted", 0).containsEntry("duplicates", 1);
        assertThat(answer(written("/api/v1/events", w -> w.writeBinary(event)))).isEqualTo("204");

        CloudEvent otel = CloudEventBuilder.v1(event).withId(UUID.randomUUID().toString())
                .withType("gen_ai.client.token.usage").withData("application/json", ("{\"gen_ai.request.model\":\"gpt-4\","
                        + "\"gen_ai.response.model\":\"gpt-4o\",\"gen_ai.usage.input_tokens\":52,\"gen_ai.usage.output_tokens\":47}")
                        .getBytes(StandardCharsets.UTF_8)).build();
        assertThat(answer(written("/api/v1/events", w -> w.writeBinary(otel)))).isEqualTo("204");
        assertThat(row("2023-10", "om-binary")).isEqualTo("events=2 in=302 out=47");
        assertThat(audited()).extracting(e -> e.get("path") + " " + e.get("accepted"))
                .contains("/api/v1/usage/cloudevents 1", "/api/v1/events 1");

        MutableHttpRequest<byte[]> noId = written("/api/v1/events", w -> w.writeBinary(CloudEventBuilder.v1(event)
                .withId(UUID.randomUUID().toString()).build()));
        noId.getHeaders().remove("ce-id");
        assertThat(fields(api.problem(noId, 400))).containsExactly("0:id");
        MutableHttpRequest<byte[]> oldVersion = written("/api/v1/usage/cloudevents",
                w -> w.writeBinary(CloudEventBuilder.v1(event).withId(UUID.randomUUID().toString()).build()));
        oldVersion.getHeaders().set("ce-specversion", "0.3");
        assertThat(fields(api.problem(oldVersion, 400))).containsExactly("0:specversion");
        MutableHttpRequest<byte[]> badTime = written("/api/v1/usage/cloudevents",
                w -> w.writeBinary(CloudEventBuilder.v1(event).withId(UUID.randomUUID().toString()).build()));
        badTime.getHeaders().set("ce-time", "yesterday");
        assertThat(fields(api.problem(badTime, 400))).containsExactly("0:time");
        MutableHttpRequest<byte[]> fractional = written("/api/v1/usage/cloudevents", w -> w.writeBinary(CloudEventBuilder
                .v1(event).withId(UUID.randomUUID().toString()).withData("application/json",
                        "{\"model\":\"qwen-max\",\"type\":\"input\",\"tokens\":\"2.5\"}".getBytes(StandardCharsets.UTF_8)).build()));
        assertThat(fields(api.problem(fractional, 400))).containsExactly("0:data.tokens");
        api.problem(HttpRequest.POST("/api/v1/usage/cloudevents", json(openMeter("om-binary", "input", 1,
                Instant.parse("2023-10-03T00:00:00Z")))).contentType("application/json"), 415);
        assertThat(row("2023-10", "om-binary")).isEqualTo("events=2 in=302 out=47");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** A request as the SDK's HTTP writer writes it: its headers and its body. */
    MutableHttpRequest<byte[]> written(String path, Consumer<io.cloudevents.http.impl.HttpMessageWriter> write) {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[][] body = new byte[1][];
        write.accept(HttpMessageFactory.createWriter(headers::put, b -> body[0] = b));
        MutableHttpRequest<byte[]> request = HttpRequest.POST(path, body[0]);
        headers.forEach(request::header);
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + key.get("key"));
    }

    MutableHttpRequest<byte[]> events(byte[] body, String contentType) {
        return HttpRequest.POST("/api/v1/events", body).contentType(contentType)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key.get("key"));
    }

    /** The audit trail's subject for the test's key. */
    String keySubject() {
        return "key:" + key.get("id") + ":" + key.get("name");
    }

    /** The writes the test's key made since yesterday, as the audit trail lists them. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> audited() {
        return (List<Map<String, Object>>) api.get("/api/v1/audit?from=" + LocalDate.now(zone.zoneId()).minusDays(1)
                + "&subject=" + URLEncoder.encode(keySubject(), StandardCharsets.UTF_8)).get("entries");
    }

    static Map<String, Object> event(String subject, Instant at, Object data) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("specversion", "1.0");
        e.put("id", UUID.randomUUID().toString());
        e.put("source", "openmeter-test");
        e.put("type", "prompt");
        e.put("subject", subject);
        e.put("time", at.toString());
        e.put("data", data);
        return e;
    }

    static Map<String, Object> openMeter(String subject, String kind, Object tokens, Instant at) {
        return event(subject, at, Map.of("model", "gpt-4o", "type", kind, "tokens", tokens));
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "204", or "400" and the fields the problem names. */
    String answer(MutableHttpRequest<byte[]> request) {
        try {
            HttpResponse<?> response = client.toBlocking().exchange(request);
            return String.valueOf(response.code());
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
            @SuppressWarnings("unchecked")
            Map<String, Object> problem = e.getResponse().getBody(Map.class).orElse(Map.of());
            StringBuilder s = new StringBuilder(String.valueOf(e.getStatus().getCode()));
            fields(problem).forEach(f -> s.append(' ').append(f.substring(f.indexOf(':') + 1)));
            return s.toString();
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> fields(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.getOrDefault("errors", List.of())).stream()
                .map(e -> e.get("index") + ":" + e.get("field")).toList();
    }

    /** A customer's row of a period's summary, or "none". */
    @SuppressWarnings("unchecked")
    String row(String period, String customer) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) api.get("/api/v1/usage/summary?period=" + period
                + "&groupBy=customer").get("rows");
        return rows.stream().filter(r -> customer.equals(r.get("key"))).findFirst()
                .map(r -> "events=" + r.get("events") + " in=" + r.get("inputTokens") + " out=" + r.get("outputTokens"))
                .orElse("none");
    }
}
