package aikpi.tongyi.usage;

import aikpi.platform.ingest.IngestResult;
import aikpi.platform.json.JsonTrees;
import aikpi.platform.problem.BatchErrors;
import aikpi.platform.problem.BatchRejectedException;
import aikpi.platform.problem.ItemError;
import aikpi.security.audit.AuditedWrite;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.Sha256;
import aikpi.vocabulary.StoredText;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.http.HttpMessageFactory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Token usage as CloudEvents 1.0 over HTTP, read with the CloudEvents Java SDK and turned into the usage events of
 * {@link UsageIngestService}, which applies its own rules, atomicity and dedup: every path feeds the same rollups. In
 * structured JSON mode one event or a batch ({@code application/cloudevents+json},
 * {@code application/cloudevents-batch+json}, and OpenMeter's {@code application/json}: one or an array); in binary
 * mode one event, its attributes in {@code ce-*} headers and its data as the body (the SDK's HTTP binding).
 *
 * <ul>
 *   <li><b>Identity</b>: the CloudEvents rule, ({@code source}, {@code id}) identifies an event. It is stored as the
 *       usage event id {@code ce:} + the SHA-256 of source and id, so the database's primary key counts a repeated
 *       pair once, forever; the same id from another source is another event.</li>
 *   <li>{@code subject} is the customer id; {@code time} (RFC 3339) the instant; {@code type} one of
 *       {@code kpi.usage.cloudevents.types}.</li>
 *   <li>{@code data}, a JSON object in one of three shapes: OpenMeter's LLM metering example
 *       {@code {"model": m, "type": "input"|"output", "tokens": n}}, one event per token kind; OpenAI's usage object
 *       {@code {"model": m, "prompt_tokens": n, "completion_tokens": k, "total_tokens": n+k}} (flat, or under
 *       {@code usage} as OpenAI answers it); or OpenTelemetry's GenAI attributes {@code {"gen_ai.request.model": m,
 *       "gen_ai.usage.input_tokens": n, "gen_ai.usage.output_tokens": k}}, where {@code gen_ai.response.model}, when
 *       present, is the model counted. A count is a JSON number or, as OpenMeter's value property reads it, numeric
 *       text ({@code "15"}); either way whole and non-negative.</li>
 * </ul>
 */
@Singleton
public class UsageCloudEvents {

    public static final String SINGLE = "application/cloudevents+json";
    public static final String BATCH = "application/cloudevents-batch+json";
    /** The header whose presence makes an HTTP request a binary-mode event (the CloudEvents HTTP binding, 3.1). */
    static final String BINARY_MODE_HEADER = "ce-specversion";
    static final String ID_PREFIX = "ce:";
    /** OpenAI's usage object's counts; any of them makes {@code data} that shape. */
    private static final List<String> OPENAI_COUNTS = List.of("prompt_tokens", "completion_tokens", "total_tokens");
    private static final Set<String> REQUIRED_COUNTS = Set.of("tokens", "prompt_tokens");
    /** Numeric text: a decimal number, its exponent bounded (the value of "1e999999999" has a billion digits). */
    private static final Pattern NUMERIC_TEXT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,3})?");
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);
    /** What {@link UsageIngestService} calls a field, as a CloudEvent names it. */
    private static final Map<String, String> FIELDS = Map.of("eventId", "id", "customerId", "subject", "modelId",
            "data.model", "occurredAt", "time", "inputTokens", "data.tokens", "outputTokens", "data.tokens");

    /**
     * The SDK's own JSON format turns each event of the body into a {@link CloudEvent}; Jackson databind is only its
     * vehicle. The body itself is read under the rules every body meets ({@link JsonTrees#parser}).
     */
    private static final ObjectMapper FORMAT = new ObjectMapper().registerModule(JsonFormat.getCloudEventJacksonModule())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS); // 1.50 is told back as 1.50

    private final JsonMapper json;
    private final UsageIngestService ingest;
    private final Set<String> types;

    public UsageCloudEvents(JsonMapper json, UsageIngestService ingest,
                            @Value("${kpi.usage.cloudevents.types:prompt,tokens,gen_ai.client.token.usage,com.alibaba.tongyi.usage}")
                            List<String> types) {
        this.json = json;
        this.ingest = ingest;
        this.types = Set.copyOf(types.stream().map(String::strip).toList());
    }

    /** What a structured-mode body holds, by its media type. */
    public enum Body {
        /** {@link #SINGLE}: one event, a JSON object. */
        ONE,
        /** {@link #BATCH}: a JSON array of events. */
        BATCH,
        /** OpenMeter's {@code application/json}: one event or an array of them. */
        ONE_OR_BATCH
    }

    /**
     * An HTTP request's events, by the CloudEvents HTTP binding: structured when its media type is a CloudEvents one,
     * binary when it carries {@code ce-specversion}; else {@code plainJson} says what an {@code application/json} body
     * is (null: not taken). Another media type is a 415. Audited here, where the counts are known: OpenMeter's path
     * answers without them.
     */
    @AuditedWrite
    public IngestResult ingest(HttpHeaders headers, byte[] body, @Nullable Body plainJson) {
        String type = headers.contentType().map(MediaType::getName).orElse("");
        if (type.equalsIgnoreCase(SINGLE) || type.equalsIgnoreCase(BATCH)) {
            return ingest(body, type.equalsIgnoreCase(BATCH) ? Body.BATCH : Body.ONE);
        }
        if (headers.contains(BINARY_MODE_HEADER)) {
            return ingestBinary(headers::forEachValue, body);
        }
        if (plainJson != null && type.equalsIgnoreCase(MediaType.APPLICATION_JSON)) {
            return ingest(body, plainJson);
        }
        throw new HttpStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send CloudEvents as " + SINGLE + " (one event), "
                + BATCH + " (a JSON array)" + (plainJson == null ? "" : ", " + MediaType.APPLICATION_JSON + " (either)")
                + ", or one event in binary mode (ce-specversion, ce-id, ce-source, ce-type, ce-subject, ce-time headers;"
                + " the data as the body); was " + (type.isEmpty() ? "no Content-Type" : "'" + type + "'") + ".");
    }

    /** One event in structured mode, or a batch, by {@code shape}, stored as {@link UsageIngestService} does. */
    public IngestResult ingest(byte[] body, Body shape) {
        return store(decode(body, shape));
    }

    /**
     * One event in binary mode, read by the SDK's HTTP binding from the request's headers and body; its faults (an
     * attribute missing or unreadable) are named as those of an event at index 0.
     */
    IngestResult ingestBinary(Consumer<BiConsumer<String, String>> headers, byte[] body) {
        Decoded decoded = new Decoded(new ArrayList<>(), new ArrayList<>(), new BatchErrors());
        CloudEvent event;
        try {
            event = HttpMessageFactory.createReader(headers, body).toEvent();
        } catch (RuntimeException e) {
            decoded.ids().add(null);
            decoded.errors().add(0, null, field(e.getMessage()), "is not a valid CloudEvent in binary mode: " + e.getMessage());
            decoded.requests().add(new UsageEventRequest(null, null, null, null, null, null));
            return store(decoded);
        }
        decoded.ids().add(event.getId());
        decoded.requests().add(request(0, event.getId(), event, null, decoded.errors()));
        return store(decoded);
    }

    /** Stores decoded events, or refuses them all with this path's faults and the usage rules' beside them. */
    private IngestResult store(Decoded decoded) {
        List<UsageEventRequest> requests = decoded.requests();
        BatchErrors errors = decoded.errors();
        List<ItemError> all = new ArrayList<>();
        try {
            if (errors.isEmpty()) {
                return ingest.ingest(requests);
            }
            ingest.validate(requests);
        } catch (BatchRejectedException e) {
            // The usage rules' errors, named as the CloudEvent names its fields, beside this path's own (for the
            // events this path found nothing wrong with: the others would only repeat what it said).
            Set<Integer> faulty = new HashSet<>();
            errors.errors().forEach(x -> faulty.add(x.index()));
            for (ItemError x : e.errors()) {
                if (!faulty.contains(x.index())) {
                    all.add(new ItemError(x.index(), decoded.ids().get(x.index()), fieldOf(x.field()),
                            x.message()));
                }
            }
        }
        all.addAll(errors.errors());
        all.sort(Comparator.comparingInt(ItemError::index));
        throw new BatchRejectedException(all);
    }

    /** A body's events as usage events, with each CloudEvent's id as sent and this path's faults by index. */
    record Decoded(List<UsageEventRequest> requests, List<String> ids, BatchErrors errors) {
    }

    /** Reads a body into usage events without storing them; a 400 when the body is not what its media type says. */
    Decoded decode(byte[] body, Body shape) {
        Decoded decoded = new Decoded(new ArrayList<>(), new ArrayList<>(), new BatchErrors());
        // The body is parsed once, under the rules of every body, by the SDK, event by event.
        try (JsonParser parser = JsonTrees.parser(json, body)) {
            JsonToken first = parser.nextToken();
            BodyText text = new BodyText(body);
            if (shape != Body.ONE && first == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    read(parser, text, decoded);
                }
            } else if (shape != Body.BATCH && first == JsonToken.START_OBJECT) {
                read(parser, text, decoded);
            } else {
                if (first != null) { // a body that is not JSON is told so before it is told its shape
                    FORMAT.readTree(parser);
                    JsonTrees.end(parser);
                }
                throw new InvalidRequestException(switch (shape) {
                    case BATCH -> "A " + BATCH + " body is a JSON array of CloudEvents.";
                    case ONE -> "A " + SINGLE + " body is one CloudEvent, a JSON object; send a batch as " + BATCH + ".";
                    case ONE_OR_BATCH -> "An " + MediaType.APPLICATION_JSON + " body is one CloudEvent (a JSON object) or"
                            + " a JSON array of them.";
                });
            }
            JsonTrees.end(parser);
        } catch (IOException e) {
            throw JsonTrees.fault(e);
        }
        BatchErrors.checkSize(decoded.requests(), ingest.maxBatchSize());
        return decoded;
    }

    /**
     * Reads the value at the parser, one event of the body. The SDK reads it straight from the body; an event it refuses
     * (or a value that is no object) is read again as a tree, from its text, to say what is wrong with it.
     */
    private void read(JsonParser parser, BodyText text, Decoded decoded) throws IOException {
        int i = decoded.requests().size();
        JsonNode node = null;
        CloudEvent event = null;
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            node = FORMAT.readTree(parser);
        } else {
            int start = (int) parser.currentTokenLocation().getCharOffset();
            try {
                event = FORMAT.readValue(parser, CloudEvent.class);
            } catch (DatabindException refused) { // the event's JSON was read in full; the SDK refused what it says
                node = FORMAT.readTree(text.between(start, (int) parser.currentLocation().getCharOffset()));
            }
        }
        if (node != null) {
            String id = text(node, "id");
            decoded.ids().add(id);
            decoded.requests().add(request(i, id, node, decoded.errors()));
            return;
        }
        String id = event.getId();
        decoded.ids().add(id);
        if (event.getSpecVersion() != SpecVersion.V1) { // the SDK reads 0.3 too
            decoded.errors().add(i, id, "specversion", "must be \"1.0\" (was \"" + event.getSpecVersion() + "\")");
            decoded.requests().add(new UsageEventRequest(null, null, null, null, null, null));
            return;
        }
        decoded.requests().add(request(i, id, event, event.getData() instanceof JsonCloudEventData data ? data.getNode()
                : null, decoded.errors()));
    }

    /** A body's text, decoded only when an event has to be read again. */
    private static final class BodyText {
        private final byte[] body;
        private String text;

        BodyText(byte[] body) {
            this.body = body;
        }

        String between(int start, int end) {
            if (text == null) {
                text = new String(body, StandardCharsets.UTF_8);
            }
            return text.substring(start, end);
        }
    }

    /** The usage event a CloudEvent stands for; its faults are recorded (fields it lacks stay null for the usage rules). */
    private UsageEventRequest request(int i, String id, JsonNode node, BatchErrors errors) {
        JsonNode version = node.get("specversion");
        if (version == null || !version.isTextual() || !SpecVersion.V1.toString().equals(version.textValue())) {
            errors.add(i, id, "specversion", "must be \"1.0\" (was " + (version == null ? "absent" : version) + ")");
            return new UsageEventRequest(null, null, null, null, null, null);
        }
        CloudEvent event;
        try {
            event = FORMAT.readValue(FORMAT.treeAsTokens(node), CloudEvent.class);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            errors.add(i, id, field(why), "is not a valid CloudEvent: " + why);
            return new UsageEventRequest(null, null, null, null, null, null);
        }
        // JSON data is in the body's tree already: read from there, not from bytes again.
        return request(i, id, event, event.getData() instanceof JsonCloudEventData ? node.get("data") : null, errors);
    }

    /**
     * The usage event a CloudEvent read by the SDK stands for (from a Kafka record in either content mode); its faults
     * are recorded, and the fields it lacks stay null for the usage rules.
     */
    UsageEventRequest request(int i, String id, CloudEvent event, BatchErrors errors) {
        return request(i, id, event, null, errors);
    }

    /** @param jsonData the event's JSON data as already read (the body's tree); null: read the event's data here */
    UsageEventRequest request(int i, String id, CloudEvent event, @Nullable JsonNode jsonData, BatchErrors errors) {
        if (event.getSpecVersion() != SpecVersion.V1) {
            errors.add(i, id, "specversion", "must be \"1.0\" (was \"" + event.getSpecVersion() + "\")");
        }
        if (!types.contains(event.getType())) {
            errors.add(i, id, "type", "'" + event.getType() + "' is not a usage event type; known: " + types.stream().sorted().toList());
        }
        if (event.getSubject() == null) {
            errors.add(i, id, "subject", "is required: the customer id");
        }
        if (event.getTime() == null) {
            errors.add(i, id, "time", "is required: when the tokens were used (RFC 3339)");
        }
        String model = null;
        Long input = null;
        Long output = null;
        // Binary-mode attributes come from Kafka headers, which the SDK reads without the JSON rules: the same text
        // rule here (ids that differ only in an unpaired surrogate would hash alike, and be counted once).
        String shownId = StoredText.isStorable(id) ? id : null;
        textRule(i, shownId, "id", event.getId(), errors);
        textRule(i, shownId, "source", event.getSource() == null ? null : event.getSource().toString(), errors);
        textRule(i, shownId, "subject", event.getSubject(), errors);
        textRule(i, shownId, "type", event.getType(), errors);
        JsonNode data = jsonData;
        boolean unreadable = false;
        if (data == null && event.getData() != null) {
            try {
                data = event.getData() instanceof JsonCloudEventData j ? j.getNode() : readJson(event.getData().toBytes());
            } catch (InvalidRequestException e) {
                errors.add(i, shownId, "data", e.getMessage());
                unreadable = true;
            }
        }
        // OpenAI answers its usage object under "usage"; a gateway may send it flat.
        JsonNode usage = data == null ? null : data.get("usage");
        JsonNode openAi = usage != null && usage.isObject() ? usage : data;
        String openAiAt = openAi == data ? "data." : "data.usage.";
        if (data == null || !data.isObject()) {
            if (!unreadable) { // else said above
                errors.add(i, id, "data", "must be a JSON object: {model, type, tokens}, OpenAI's usage or OpenTelemetry's"
                        + " gen_ai.* attributes");
            }
        } else if (data.get("tokens") != null || data.get("type") != null) {
            model = text(data, "model");
            String kind = text(data, "type");
            Long tokens = count(i, id, data, "tokens", "data.tokens", errors);
            if ("input".equals(kind)) {
                input = tokens;
                output = 0L;
            } else if ("output".equals(kind)) {
                input = 0L;
                output = tokens;
            } else {
                errors.add(i, id, "data.type", "must be \"input\" or \"output\" (was "
                        + (data.get("type") == null ? "absent" : data.get("type")) + "): tongyi counts the two apart");
            }
            requireModel(i, id, model, "data.model", errors);
        } else if (OPENAI_COUNTS.stream().anyMatch(k -> openAi.get(k) != null)) {
            // OpenAI's usage object: prompt tokens in, completion tokens out; an embedding's answer has no completion.
            model = text(data, "model");
            input = count(i, id, openAi, "prompt_tokens", openAiAt + "prompt_tokens", errors);
            output = count(i, id, openAi, "completion_tokens", openAiAt + "completion_tokens", errors);
            Long total = count(i, id, openAi, "total_tokens", openAiAt + "total_tokens", errors);
            if (input != null && output != null && total != null && openAi.hasNonNull("total_tokens")
                    && total != input + output) {
                errors.add(i, id, openAiAt + "total_tokens", "must be prompt_tokens + completion_tokens (" + input + " + "
                        + output + " = " + (input + output) + "; was " + total + ")");
            }
            requireModel(i, id, model, "data.model", errors);
        } else if (data.get("gen_ai.usage.input_tokens") != null || data.get("gen_ai.usage.output_tokens") != null) {
            model = text(data, "gen_ai.response.model") != null ? text(data, "gen_ai.response.model")
                    : text(data, "gen_ai.request.model");
            input = count(i, id, data, "gen_ai.usage.input_tokens", "data.gen_ai.usage.input_tokens", errors);
            output = count(i, id, data, "gen_ai.usage.output_tokens", "data.gen_ai.usage.output_tokens", errors);
            requireModel(i, id, model, "data.gen_ai.request.model", errors);
        } else {
            errors.add(i, id, "data", "has none of {model, type, tokens}, OpenAI's prompt_tokens/completion_tokens"
                    + " and gen_ai.usage.input_tokens/output_tokens");
        }
        return new UsageEventRequest(eventId(event.getSource().toString(), event.getId()), event.getSubject(), model,
                event.getTime() == null ? null : event.getTime().toInstant(), input, output);
    }

    /** JSON bytes read as every JSON body of the suite is, into the SDK's tree: a 400's reason when they are not. */
    @Nullable
    JsonNode readJson(byte[] bytes) {
        try (JsonParser parser = JsonTrees.parser(json, bytes)) {
            if (parser.nextToken() == null) {
                return null;
            }
            JsonNode tree = FORMAT.readTree(parser);
            JsonTrees.end(parser);
            return tree;
        } catch (IOException e) {
            throw JsonTrees.fault(e);
        }
    }

    private static void textRule(int i, String id, String attribute, String value, BatchErrors errors) {
        String problem = StoredText.problem(value);
        if (problem != null) {
            errors.add(i, id, attribute, problem);
        }
    }

    private static void requireModel(int i, String id, String model, String field, BatchErrors errors) {
        if (model == null) {
            errors.add(i, id, field, "is required: the model the tokens were used on");
        }
    }

    /** An object's member when it is text, else null. */
    private static String text(JsonNode node, String key) {
        JsonNode value = node.isObject() ? node.get(key) : null;
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /**
     * A token count: a whole, non-negative JSON number, or numeric text as OpenMeter's value property reads it
     * ({@code "15"}; {@code "1e3"}); absent counts as 0 but for OpenMeter's {@code tokens} and OpenAI's prompt tokens.
     */
    private static Long count(int i, String id, JsonNode data, String key, String field, BatchErrors errors) {
        JsonNode v = data.get(key);
        if (v == null || v.isNull()) {
            if (REQUIRED_COUNTS.contains(key)) {
                errors.add(i, id, field, "is required");
                return null;
            }
            return 0L;
        }
        if (v.isTextual()) {
            BigDecimal n = numericText(v.textValue());
            if (n == null) {
                errors.add(i, id, field, "must be a number of tokens, as a JSON number or numeric text (was " + v + ")");
                return null;
            }
            if (n.scale() > 0 || n.signum() < 0 || n.compareTo(MAX_LONG) > 0) {
                errors.add(i, id, field, "must be a whole, non-negative number of tokens (was " + v + ")");
                return null;
            }
            return n.longValueExact();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            errors.add(i, id, field, "must be a whole, non-negative number of tokens (was " + v + ")");
            return null;
        }
        return v.longValue();
    }

    /** Numeric text as a number (a decimal, with an exponent of at most 3 digits), or null when it is none. */
    @Nullable
    private static BigDecimal numericText(String text) {
        if (text.length() > 40 || !NUMERIC_TEXT.matcher(text).matches()) {
            return null;
        }
        return new BigDecimal(text);
    }

    /** What a CloudEvent calls a field of {@link UsageIngestService}'s rules. */
    static String fieldOf(String usageField) {
        return FIELDS.getOrDefault(usageField, usageField);
    }

    /** The CloudEvents SDK names the attribute it refused in its message; answer that attribute, else "event". */
    private static String field(String message) {
        for (String attribute : List.of("specversion", "time", "source", "type", "subject", "id", "datacontenttype", "data")) {
            if (message != null && message.contains(attribute)) {
                return attribute;
            }
        }
        return "event";
    }

    /** The usage event id of a CloudEvent: {@code ce:} and the SHA-256 of its source and id. */
    static String eventId(String source, String id) {
        return ID_PREFIX + Sha256.hex(source, id);
    }
}
