package aikpi.tongyi.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import aikpi.security.Roles;
import aikpi.testing.Gzip;
import aikpi.testing.TestCallerFilter;
import aikpi.testing.TestTokens;
import aikpi.tongyi.TongyiApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.rpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry spans into {@code POST /v1/traces}, exported by the OpenTelemetry Java SDK's own OTLP/HTTP exporter
 * (binary protobuf, gzip or not) and written in OTLP/JSON by the SDK's own marshaler: GenAI usage counted exactly and
 * once, spans without usage ignored, spans the rules refuse told as OTLP's partial success, bad bodies 400 with a
 * {@code google.rpc.Status}. Every test uses its own month.
 */
@MicronautTest(transactional = false)
class OtlpTracesTest {

    private static final AttributeKey<String> CUSTOMER = AttributeKey.stringKey("enduser.id");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    EmbeddedServer server;

    @Inject
    TestTokens tokens;

    @Inject
    MeterRegistry registry;

    TongyiApi api;

    @BeforeEach
    void fixtures() {
        api = new TongyiApi(client.toBlocking());
        api.model("qwen-max", "Alibaba", false, "2024-09-19");
        api.model("qwen-plus", "Alibaba", false, "2024-09-19");
        api.model("gpt-4-0613", "OpenAI", false, "2023-06-13");
        api.customer("otlp-acme", "EXTERNAL", "2025-01-10");
        api.customer("otlp-beta", "EXTERNAL", "2025-01-10");
    }

    @Test
    void theSdksExporterDeliversGenAiUsageOnceHoweverOftenItIsSent() {
        Instant end = Instant.parse("2025-04-03T04:05:06.123456789Z");
        List<SpanData> kept = new ArrayList<>();
        double ignoredBefore = counted("ignored");
        // The application's pipeline as a service would set it up: batches, gzip, the key as a header.
        OtlpHttpSpanExporter exporter = exporter("gzip", tokens.bearer(Roles.TONGYI_WRITER));
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(CUSTOMER, "otlp-acme"))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .addSpanProcessor(SimpleSpanProcessor.create(keeping(kept)))
                .build();
        Tracer tracer = provider.get("otlp-test");
        // The response model is counted; the customer is the resource's...
        chat(tracer, "qwen-plus", "qwen-max", 52L, 47L, null, end);
        // ...unless the span names its own; a span with only input tokens counts 0 output.
        chat(tracer, "qwen-plus", null, 10L, null, "otlp-beta", end.plusSeconds(60));
        // Not usage: an HTTP call of the same service.
        tracer.spanBuilder("GET /health").setSpanKind(SpanKind.SERVER).startSpan().end();
        assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).as("the SDK's export").isTrue();
        provider.close();

        Map<String, Map<String, Object>> byModel = summary("2025-04", "model");
        assertThat(byModel).containsOnlyKeys("qwen-max", "qwen-plus");
        assertTokens(byModel.get("qwen-max"), 1, 52, 47);
        assertTokens(byModel.get("qwen-plus"), 1, 10, 0);
        Map<String, Map<String, Object>> byCustomer = summary("2025-04", "customer");
        assertTokens(byCustomer.get("otlp-acme"), 1, 52, 47);
        assertTokens(byCustomer.get("otlp-beta"), 1, 10, 0);
        assertThat(counted("ignored") - ignoredBefore).as("spans without usage").isEqualTo(1.0);

        // The same spans again, as an exporter retries them (plain this time): nothing counted twice.
        assertThat(kept).hasSize(3);
        OtlpHttpSpanExporter again = exporter("none", tokens.bearer(Roles.TONGYI_WRITER));
        assertThat(again.export(kept).join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
        again.close();
        assertThat(summary("2025-04", "model")).isEqualTo(byModel);
    }

    @Test
    void otlpJsonWithHexIdsNamesTheSameSpansAsProtobuf() throws IOException {
        List<SpanData> spans = record(Resource.create(Attributes.of(CUSTOMER, "otlp-acme")), tracer -> {
            chat(tracer, "qwen-max", null, 1000L, 200L, null, Instant.parse("2025-05-31T15:59:59Z"));
            chat(tracer, "qwen-max", null, 3L, 4L, null, Instant.parse("2025-05-01T00:00:00Z"));
        });
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        TraceRequestMarshaler.create(spans).writeJsonTo(body);
        assertThat(body.toString(StandardCharsets.UTF_8)).contains("\"traceId\":\"" + spans.get(0).getTraceId() + "\"");

        HttpResponse<byte[]> answer = client.toBlocking().exchange(post(body.toByteArray(), "application/json"), byte[].class);
        assertThat(answer.getContentType().map(Object::toString)).hasValue("application/json");
        assertThat(JSON.readTree(answer.body())).isEqualTo(JSON.createObjectNode()); // full success: no partial_success
        assertTokens(summary("2025-05", "model").get("qwen-max"), 2, 1003, 204);

        // The ids were read as hex: the same spans in binary protobuf are the events already counted.
        OtlpHttpSpanExporter exporter = exporter("gzip", tokens.bearer(Roles.TONGYI_WRITER));
        assertThat(exporter.export(spans).join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
        exporter.close();
        assertTokens(summary("2025-05", "model").get("qwen-max"), 2, 1003, 204);
    }

    @Test
    void theSemanticConventionsOwnExampleSpanIsCountedUnderItsResponseModel() throws IOException {
        JsonNode example;
        try (InputStream in = getClass().getResourceAsStream("/otel-genai/examples-llm-calls.simple-chat.span.json")) {
            example = JSON.readTree(in);
        }
        ObjectNode span = JSON.createObjectNode()
                .put("traceId", example.get("traceId").asText())
                .put("spanId", example.get("spanId").asText())
                .put("name", example.get("spanName").asText())
                .put("kind", 3) // SPAN_KIND_CLIENT: OTLP/JSON writes enums as integers
                .put("startTimeUnixNano", "1751328000000000000") // 2025-07-01T00:00:00Z
                .put("endTimeUnixNano", "1751328001500000000");
        ArrayNode attributes = span.putArray("attributes");
        example.get("attributes").fields().forEachRemaining(a -> attributes.add(keyValue(a.getKey(), a.getValue())));
        attributes.add(keyValue("enduser.id", JSON.getNodeFactory().textNode("otlp-acme")));
        ObjectNode export = JSON.createObjectNode();
        export.putArray("resourceSpans").addObject().putArray("scopeSpans").addObject().putArray("spans").add(span);

        byte[] body = JSON.writeValueAsBytes(export);
        client.toBlocking().exchange(post(body, "application/json"), byte[].class);
        client.toBlocking().exchange(post(body, "application/json"), byte[].class);
        assertThat(summary("2025-07", "model")).containsOnlyKeys("gpt-4-0613");
        assertTokens(summary("2025-07", "model").get("gpt-4-0613"), 1, 52, 47);
    }

    @Test
    void usageSpansTheRulesRefuseAreToldAsPartialSuccessAndTheOthersStored() throws IOException {
        Instant end = Instant.parse("2025-06-10T08:00:00Z");
        List<SpanData> spans = record(Resource.getDefault(), tracer -> {
            chat(tracer, "qwen-max", null, 5L, 6L, "otlp-acme", end);
            chat(tracer, "qwen-max", null, 7L, 8L, null, end); // no customer anywhere
            chat(tracer, "no-such-model", null, 9L, 9L, "otlp-acme", end);
            tracer.spanBuilder("chat qwen-max").setAttribute(CUSTOMER, "otlp-acme")
                    .setAttribute("gen_ai.request.model", "qwen-max")
                    .setAttribute("gen_ai.usage.input_tokens", "15").startSpan().end(end); // a count as text
            tracer.spanBuilder("SELECT usage").startSpan().end(end); // not usage
        });
        double rejectedBefore = counted("rejected");
        double ignoredBefore = counted("ignored");
        // The SDK's exporter takes a partial success as delivered: it will not send these again.
        OtlpHttpSpanExporter exporter = exporter("none", tokens.bearer(Roles.TONGYI_WRITER));
        assertThat(exporter.export(spans).join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
        exporter.close();
        assertThat(counted("rejected") - rejectedBefore).isEqualTo(3.0);
        assertThat(counted("ignored") - ignoredBefore).isEqualTo(1.0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> trail = (List<Map<String, Object>>) api.get("/api/v1/audit?subject="
                + TestTokens.subjectOf(Roles.TONGYI_WRITER)).get("entries");
        assertThat(trail).as("the export's audit row: 4 usage spans, 1 stored").anySatisfy(entry -> assertThat(entry)
                .containsEntry("path", "/v1/traces").containsEntry("outcome", "PARTIAL").containsEntry("items", 4)
                .containsEntry("accepted", 1).containsEntry("duplicates", 0));

        // What the answer says, read with OTLP's own classes.
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        TraceRequestMarshaler.create(spans).writeBinaryTo(body);
        HttpResponse<byte[]> answer = client.toBlocking().exchange(post(body.toByteArray(), "application/x-protobuf"),
                byte[].class);
        assertThat(answer.getStatus().getCode()).isEqualTo(200);
        assertThat(answer.getContentType().map(Object::toString)).hasValue("application/x-protobuf");
        ExportTraceServiceResponse response = ExportTraceServiceResponse.parseFrom(answer.body());
        assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(3);
        assertThat(response.getPartialSuccess().getErrorMessage())
                .contains("3 of 4 usage spans rejected")
                .contains("span " + spans.get(1).getSpanId() + " of trace " + spans.get(1).getTraceId()
                        + ": no 'enduser.id' attribute")
                .contains("span " + spans.get(2).getSpanId()).contains("unknown model 'no-such-model'")
                .contains("span " + spans.get(3).getSpanId() + " of trace " + spans.get(3).getTraceId()
                        + ": gen_ai.usage.input_tokens must be a whole number of tokens");
        assertThat(summary("2025-06", "model")).containsOnlyKeys("qwen-max");
        assertTokens(summary("2025-06", "model").get("qwen-max"), 1, 5, 6);
    }

    @Test
    void aBodyThatIsNoExportRequestIs400WithAStatusInItsEncodingAndNothingIsStored() throws IOException {
        Status status = refused(post("not protobuf at all".getBytes(StandardCharsets.UTF_8), "application/x-protobuf"), 400);
        assertThat(status.getCode()).isEqualTo(com.google.rpc.Code.INVALID_ARGUMENT_VALUE);
        assertThat(status.getMessage()).contains("binary protobuf");
        // Neither of OTLP's encodings: 415, told in binary protobuf, the protocol's default.
        refusedAs(post("{}".getBytes(StandardCharsets.UTF_8), "text/plain"), 415, "application/x-protobuf");

        String good = "{\"traceId\":\"5B8EFFF798038103D269B633813FC60C\",\"spanId\":\"EEE19B7EC3C1B174\","
                + "\"endTimeUnixNano\":\"1754006400000000000\",\"attributes\":[{\"key\":\"enduser.id\",\"value\":"
                + "{\"stringValue\":\"otlp-acme\"}},{\"key\":\"gen_ai.request.model\",\"value\":{\"stringValue\":"
                + "\"qwen-max\"}},{\"key\":\"gen_ai.usage.input_tokens\",\"value\":{\"intValue\":\"5\"}}]}";
        for (String bad : List.of(
                "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[" + good + ",{\"traceId\":\"not hex\"}]}]}]}",
                "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[" + good + ",{\"endTimeUnixNano\":\"yesterday\"}]}]}]}",
                "{\"resourceSpans\":{}}",
                "[" + good + "]",
                "{\"resourceSpans\":[]} trailing",
                "not json")) {
            Status json = refused(post(bad.getBytes(StandardCharsets.UTF_8), "application/json"), 400);
            assertThat(json.getMessage()).as(bad).isNotBlank();
        }
        assertThat(summary("2025-08", "model")).as("2025-08, the month of the good span").isEmpty();
        // The good span alone is taken: the 400s were about the bodies, not about it.
        client.toBlocking().exchange(post(("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[" + good + "]}]}]}")
                .getBytes(StandardCharsets.UTF_8), "application/json"), byte[].class);
        assertTokens(summary("2025-08", "model").get("qwen-max"), 1, 5, 0);
    }

    @Test
    void aGzipBodyThatInflatesPastTheLimitIs413AndOneThatIsNoGzip400() {
        MutableHttpRequest<byte[]> bomb = post(Gzip.bomb("", 'c'), "application/x-protobuf").header("Content-Encoding", "gzip");
        refused(bomb, 413);
        byte[] plain = "{\"resourceSpans\":[]}".getBytes(StandardCharsets.UTF_8);
        assertThat(refused(post(plain, "application/json").header("Content-Encoding", "gzip"), 400).getMessage())
                .contains("Content-Encoding");
    }

    /**
     * The path's access rules, as the suite's endpoint security test checks every other route (which expects
     * problem+json): no token or an expired one 401, every other role 403, the team's writer 200, its write audited.
     */
    @Test
    @SuppressWarnings("unchecked")
    void onlyTheTeamsWriterMayExportAndItsExportsAreAudited() {
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        MutableHttpRequest<byte[]> anonymous = post(empty, "application/json");
        anonymous.setAttribute(TestCallerFilter.ANONYMOUS, true);
        assertThat(refusedAs(anonymous, 401, "application/json").getCode()).isEqualTo(com.google.rpc.Code.UNAUTHENTICATED_VALUE);
        refused(post(empty, "application/json").header("Authorization", tokens.expired()), 401);
        for (String role : Roles.ALL) {
            if (!role.equals(Roles.TONGYI_WRITER)) {
                String bearer = role.equals(Roles.BU_LEAD) ? tokens.businessUnitLead("quark") : tokens.bearer(role);
                Status status = refused(post(empty, "application/x-protobuf").header("Authorization", bearer), 403);
                assertThat(status.getCode()).as(role).isEqualTo(com.google.rpc.Code.PERMISSION_DENIED_VALUE);
            }
        }
        // The SDK's exporter without the header is refused, and says so.
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint("http://localhost:" + server.getPort() + "/v1/traces").build();
        List<SpanData> spans = record(Resource.getDefault(), t -> t.spanBuilder("x").startSpan().end());
        assertThat(exporter.export(spans).join(30, TimeUnit.SECONDS).isSuccess()).isFalse();
        exporter.close();

        HttpResponse<byte[]> ok = client.toBlocking().exchange(post(empty, "application/json")
                .header("Authorization", tokens.bearer(Roles.TONGYI_WRITER)), byte[].class);
        assertThat(ok.getStatus().getCode()).isEqualTo(200);
        String requestId = ok.getHeaders().get("X-Request-Id");
        Map<String, Object> trail = api.get("/api/v1/audit?subject=" + TestTokens.subjectOf(Roles.TONGYI_WRITER));
        assertThat((List<Map<String, Object>>) trail.get("entries")).anySatisfy(entry -> assertThat(entry)
                .containsEntry("method", "POST").containsEntry("path", "/v1/traces")
                .containsEntry("requestId", requestId).containsEntry("roles", List.of(Roles.TONGYI_WRITER)));
    }

    /**
     * An ingest key of the usage stream, configured as a platform team configures an exporter or a Collector (the
     * endpoint and an {@code Authorization} header, nothing else): the SDK's exporter delivers with it, and its export
     * is audited under the key. A key reads nothing (403). Revoked, unknown or another service's keys are refused with a
     * {@code google.rpc.Status} in the request's encoding, never problem+json, and nothing they sent is stored.
     */
    @Test
    @SuppressWarnings("unchecked")
    void anIngestKeyExportsWithTheSdksExporterAndBadKeysAreRefusedAsAStatus() {
        Map<String, Object> created = api.post("/api/v1/ingest-keys", Map.of("name", "otel collector", "streams", List.of("usage")));
        String bearer = "Bearer " + created.get("key");
        Resource acme = Resource.create(Attributes.of(CUSTOMER, "otlp-acme"));
        List<SpanData> spans = record(acme, tracer -> {
            chat(tracer, "qwen-max", null, 11L, 12L, null, Instant.parse("2025-09-04T10:00:00Z"));
            chat(tracer, "qwen-plus", null, 13L, 14L, null, Instant.parse("2025-09-05T10:00:00Z"));
        });
        OtlpHttpSpanExporter exporter = exporter("gzip", bearer);
        assertThat(exporter.export(spans).join(30, TimeUnit.SECONDS).isSuccess()).as("the SDK's export with a key").isTrue();
        exporter.close();
        assertTokens(summary("2025-09", "model").get("qwen-max"), 1, 11, 12);
        assertTokens(summary("2025-09", "model").get("qwen-plus"), 1, 13, 14);
        String subject = "key:" + created.get("id") + ":otel collector";
        List<Map<String, Object>> trail = (List<Map<String, Object>>) api.get("/api/v1/audit?subject="
                + URLEncoder.encode(subject, StandardCharsets.UTF_8)).get("entries");
        assertThat(trail).singleElement().satisfies(entry -> assertThat(entry).containsEntry("subject", subject)
                .containsEntry("method", "POST").containsEntry("path", "/v1/traces").containsEntry("outcome", "ACCEPTED")
                .containsEntry("items", 2).containsEntry("accepted", 2));

        // A key writes; it never reads, not even the figures it wrote.
        for (String read : List.of("/api/v1/usage/summary?period=2025-09", "/api/v1/models", "/api/v1/audit",
                "/api/v1/ingest-keys")) {
            api.problem(HttpRequest.GET(read).header("Authorization", bearer), 403);
        }
        HttpClientResponseException get = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/v1/traces").header("Authorization", bearer), byte[].class));
        assertThat(get.getStatus().getCode()).as("GET /v1/traces with a key: nothing to read there, for anyone").isEqualTo(405);

        double acceptedBefore = counted("accepted");
        List<SpanData> later = record(acme, tracer -> chat(tracer, "qwen-max", null, 5L, 5L, null,
                Instant.parse("2025-10-06T10:00:00Z")));
        ByteArrayOutputStream protobuf = new ByteArrayOutputStream();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try {
            TraceRequestMarshaler.create(later).writeBinaryTo(protobuf);
            TraceRequestMarshaler.create(later).writeJsonTo(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String key = (String) created.get("key");
        // Another service's key: 403, saying where it belongs.
        String quarks = "Bearer aik_quark_" + "B".repeat(43);
        Status elsewhere = refused(post(protobuf.toByteArray(), "application/x-protobuf").header("Authorization", quarks), 403);
        assertThat(elsewhere.getCode()).isEqualTo(com.google.rpc.Code.PERMISSION_DENIED_VALUE);
        assertThat(elsewhere.getMessage()).contains("quark-service");
        assertThat(refusedAs(post(json.toByteArray(), "application/json").header("Authorization", quarks), 403,
                "application/json").getCode()).isEqualTo(com.google.rpc.Code.PERMISSION_DENIED_VALUE);
        // An unknown key: 401.
        String unknown = "Bearer " + key.substring(0, key.lastIndexOf('_') + 1) + "A".repeat(43);
        assertThat(refused(post(protobuf.toByteArray(), "application/x-protobuf").header("Authorization", unknown), 401)
                .getCode()).isEqualTo(com.google.rpc.Code.UNAUTHENTICATED_VALUE);

        // Revoked: at once 401, in protobuf or JSON as the request was, and the SDK's exporter reports the failure.
        client.toBlocking().exchange(HttpRequest.DELETE("/api/v1/ingest-keys/" + created.get("id")));
        Status revoked = refused(post(protobuf.toByteArray(), "application/x-protobuf").header("Authorization", bearer), 401);
        assertThat(revoked.getCode()).isEqualTo(com.google.rpc.Code.UNAUTHENTICATED_VALUE);
        assertThat(revoked.getMessage()).contains("revoked").doesNotContain(key);
        Status revokedJson = refusedAs(post(json.toByteArray(), "application/json").header("Authorization", bearer), 401,
                "application/json");
        assertThat(revokedJson.getMessage()).contains("revoked");
        OtlpHttpSpanExporter refusedExporter = exporter("gzip", bearer);
        assertThat(refusedExporter.export(later).join(30, TimeUnit.SECONDS).isSuccess()).as("export with a revoked key").isFalse();
        refusedExporter.close();
        assertThat(summary("2025-10", "model")).as("2025-10, the month only refused exports were about").isEmpty();
        assertThat(counted("accepted")).isEqualTo(acceptedBefore);
    }

    /** The refusal's google.rpc.Status, in binary protobuf (the encoding of every request here but JSON's). */
    private Status refused(MutableHttpRequest<byte[]> request, int expected) {
        String type = request.getContentType().map(Object::toString).orElseThrow();
        return refusedAs(request, expected, type);
    }

    private Status refusedAs(MutableHttpRequest<byte[]> request, int expected, String type) {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(request, byte[].class));
        assertThat(e).as("HTTP %s expected", expected).isNotNull();
        assertThat(e.getStatus().getCode()).isEqualTo(expected);
        assertThat(e.getResponse().getContentType().map(Object::toString)).hasValue(type);
        byte[] body = e.getResponse().getBody(byte[].class).orElseThrow();
        try {
            if (type.equals("application/json")) {
                Status.Builder status = Status.newBuilder();
                com.google.protobuf.util.JsonFormat.parser().merge(new String(body, StandardCharsets.UTF_8), status);
                return status.build();
            }
            return Status.parseFrom(body);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    private MutableHttpRequest<byte[]> post(byte[] body, String contentType) {
        return HttpRequest.POST("/v1/traces", body).contentType(contentType);
    }

    private OtlpHttpSpanExporter exporter(String compression, String authorization) {
        return OtlpHttpSpanExporter.builder()
                .setEndpoint("http://localhost:" + server.getPort() + "/v1/traces")
                .addHeader("Authorization", authorization)
                .setCompression(compression)
                .build();
    }

    /** A GenAI client span as the conventions describe it; absent counts and customer are left out. */
    private static void chat(Tracer tracer, String requestModel, String responseModel, Long input, Long output,
                             String customer, Instant end) {
        SpanBuilder span = tracer.spanBuilder("chat " + requestModel).setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(end.minusMillis(1500))
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.provider.name", "alibaba")
                .setAttribute("gen_ai.request.model", requestModel);
        if (responseModel != null) {
            span.setAttribute("gen_ai.response.model", responseModel);
        }
        if (input != null) {
            span.setAttribute("gen_ai.usage.input_tokens", input);
        }
        if (output != null) {
            span.setAttribute("gen_ai.usage.output_tokens", output);
        }
        if (customer != null) {
            span.setAttribute(CUSTOMER, customer);
        }
        span.startSpan().end(end);
    }

    /** The spans the calls record, as the SDK hands them to an exporter. */
    private static List<SpanData> record(Resource resource, Consumer<Tracer> calls) {
        List<SpanData> spans = new ArrayList<>();
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(SimpleSpanProcessor.create(keeping(spans))).build();
        calls.accept(provider.get("otlp-test"));
        provider.close();
        return spans;
    }

    private static SpanExporter keeping(List<SpanData> into) {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                synchronized (into) {
                    into.addAll(spans);
                }
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
    }

    /** An OTLP/JSON KeyValue for a JSON value of the example (64-bit integers as strings, as protobuf's JSON has them). */
    private static ObjectNode keyValue(String key, JsonNode value) {
        ObjectNode kv = JSON.createObjectNode().put("key", key);
        kv.set("value", anyValue(value));
        return kv;
    }

    private static ObjectNode anyValue(JsonNode value) {
        ObjectNode any = JSON.createObjectNode();
        if (value.isIntegralNumber()) {
            any.put("intValue", value.asText());
        } else if (value.isNumber()) {
            any.put("doubleValue", value.asDouble());
        } else if (value.isArray()) {
            ArrayNode values = any.putObject("arrayValue").putArray("values");
            value.forEach(v -> values.add(anyValue(v)));
        } else {
            any.put("stringValue", value.asText());
        }
        return any;
    }

    private double counted(String outcome) {
        return registry.get("kpi.ingest.items").tag("stream", "otlp-spans").tag("outcome", outcome).counter().count();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> summary(String period, String groupBy) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) api
                .get("/api/v1/usage/summary?period=" + period + "&groupBy=" + groupBy).get("rows");
        return rows.stream().collect(Collectors.toMap(r -> (String) r.get("key"), r -> r));
    }

    private static void assertTokens(Map<String, Object> row, long events, long input, long output) {
        assertThat(row).as("a summary row").isNotNull();
        assertThat(((Number) row.get("events")).longValue()).as("events of %s", row.get("key")).isEqualTo(events);
        assertThat(((Number) row.get("inputTokens")).longValue()).as("input of %s", row.get("key")).isEqualTo(input);
        assertThat(((Number) row.get("outputTokens")).longValue()).as("output of %s", row.get("key")).isEqualTo(output);
    }
}
