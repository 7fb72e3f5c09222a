package aikpi.tongyi.usage;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.tongyi.TongyiApi;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Usage as CloudEvents 1.0 over HTTP, in both data shapes (OpenMeter's LLM metering example and OpenTelemetry's GenAI
 * attributes); (source, id) identity; the same rollups as the JSON batch path; bad events named by index, nothing
 * stored. Every test uses its own month.
 */
@MicronautTest
class UsageCloudEventsTest {

    @Inject
    @Client("/")
    HttpClient client;

    TongyiApi api;

    @BeforeEach
    void fixtures() {
        api = new TongyiApi(client.toBlocking());
        api.model("qwen-max", "Alibaba", false, "2024-09-19");
        api.model("qwen-plus", "Alibaba", false, "2024-09-19");
        api.customer("ce-acme", "EXTERNAL", "2025-01-10");
    }

    static Map<String, Object> event(String source, String id, String type, String subject, String time, Object data) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("specversion", "1.0");
        e.put("id", id);
        e.put("source", source);
        e.put("type", type);
        e.put("subject", subject);
        e.put("time", time);
        e.put("datacontenttype", "application/json");
        e.put("data", data);
        return e;
    }

    static Map<String, Object> openMeter(String id, String kind, long tokens, String time) {
        return event("//gateway/cn-hangzhou", id, "tokens", "ce-acme", time,
                Map.of("model", "qwen-max", "type", kind, "tokens", tokens));
    }

    static MutableHttpRequest<byte[]> batch(Object events) {
        return post(events, "application/cloudevents-batch+json");
    }

    /** The events as JSON bytes (the client has no encoder for the CloudEvents media types). */
    static MutableHttpRequest<byte[]> post(Object body, String contentType) {
        try {
            return HttpRequest.POST("/api/v1/usage/cloudevents", new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsBytes(body)).contentType(contentType);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> send(MutableHttpRequest<?> request) {
        return client.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> total(String period) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) api.get("/api/v1/usage/summary?period=" + period
                + "&groupBy=customer").get("rows");
        return rows.stream().filter(r -> "ce-acme".equals(r.get("key"))).findFirst().orElse(Map.of());
    }

    @Test
    void oneEventPerTokenKindInOpenMetersShapeFeedsTheSameRollupsAsTheJsonPath() {
        Map<String, Object> single = openMeter("om-1", "input", 1200, "2025-04-02T03:00:00Z");
        assertThat(send(post(single, "application/cloudevents+json"))).containsEntry("accepted", 1).containsEntry("duplicates", 0);
        assertThat(send(batch(List.of(openMeter("om-2", "output", 300, "2025-04-02T03:00:01Z"), single))))
                .containsEntry("accepted", 1).containsEntry("duplicates", 1);
        api.post("/api/v1/usage/events", List.of(TongyiApi.usage("json-1", "ce-acme", "qwen-max", "2025-04-03T03:00:00Z", 10, 5)));
        assertThat(total("2025-04")).containsEntry("events", 3).containsEntry("inputTokens", 1210)
                .containsEntry("outputTokens", 305);
    }

    @Test
    void theOpenTelemetryShapeCountsTheResponseModelAndSourceAndIdIdentifyAnEvent() {
        Map<String, Object> otel = event("//gateway/cn-beijing", "span-1", "gen_ai.client.token.usage", "ce-acme",
                "2025-05-06T01:00:00+08:00", Map.of("gen_ai.request.model", "qwen-max", "gen_ai.response.model", "qwen-plus",
                        "gen_ai.usage.input_tokens", 70, "gen_ai.usage.output_tokens", 30));
        Map<String, Object> sameIdOtherSource = new LinkedHashMap<>(otel);
        sameIdOtherSource.put("source", "//gateway/cn-shanghai");
        assertThat(send(batch(List.of(otel, sameIdOtherSource, otel)))).containsEntry("accepted", 2).containsEntry("duplicates", 1);
        assertThat(send(batch(List.of(otel)))).containsEntry("accepted", 0).containsEntry("duplicates", 1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> byModel = (List<Map<String, Object>>) api.get("/api/v1/usage/summary?period=2025-05&groupBy=model").get("rows");
        assertThat(byModel).extracting(r -> r.get("key") + "=" + r.get("totalTokens")).containsExactly("qwen-plus=200");
    }

    @Test
    @SuppressWarnings("unchecked")
    void badEventsAreNamedByIndexAndNothingOfTheBatchIsStored() {
        String future = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Object> noVersion = openMeter("b-0", "input", 1, "2025-06-01T00:00:00Z");
        noVersion.remove("specversion");
        Map<String, Object> oldVersion = openMeter("b-1", "input", 1, "2025-06-01T00:00:00Z");
        oldVersion.put("specversion", "0.3");
        Map<String, Object> unknownCustomer = openMeter("b-2", "input", 1, "2025-06-01T00:00:00Z");
        unknownCustomer.put("subject", "nobody");
        Map<String, Object> unknownModel = event("//g", "b-3", "tokens", "ce-acme", "2025-06-01T00:00:00Z",
                Map.of("model", "gpt-9", "type", "input", "tokens", 1));
        Map<String, Object> negative = openMeter("b-4", "input", -5, "2025-06-01T00:00:00Z");
        Map<String, Object> fractional = event("//g", "b-5", "tokens", "ce-acme", "2025-06-01T00:00:00Z",
                Map.of("model", "qwen-max", "type", "input", "tokens", 1.5));
        Map<String, Object> badTime = openMeter("b-6", "input", 1, "June 1st");
        Map<String, Object> ahead = openMeter("b-7", "input", 1, future);
        Map<String, Object> unknownType = openMeter("b-8", "input", 1, "2025-06-01T00:00:00Z");
        unknownType.put("type", "com.example.page.view");
        Map<String, Object> good = openMeter("b-9", "input", 1, "2025-06-01T00:00:00Z");
        Map<String, Object> problem = api.problem(batch(List.of(noVersion, oldVersion, unknownCustomer, unknownModel,
                negative, fractional, badTime, ahead, unknownType, good)), 400);
        List<String> offenders = ((List<Map<String, Object>>) problem.get("errors")).stream()
                .map(e -> e.get("index") + ":" + e.get("field")).toList();
        assertThat(offenders).containsExactly("0:specversion", "1:specversion", "2:subject", "3:data.model",
                "4:data.tokens", "5:data.tokens", "6:time", "7:time", "8:type");
        assertThat(total("2025-06")).isEmpty();
        api.problem(HttpRequest.POST("/api/v1/usage/cloudevents", "{\"specversion\":".getBytes())
                .contentType("application/cloudevents+json"), 400);
        api.problem(post(List.of(good), "application/cloudevents+json"), 400);
        api.problem(post(List.of(good), "application/json"), 415);
    }

    /** The SDK reads events straight from the body; a value it cannot take, or no object at all, is named by index. */
    @Test
    @SuppressWarnings("unchecked")
    void valuesThatAreNoEventAreNamedByIndexBesideGoodEvents() {
        String good = rawEvent("v-0", "1");
        Map<String, Object> problem = api.problem(raw(("[" + good + ",1,null,[" + good + "],"
                + good.replace("\"1.0\"", "\"2.0\"").replace("v-0", "v-4") + "," + good.replace("\"//g\"", "7")
                .replace("v-0", "v-5") + "]").getBytes(java.nio.charset.StandardCharsets.UTF_8)), 400);
        assertThat(((List<Map<String, Object>>) problem.get("errors")).stream()
                .map(e -> e.get("index") + ":" + e.get("field") + ":" + e.get("message")).toList()).containsExactly(
                "1:specversion:must be \"1.0\" (was absent)", "2:specversion:must be \"1.0\" (was absent)",
                "3:specversion:must be \"1.0\" (was absent)", "4:specversion:must be \"1.0\" (was \"2.0\")",
                "5:source:is not a valid CloudEvent: Wrong type NUMBER for attribute source, expecting STRING");
        assertThat(total("2023-06")).isEmpty();
    }

    /** A raw CloudEvents body: the test writes what a client's encoder never would. */
    static MutableHttpRequest<byte[]> raw(byte[] body) {
        return HttpRequest.POST("/api/v1/usage/cloudevents", body).contentType("application/cloudevents-batch+json");
    }

    static String rawEvent(String id, String tokens) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"//g\",\"type\":\"tokens\","
                + "\"subject\":\"ce-acme\",\"time\":\"2023-06-01T00:00:00Z\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"model\":\"qwen-max\",\"type\":\"input\",\"tokens\":" + tokens + "}}";
    }

    /**
     * CloudEvents are read under the rules of every JSON body: ids that differ only in an unpaired surrogate hashed
     * alike (two events counted as one), a key named twice kept the last, 1e999999999 tokens and bytes that are not
     * UTF-8 were read.
     */
    @Test
    void cloudEventsAreReadUnderTheRulesOfEveryJsonBody() {
        for (String[] c : new String[][] {
            {"[" + rawEvent("pg-s-\\ud800", "1") + "," + rawEvent("pg-s-\\udc00", "1") + "]", "[0].id contains the unpaired"},
            {"[" + rawEvent("pg-n-\\u0000", "1") + "]", "[0].id contains the control character U+0000"},
            {"[" + rawEvent("ok", "1").replace("\"id\":", "\"id\":\"first\",\"id\":") + "]", "The key 'id' appears twice"},
            {"[" + rawEvent("big", "1e999999999") + "]", "[0].data.tokens has an exponent"},
            {"[" + rawEvent("ok", "1").replace("qwen-max", "qwen-max\\u001b") + "]", "[0].data.model contains"}}) {
            assertThat((String) api.problem(raw(c[0].getBytes(java.nio.charset.StandardCharsets.UTF_8)), 400).get("detail"))
                    .as(c[0]).contains(c[1]);
        }
        byte[] overlong = ("[" + rawEvent("o-XX", "1") + "]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = new String(overlong, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("XX");
        overlong[at] = (byte) 0xC0;
        overlong[at + 1] = (byte) 0xAF;
        assertThat((String) api.problem(raw(overlong), 400).get("detail")).contains("not valid UTF-8");
        assertThat(total("2023-06")).isEmpty();
    }

    @Inject
    UsageCloudEvents cloudEvents;

    /** Attributes read by the SDK from Kafka headers (binary mode) meet the same text rule. */
    @Test
    void attributesFromKafkaHeadersMeetTheTextRule() {
        io.cloudevents.CloudEvent event = io.cloudevents.core.builder.CloudEventBuilder.v1().withId("pg-s-\ud800")
                .withSource(java.net.URI.create("//g")).withType("tokens").withSubject("ce-acme\u0000")
                .withTime(java.time.OffsetDateTime.parse("2023-06-01T00:00:00Z"))
                .withData("application/json", "{\"model\":\"qwen-max\",\"type\":\"input\",\"tokens\":1e999999999}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();
        aikpi.platform.problem.BatchErrors errors = new aikpi.platform.problem.BatchErrors();
        cloudEvents.request(0, event.getId(), event, errors);
        assertThat(errors.errors()).extracting(e -> e.field() + ": " + e.message()).anySatisfy(m -> assertThat(m)
                .startsWith("id: contains the unpaired surrogate U+D800")).anySatisfy(m -> assertThat(m)
                .startsWith("subject: contains the control character U+0000")).anySatisfy(m -> assertThat(m)
                .startsWith("data: tokens has an exponent"));
    }
}
