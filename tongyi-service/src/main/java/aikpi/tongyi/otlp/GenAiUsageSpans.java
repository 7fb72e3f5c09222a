package aikpi.tongyi.otlp;

import aikpi.platform.ingest.IngestCounters;
import aikpi.platform.ingest.IngestResult;
import aikpi.platform.problem.BatchErrors;
import aikpi.platform.problem.ItemError;
import aikpi.security.audit.AuditCounts;
import aikpi.security.audit.AuditedResult;
import aikpi.security.audit.AuditedWrite;
import aikpi.tongyi.usage.UsageEventRequest;
import aikpi.tongyi.usage.UsageIngestService;
import aikpi.vocabulary.StoredText;
import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenTelemetry spans that report token usage under the GenAI semantic conventions, as the usage events of
 * {@link UsageIngestService}, which applies its rules and dedup: the same rollups as every other usage path.
 *
 * <ul>
 *   <li>A span is usage when it carries {@code gen_ai.usage.input_tokens} or {@code gen_ai.usage.output_tokens}
 *       (the other counts 0); every other span is ignored, and counted.</li>
 *   <li><b>Identity</b>: (trace id, span id), stored as the event id {@code otlp:<trace>:<span>} with the span's end as
 *       its time, so an export sent again is counted once.</li>
 *   <li>The model is {@code gen_ai.response.model}, else {@code gen_ai.request.model}; the customer the configured
 *       attribute ({@code kpi.usage.otlp.customer-attribute}, default {@code enduser.id}), on the span, else on its
 *       resource.</li>
 *   <li>A usage span the rules refuse (no customer, an unknown model...) is rejected alone, and said so in OTLP's
 *       partial success: the others are stored, and the exporter does not send again what would be refused again.</li>
 * </ul>
 */
@Singleton
public class GenAiUsageSpans {

    static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
    static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    static final String RESPONSE_MODEL = "gen_ai.response.model";
    static final String REQUEST_MODEL = "gen_ai.request.model";
    static final String ID_PREFIX = "otlp:";
    /** The reasons an answer spells out; the count says how many more there were. */
    private static final int REASONS_SHOWN = 10;

    private final UsageIngestService ingest;
    private final String customerAttribute;
    private final IngestCounters counters;
    private final Clock clock;

    public GenAiUsageSpans(UsageIngestService ingest, MeterRegistry registry, Clock clock,
                           @Value("${kpi.usage.otlp.customer-attribute:enduser.id}") String customerAttribute) {
        this.ingest = ingest;
        this.clock = clock;
        this.customerAttribute = customerAttribute.strip();
        this.counters = IngestCounters.ignoring(registry, "otlp-spans");
    }

    /** What became of the spans of one export. */
    public record Outcome(int accepted, int duplicates, int rejected, int ignored, List<String> reasons)
            implements AuditedResult {

        /** Why spans were rejected, in English, for OTLP's {@code partial_success.error_message}. */
        String errorMessage() {
            StringBuilder message = new StringBuilder().append(rejected).append(" of ")
                    .append(accepted + duplicates + rejected).append(" usage spans rejected (sending them again will "
                            + "not change that): ");
            message.append(String.join("; ", reasons.subList(0, Math.min(REASONS_SHOWN, reasons.size()))));
            if (reasons.size() > REASONS_SHOWN) {
                message.append("; and ").append(reasons.size() - REASONS_SHOWN).append(" more");
            }
            return message.toString();
        }

        @Override
        public AuditCounts auditCounts() {
            AuditCounts stored = AuditCounts.batch(accepted, duplicates);
            return new AuditCounts((long) accepted + duplicates + rejected, stored.accepted(), stored.duplicates(),
                    rejected > 0 ? "PARTIAL" : stored.outcome());
        }
    }

    /** Stores the usage the export's spans report, in batches the usage rules take, and answers what became of them. */
    @AuditedWrite
    public Outcome ingest(ExportTraceServiceRequest export) {
        Instant received = clock.instant(); // one receipt for every batch of the export
        List<UsageEventRequest> events = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int ignored = 0;
        for (ResourceSpans resource : export.getResourceSpansList()) {
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    AnyValue input = attribute(span.getAttributesList(), INPUT_TOKENS);
                    AnyValue output = attribute(span.getAttributesList(), OUTPUT_TOKENS);
                    if (input == null && output == null) {
                        ignored++;
                        continue;
                    }
                    List<String> faults = new ArrayList<>();
                    UsageEventRequest event = event(span, resource, input, output, faults);
                    if (faults.isEmpty()) {
                        events.add(event);
                        names.add(name(span));
                    } else {
                        reasons.add(name(span) + ": " + String.join("; ", faults));
                    }
                }
            }
        }
        int rejected = reasons.size();
        int accepted = 0;
        int duplicates = 0;
        for (int start = 0; start < events.size(); start += ingest.maxBatchSize()) {
            int from = start;
            int to = Math.min(events.size(), from + ingest.maxBatchSize());
            BatchErrors ruleErrors = new BatchErrors();
            IngestResult stored = ingest.ingestValid(events.subList(from, to), ruleErrors, received);
            accepted += stored.accepted();
            duplicates += stored.duplicates();
            Map<Integer, List<String>> refused = new LinkedHashMap<>();
            for (ItemError e : ruleErrors.errors()) {
                refused.computeIfAbsent(e.index(), i -> new ArrayList<>()).add(attributeOf(e.field()) + ": " + e.message());
            }
            refused.forEach((i, faults) -> reasons.add(names.get(from + i) + ": " + String.join("; ", faults)));
            rejected += refused.size();
        }
        counters.accepted(accepted);
        counters.duplicates(duplicates);
        counters.rejected(rejected);
        counters.ignored(ignored);
        return new Outcome(accepted, duplicates, rejected, ignored, List.copyOf(reasons));
    }

    /** The usage event a span reports; what keeps it from being one is added to {@code faults}. */
    private UsageEventRequest event(Span span, ResourceSpans resource, @Nullable AnyValue input, @Nullable AnyValue output,
                                    List<String> faults) {
        if (!validId(span.getTraceId(), 16) || !validId(span.getSpanId(), 8)) {
            faults.add("traceId and spanId must be 16 and 8 bytes, not all zero (they identify the usage)");
        }
        String customer = text(span.getAttributesList(), customerAttribute);
        if (customer == null) {
            customer = text(resource.getResource().getAttributesList(), customerAttribute);
        }
        if (customer == null) {
            faults.add("no '" + customerAttribute + "' attribute (the customer id) on the span or its resource");
        }
        String model = text(span.getAttributesList(), RESPONSE_MODEL);
        if (model == null) {
            model = text(span.getAttributesList(), REQUEST_MODEL);
        }
        if (model == null) {
            faults.add("neither " + RESPONSE_MODEL + " nor " + REQUEST_MODEL + " (the model the tokens were used on)");
        }
        textRule(customerAttribute, customer, faults);
        textRule("the model", model, faults);
        Long in = tokens(INPUT_TOKENS, input, faults);
        Long out = tokens(OUTPUT_TOKENS, output, faults);
        if (span.getEndTimeUnixNano() == 0) {
            faults.add("endTimeUnixNano is not set (when the tokens were used)");
        }
        // fixed64 nanoseconds since the epoch: unsigned, so read as such (a negative long is a time after 2262).
        Instant end = span.getEndTimeUnixNano() < 0 ? Instant.MAX
                : Instant.ofEpochSecond(0, span.getEndTimeUnixNano());
        return new UsageEventRequest(eventId(span), customer, model, end, in, out);
    }

    /** A token count: an integer attribute (a double without a fraction is taken too); absent counts 0. */
    private static Long tokens(String key, @Nullable AnyValue value, List<String> faults) {
        if (value == null) {
            return 0L;
        }
        if (value.hasIntValue()) {
            return value.getIntValue();
        }
        if (value.hasDoubleValue() && value.getDoubleValue() == Math.rint(value.getDoubleValue())
                && Math.abs(value.getDoubleValue()) < 1e15) {
            return (long) value.getDoubleValue();
        }
        faults.add(key + " must be a whole number of tokens (an int attribute), was " + shown(value));
        return null;
    }

    private static String shown(AnyValue value) {
        String text = value.toString().strip().replaceAll("\\s+", " ");
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    private static void textRule(String what, @Nullable String value, List<String> faults) {
        String problem = value == null ? null : StoredText.problem(value);
        if (problem != null) {
            faults.add(what + " " + problem);
        }
    }

    private static boolean validId(ByteString id, int length) {
        if (id.size() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (id.byteAt(i) != 0) {
                return true;
            }
        }
        return false;
    }

    @Nullable
    private static AnyValue attribute(List<KeyValue> attributes, String key) {
        for (KeyValue kv : attributes) {
            if (kv.getKey().equals(key)) {
                return kv.getValue();
            }
        }
        return null;
    }

    /** A string attribute's value; null when it is absent, empty, or not a string. */
    @Nullable
    private static String text(List<KeyValue> attributes, String key) {
        AnyValue value = attribute(attributes, key);
        return value != null && value.hasStringValue() && !value.getStringValue().isBlank() ? value.getStringValue() : null;
    }

    /** What a span's attribute is called in the usage rules' terms. */
    private String attributeOf(String usageField) {
        return switch (usageField) {
            case "customerId" -> customerAttribute;
            case "modelId" -> "model";
            case "occurredAt" -> "endTimeUnixNano";
            case "inputTokens" -> INPUT_TOKENS;
            case "outputTokens" -> OUTPUT_TOKENS;
            default -> usageField;
        };
    }

    private static String name(Span span) {
        return "span " + HexFormat.of().formatHex(span.getSpanId().toByteArray()) + " of trace "
                + HexFormat.of().formatHex(span.getTraceId().toByteArray());
    }

    /** The usage event id of a span: {@code otlp:} and its trace and span ids in hex. */
    static String eventId(Span span) {
        return ID_PREFIX + HexFormat.of().formatHex(span.getTraceId().toByteArray()) + ":"
                + HexFormat.of().formatHex(span.getSpanId().toByteArray());
    }
}
