package aikpi.tongyi.otlp;

import aikpi.platform.json.JsonTrees;
import aikpi.vocabulary.InvalidRequestException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * The two payload encodings of OTLP/HTTP, read and written with the protocol's generated classes. Binary protobuf is
 * protobuf's own; JSON is protobuf's JSON mapping (protobuf-java-util's {@link JsonFormat}) with OTLP's deviations:
 * trace and span ids are hex, not base64 (a 32-digit hex id is valid base64 too, so it would be read silently as 24
 * wrong bytes: they are turned into base64 first), and unknown fields are ignored.
 */
enum OtlpEncoding {

    PROTOBUF(OtlpEncoding.PROTOBUF_TYPE),
    JSON(MediaType.APPLICATION_JSON);

    static final String PROTOBUF_TYPE = "application/x-protobuf";

    /** The byte fields OTLP/JSON writes as hex, in every message (Span, Link, LogRecord...), under either spelling. */
    private static final Set<String> HEX_IDS = Set.of("traceId", "spanId", "parentSpanId", "trace_id", "span_id",
            "parent_span_id");
    private static final JsonFactory WRITER = new JsonFactory();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private final String mediaType;

    OtlpEncoding(String mediaType) {
        this.mediaType = mediaType;
    }

    String mediaType() {
        return mediaType;
    }

    /** The encoding of a request's Content-Type; null for any other (the route takes only these two). */
    @Nullable
    static OtlpEncoding of(@Nullable MediaType contentType) {
        if (contentType == null) {
            return null;
        }
        String name = contentType.getName();
        return name.equalsIgnoreCase(PROTOBUF_TYPE) ? PROTOBUF : name.equalsIgnoreCase(MediaType.APPLICATION_JSON) ? JSON : null;
    }

    /** An export request in this encoding; a 400 that says what is wrong when the body is not one. */
    ExportTraceServiceRequest read(byte[] body, JsonMapper json) {
        try {
            if (this == PROTOBUF) {
                return ExportTraceServiceRequest.parseFrom(body);
            }
            ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
            PARSER.merge(withBase64Ids(body, json), request);
            return request.build();
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidRequestException("The body is not an OTLP ExportTraceServiceRequest in "
                    + (this == PROTOBUF ? "binary protobuf" : "OTLP/JSON") + ": " + e.getMessage());
        }
    }

    byte[] write(Message message) {
        if (this == PROTOBUF) {
            return message.toByteArray();
        }
        try {
            return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("OTLP's own messages print as JSON", e);
        }
    }

    /**
     * The JSON body, read under the rules every body meets ({@link JsonTrees#parser}), token by token, with each hex id
     * written as the base64 that protobuf's JSON mapping reads.
     */
    private static String withBase64Ids(byte[] body, JsonMapper json) {
        StringWriter out = new StringWriter(body.length + 16);
        try (JsonParser parser = JsonTrees.parser(json, body); JsonGenerator generator = WRITER.createGenerator(out)) {
            if (parser.nextToken() == null) {
                throw new InvalidRequestException("The body is empty: send an OTLP ExportTraceServiceRequest.");
            }
            int depth = 0;
            do {
                JsonToken token = parser.currentToken();
                if (token == JsonToken.VALUE_STRING && depth > 0 && HEX_IDS.contains(parser.currentName())) {
                    generator.writeString(base64(parser.currentName(), parser.getText()));
                } else {
                    generator.copyCurrentEvent(parser);
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                }
            } while (depth > 0 && parser.nextToken() != null);
            JsonTrees.end(parser);
        } catch (IOException e) {
            throw JsonTrees.fault(e);
        }
        return out.toString();
    }

    private static String base64(String field, String hex) {
        try {
            return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field + ": '" + (hex.length() > 40 ? hex.substring(0, 40) + "..." : hex)
                    + "' is not hex; OTLP/JSON writes trace and span ids as hex strings.");
        }
    }
}
