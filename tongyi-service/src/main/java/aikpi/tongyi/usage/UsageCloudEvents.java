package aikpi.tongyi.usage;

import aikpi.platform.ingest.IngestResult;
import aikpi.platform.json.JsonTrees;
import aikpi.platform.problem.BatchErrors;
import aikpi.platform.problem.BatchRejectedException;
import aikpi.platform.problem.ItemError;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.Sha256;
import aikpi.vocabulary.StoredText;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jackson.core.tree.JsonNodeTreeCodec;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Token usage as CloudEvents 1.0 in structured JSON mode, one event or a batch ({@code application/cloudevents+json},
 * {@code application/cloudevents-batch+json}), read with the CloudEvents Java SDK and turned into the usage events
 * of {@link UsageIngestService}, which applies its own rules, atomicity and dedup: the two paths feed the same
 * rollups.
 *
 * <ul>
 *   <li><b>Identity</b>: the CloudEvents rule, ({@code source}, {@code id}) identifies an event. It is stored as the
 *       usage event id {@code ce:} + the SHA-256 of source and id, so the database's primary key counts a repeated
 *       pair once, forever; the same id from another source is another event.</li>
 *   <li>{@code subject} is the customer id; {@code time} (RFC 3339) the instant; {@code type} one of
 *       {@code kpi.usage.cloudevents.types}.</li>
 *   <li>{@code data}, a JSON object in one of two shapes: OpenMeter's LLM metering example
 *       {@code {"model": m, "type": "input"|"output", "tokens": n}}, one event per token kind; or OpenTelemetry's GenAI
 *       attributes {@code {"gen_ai.request.model": m, "gen_ai.usage.input_tokens": n, "gen_ai.usage.output_tokens": k}},
 *       where {@code gen_ai.response.model}, when present, is the model counted.</li>
 * </ul>
 */
@Singleton
public class UsageCloudEvents {

    public static final String SINGLE = "application/cloudevents+json";
    public static final String BATCH = "application/cloudevents-batch+json";
    static final String ID_PREFIX = "ce:";
    /** What {@link UsageIngestService} calls a field, as a CloudEvent names it. */
    private static final Map<String, String> FIELDS = Map.of("eventId", "id", "customerId", "subject", "modelId",
            "data.model", "occurredAt", "time", "inputTokens", "data.tokens", "outputTokens", "data.tokens");

    /**
     * The SDK's own JSON format turns each event of the body's tree into a {@link CloudEvent}; Jackson databind is
     * only its vehicle. The body itself is read as every body is.
     */
    private static final ObjectMapper FORMAT = new ObjectMapper().registerModule(JsonFormat.getCloudEventJacksonModule());

    private final JsonMapper json;
    private final UsageIngestService ingest;
    private final Set<String> types;

    public UsageCloudEvents(JsonMapper json, UsageIngestService ingest,
                            @Value("${kpi.usage.cloudevents.types:tokens,gen_ai.client.token.usage,com.alibaba.tongyi.usage}")
                            List<String> types) {
        this.json = json;
        this.ingest = ingest;
        this.types = Set.copyOf(types.stream().map(String::strip).toList());
    }

    /** One event ({@link #SINGLE}) or a JSON array of them ({@link #BATCH}), stored as {@link UsageIngestService} does. */
    public IngestResult ingest(byte[] body, boolean batch) {
        JsonNode tree = JsonTrees.read(json, body);
        List<JsonNode> events = new ArrayList<>();
        if (batch) {
            if (tree == null || !tree.isArray()) {
                throw new InvalidRequestException("A " + BATCH + " body is a JSON array of CloudEvents.");
            }
            tree.values().forEach(events::add);
        } else {
            if (tree == null || !tree.isObject()) {
                throw new InvalidRequestException("A " + SINGLE + " body is one CloudEvent, a JSON object; "
                        + "send a batch as " + BATCH + ".");
            }
            events.add(tree);
        }
        BatchErrors.checkSize(events, ingest.maxBatchSize());
        BatchErrors errors = new BatchErrors();
        List<UsageEventRequest> requests = new ArrayList<>(events.size());
        List<String> ids = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            JsonNode node = events.get(i);
            String id = JsonTrees.text(node, "id");
            ids.add(id);
            requests.add(request(i, id, node, errors));
        }
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
                    all.add(new ItemError(x.index(), ids.get(x.index()), fieldOf(x.field()),
                            x.message()));
                }
            }
        }
        all.addAll(errors.errors());
        all.sort(Comparator.comparingInt(ItemError::index));
        throw new BatchRejectedException(all);
    }

    /** The usage event a CloudEvent stands for; its faults are recorded (fields it lacks stay null for the usage rules). */
    private UsageEventRequest request(int i, String id, JsonNode node, BatchErrors errors) {
        JsonNode version = JsonTrees.member(node, "specversion");
        if (version == null || !version.isString() || !SpecVersion.V1.toString().equals(version.getStringValue())) {
            errors.add(i, id, "specversion", "must be \"1.0\" (was " + (version == null ? "absent"
                    : JsonTrees.json(version)) + ")");
            return new UsageEventRequest(null, null, null, null, null, null);
        }
        CloudEvent event;
        try {
            JsonParser tokens = JsonNodeTreeCodec.getInstance().treeAsTokens(node);
            tokens.setCodec(FORMAT);
            event = FORMAT.readValue(tokens, CloudEvent.class);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            errors.add(i, id, field(why), "is not a valid CloudEvent: " + why);
            return new UsageEventRequest(null, null, null, null, null, null);
        }
        // JSON data is in the body's tree already: read from there, not from bytes again.
        return request(i, id, event, event.getData() instanceof JsonCloudEventData ? JsonTrees.member(node, "data")
                : null, errors);
    }

    /**
     * The usage event a CloudEvent read by the SDK stands for (from a Kafka record in either content mode); its faults
     * are recorded, and the fields it lacks stay null for the usage rules.
     */
    UsageEventRequest request(int i, String id, CloudEvent event, BatchErrors errors) {
        return request(i, id, event, null, errors);
    }

    /** @param jsonData the event's JSON data as already read (the body's tree); null: read the event's data here */
    UsageEventRequest request(int i, String id, CloudEvent event, @Nullable JsonNode jsonData,
                                      BatchErrors errors) {
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
        if (data == null && event.getData() != null) {
            try {
                data = readJson(event.getData().toBytes());
            } catch (InvalidRequestException e) {
                errors.add(i, shownId, "data", e.getMessage());
            }
        }
        if (data == null || !data.isObject()) {
            errors.add(i, id, "data", "must be a JSON object: {model, type, tokens} or OpenTelemetry's gen_ai.* attributes");
        } else if (JsonTrees.member(data, "tokens") != null || JsonTrees.member(data, "type") != null) {
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
                        + (data.get("type") == null ? "null" : JsonTrees.json(data.get("type"))) + ")");
            }
            requireModel(i, id, model, "data.model", errors);
        } else if (data.get("gen_ai.usage.input_tokens") != null || data.get("gen_ai.usage.output_tokens") != null) {
            model = text(data, "gen_ai.response.model") != null ? text(data, "gen_ai.response.model")
                    : text(data, "gen_ai.request.model");
            input = count(i, id, data, "gen_ai.usage.input_tokens", "data.gen_ai.usage.input_tokens", errors);
            output = count(i, id, data, "gen_ai.usage.output_tokens", "data.gen_ai.usage.output_tokens", errors);
            requireModel(i, id, model, "data.gen_ai.request.model", errors);
        } else {
            errors.add(i, id, "data", "has neither {model, type, tokens} nor gen_ai.usage.input_tokens/output_tokens");
        }
        return new UsageEventRequest(eventId(event.getSource().toString(), event.getId()), event.getSubject(), model,
                event.getTime() == null ? null : event.getTime().toInstant(), input, output);
    }

    /** JSON bytes read as every JSON body of the suite is: a 400's reason when they are not. */
    JsonNode readJson(byte[] bytes) {
        return JsonTrees.read(json, bytes);
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

    private static String text(JsonNode data, String key) {
        return JsonTrees.text(data, key);
    }

    /** A token count: a whole, non-negative JSON number; absent counts as 0 only for OpenTelemetry's pair. */
    private static Long count(int i, String id, JsonNode data, String key, String field, BatchErrors errors) {
        JsonNode v = data.get(key);
        if (v == null || v.isNull()) {
            if (key.equals("tokens")) {
                errors.add(i, id, field, "is required");
                return null;
            }
            return 0L;
        }
        Long tokens = JsonTrees.longValue(v);
        if (tokens == null || tokens < 0) {
            errors.add(i, id, field, "must be a whole, non-negative number of tokens (was " + JsonTrees.json(v) + ")");
            return null;
        }
        return tokens;
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
