package aikpi.platform.json;

import aikpi.vocabulary.InvalidRequestException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.micronaut.core.type.Argument;
import io.micronaut.jackson.core.tree.JsonNodeTreeCodec;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/**
 * Bodies that an adapter takes apart itself (Segment calls, CloudEvents, a Hub listing): read as a tree by the suite's
 * one mapper, so under every rule a body meets ({@link StrictJsonMapper}), with the look-ups such an adapter needs.
 */
public final class JsonTrees {

    private static final JsonFactory WRITER = new JsonFactory();
    private static final Argument<JsonNode> TREE = Argument.of(JsonNode.class);

    private JsonTrees() {
    }

    /** The body's one value, null for a blank body; a 400 that says what is wrong when the body breaks a rule. */
    public static JsonNode read(JsonMapper mapper, byte[] body) {
        if (blank(body)) {
            return null;
        }
        try {
            return mapper.readValue(body, TREE);
        } catch (IOException e) {
            throw fault(e);
        }
    }

    /**
     * A parser of {@code body} under every rule {@link #read} applies, for an adapter that hands the body to a format's
     * own Jackson reader (the CloudEvents SDK's) rather than to a tree here first, so that the body is parsed once.
     * The caller ends with {@link #end}; {@link #fault} tells a failure as {@link #read} would.
     */
    public static JsonParser parser(JsonMapper mapper, byte[] body) throws IOException {
        if (!(mapper instanceof StrictJsonMapper strict)) {
            throw new IllegalArgumentException("Bodies are read by StrictJsonMapper, not " + mapper.getClass().getName());
        }
        return strict.parser(body);
    }

    /** After the body's one value, read from {@link #parser}: nothing may follow it. */
    public static void end(JsonParser parser) throws IOException {
        StrictJsonMapper.requireEnd(parser);
    }

    /** A failure of reading a body from {@link #parser}, as the 400 {@link #read} would answer. */
    public static InvalidRequestException fault(IOException e) {
        String described = JsonInput.describe(e);
        return new InvalidRequestException(described == null ? "The body is not JSON." : described);
    }

    private static boolean blank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** An object's member, or null when there is none or {@code node} is not an object. */
    public static JsonNode member(JsonNode node, String key) {
        return node != null && node.isObject() ? node.get(key) : null;
    }

    /** An object's member when it is text, else null. */
    public static String text(JsonNode node, String key) {
        JsonNode value = member(node, key);
        return value != null && value.isString() ? value.getStringValue() : null;
    }

    /** Whether the value is a JSON number without a fraction, of any size. */
    public static boolean isWhole(JsonNode value) {
        return value != null && value.isNumber() && (value.getNumberValue() instanceof Integer
                || value.getNumberValue() instanceof Long || value.getNumberValue() instanceof BigInteger);
    }

    /** A whole number that fits a {@code long}, else null (a fraction, text, a number too large). */
    public static Long longValue(JsonNode value) {
        if (!isWhole(value)) {
            return null;
        }
        return value.getNumberValue() instanceof BigInteger big && big.bitLength() > 63 ? null : value.getLongValue();
    }

    /** The value as JSON text ({@code "abc"}, {@code 1.50}, {@code [1]}), to show a client what it sent. */
    public static String json(JsonNode value) {
        if (value == null) {
            return "null";
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = WRITER.createGenerator(out)) {
            JsonNodeTreeCodec.getInstance().writeTree(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
