package aikpi.platform.json;

import aikpi.vocabulary.NumberText;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.core.type.Argument;
import io.micronaut.jackson.core.tree.JsonNodeTreeCodec;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.LimitingStream;
import io.micronaut.serde.jackson.JacksonDecoder;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A decoder that reads a value only in the JSON shape of its Java type: text for text (and for dates, ids and
 * enumerations), {@code true}/{@code false} for a flag, a whole number for a count, a number for an amount. The
 * underlying decoder would otherwise unwrap {@code ["a"]} into {@code "a"}, truncate {@code 1.5} to {@code 1}, read
 * {@code "yes"} as {@code false} and {@code 42} as {@code "42"}; each of those is a client's mistake that must be
 * refused, not guessed at.
 *
 * <p>The next value's shape is seen by asking the underlying decoder whether it is {@code null}: that positions the
 * shared parser on the value's first token without reading it.
 *
 * <p>A value the deserializer has to hold back ({@link #decodeBuffer()}: the properties before a subtype's
 * discriminator, for one) is read again as a tree through a strict decoder of its own; the underlying decoder would
 * hand back one that coerces, so {@code {"number":42.5,"type":"sub"}} would lose its fraction.
 */
final class StrictDecoder implements Decoder {

    private enum Shape {
        TEXT("text", EnumSet.of(JsonToken.VALUE_STRING)),
        FLAG("true or false", EnumSet.of(JsonToken.VALUE_TRUE, JsonToken.VALUE_FALSE)),
        WHOLE_NUMBER("a whole number", EnumSet.of(JsonToken.VALUE_NUMBER_INT)),
        NUMBER("a number", EnumSet.of(JsonToken.VALUE_NUMBER_INT, JsonToken.VALUE_NUMBER_FLOAT)),
        /** An exact decimal, such as an amount, may also be sent as its text ({@code "12.50"}), which loses nothing. */
        DECIMAL("a number or its text", EnumSet.of(JsonToken.VALUE_NUMBER_INT, JsonToken.VALUE_NUMBER_FLOAT,
                JsonToken.VALUE_STRING));

        private final String description;
        private final Set<JsonToken> tokens;

        Shape(String description, Set<JsonToken> tokens) {
            this.description = description;
            this.tokens = tokens;
        }
    }

    private final Decoder delegate;
    private final JsonParser parser;
    private final LimitingStream.RemainingLimits limits;
    private final JsonNodeTreeCodec trees;

    private StrictDecoder(Decoder delegate, JsonParser parser, LimitingStream.RemainingLimits limits,
                          JsonNodeTreeCodec trees) {
        this.delegate = delegate;
        this.parser = parser;
        this.limits = limits;
        this.trees = trees;
    }

    /** A strict decoder of the one value {@code parser} reads, a document's or a tree's. */
    static Decoder over(JsonParser parser, LimitingStream.RemainingLimits limits, JsonNodeTreeCodec trees)
            throws IOException {
        return new StrictDecoder(JacksonDecoder.create(parser, limits), parser, limits, trees);
    }

    /** @return true if the next value is {@code null} (and has been read); otherwise it has been checked for shape */
    private boolean nullOr(Shape shape) throws IOException {
        if (delegate.decodeNull()) {
            return true;
        }
        JsonToken token = parser.currentToken();
        if (!shape.tokens.contains(token)) {
            throw mismatch(shape, token);
        }
        return false;
    }

    private void require(Shape shape) throws IOException {
        if (nullOr(shape)) {
            throw mismatch(shape, JsonToken.VALUE_NULL);
        }
    }

    private IOException mismatch(Shape shape, JsonToken found) {
        return createDeserializationException("expected " + shape.description + ", found " + describe(found), null);
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the input";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a fractional number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    private Decoder wrap(Decoder child) {
        return child == delegate ? this : new StrictDecoder(child, parser, limits, trees);
    }

    @Override
    public Decoder decodeArray(Argument<?> type) throws IOException {
        return wrap(delegate.decodeArray(type));
    }

    @Override
    public Decoder decodeArray() throws IOException {
        return wrap(delegate.decodeArray());
    }

    @Override
    public boolean hasNextArrayValue() throws IOException {
        return delegate.hasNextArrayValue();
    }

    @Override
    public Decoder decodeObject(Argument<?> type) throws IOException {
        return wrap(delegate.decodeObject(type));
    }

    @Override
    public Decoder decodeObject() throws IOException {
        return wrap(delegate.decodeObject());
    }

    @Override
    public String decodeKey() throws IOException {
        return delegate.decodeKey();
    }

    @Override
    public String decodeString() throws IOException {
        require(Shape.TEXT);
        return delegate.decodeString();
    }

    @Override
    public String decodeStringNullable() throws IOException {
        return nullOr(Shape.TEXT) ? null : delegate.decodeString();
    }

    @Override
    public boolean decodeBoolean() throws IOException {
        require(Shape.FLAG);
        return delegate.decodeBoolean();
    }

    @Override
    public Boolean decodeBooleanNullable() throws IOException {
        return nullOr(Shape.FLAG) ? null : delegate.decodeBoolean();
    }

    @Override
    public byte decodeByte() throws IOException {
        require(Shape.WHOLE_NUMBER);
        return delegate.decodeByte();
    }

    @Override
    public Byte decodeByteNullable() throws IOException {
        return nullOr(Shape.WHOLE_NUMBER) ? null : delegate.decodeByte();
    }

    @Override
    public short decodeShort() throws IOException {
        require(Shape.WHOLE_NUMBER);
        return delegate.decodeShort();
    }

    @Override
    public Short decodeShortNullable() throws IOException {
        return nullOr(Shape.WHOLE_NUMBER) ? null : delegate.decodeShort();
    }

    @Override
    public char decodeChar() throws IOException {
        require(Shape.TEXT);
        return delegate.decodeChar();
    }

    @Override
    public Character decodeCharNullable() throws IOException {
        return nullOr(Shape.TEXT) ? null : delegate.decodeChar();
    }

    @Override
    public Number decodeNumber() throws IOException {
        require(Shape.NUMBER);
        return delegate.decodeNumber();
    }

    @Override
    public Number decodeNumberNullable() throws IOException {
        return nullOr(Shape.NUMBER) ? null : delegate.decodeNumber();
    }

    @Override
    public int decodeInt() throws IOException {
        require(Shape.WHOLE_NUMBER);
        return delegate.decodeInt();
    }

    @Override
    public Integer decodeIntNullable() throws IOException {
        return nullOr(Shape.WHOLE_NUMBER) ? null : delegate.decodeInt();
    }

    @Override
    public long decodeLong() throws IOException {
        require(Shape.WHOLE_NUMBER);
        return delegate.decodeLong();
    }

    @Override
    public Long decodeLongNullable() throws IOException {
        return nullOr(Shape.WHOLE_NUMBER) ? null : delegate.decodeLong();
    }

    @Override
    public float decodeFloat() throws IOException {
        require(Shape.NUMBER);
        return delegate.decodeFloat();
    }

    @Override
    public Float decodeFloatNullable() throws IOException {
        return nullOr(Shape.NUMBER) ? null : delegate.decodeFloat();
    }

    @Override
    public double decodeDouble() throws IOException {
        require(Shape.NUMBER);
        return delegate.decodeDouble();
    }

    @Override
    public Double decodeDoubleNullable() throws IOException {
        return nullOr(Shape.NUMBER) ? null : delegate.decodeDouble();
    }

    @Override
    public BigInteger decodeBigInteger() throws IOException {
        require(Shape.WHOLE_NUMBER);
        return delegate.decodeBigInteger();
    }

    @Override
    public BigInteger decodeBigIntegerNullable() throws IOException {
        return nullOr(Shape.WHOLE_NUMBER) ? null : delegate.decodeBigInteger();
    }

    @Override
    public BigDecimal decodeBigDecimal() throws IOException {
        require(Shape.DECIMAL);
        return boundedDecimal();
    }

    @Override
    public BigDecimal decodeBigDecimalNullable() throws IOException {
        return nullOr(Shape.DECIMAL) ? null : boundedDecimal();
    }

    /** An amount sent as text ({@code "12.50"}) is bounded as a number token is, before it is converted. */
    private BigDecimal boundedDecimal() throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return delegate.decodeBigDecimal();
        }
        String where = CheckedJsonParser.path(parser.getParsingContext());
        String problem = NumberText.problem(parser.getText());
        if (problem != null) {
            throw new JsonInputException(where + " " + problem + ".");
        }
        try {
            return delegate.decodeBigDecimal();
        } catch (IOException notANumber) {
            throw new JsonInputException(where + ": expected a number or its text, found text that is not a number",
                    notANumber);
        }
    }

    @Override
    public boolean decodeNull() throws IOException {
        return delegate.decodeNull();
    }

    @Override
    public Object decodeArbitrary() throws IOException {
        return delegate.decodeArbitrary();
    }

    /** A tree holds a fraction exactly, as a {@link BigDecimal}: the underlying decoder makes it a double. */
    @Override
    public JsonNode decodeNode() throws IOException {
        if (delegate.decodeNull()) {
            return JsonNode.nullNode();
        }
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                Decoder object = decodeObject();
                Map<String, JsonNode> members = new LinkedHashMap<>();
                for (String key = object.decodeKey(); key != null; key = object.decodeKey()) {
                    members.put(key, object.decodeNode());
                }
                object.finishStructure();
                return JsonNode.createObjectNode(members);
            }
            case START_ARRAY -> {
                Decoder array = decodeArray();
                List<JsonNode> items = new ArrayList<>();
                while (array.hasNextArrayValue()) {
                    items.add(array.decodeNode());
                }
                array.finishStructure();
                return JsonNode.createArrayNode(items);
            }
            case VALUE_NUMBER_FLOAT -> {
                return JsonNode.createNumberNode(delegate.decodeBigDecimal());
            }
            default -> {
                return delegate.decodeNode();
            }
        }
    }

    @Override
    public Decoder decodeBuffer() throws IOException {
        return over(trees.treeAsTokens(delegate.decodeNode()), limits, trees);
    }

    @Override
    public void skipValue() throws IOException {
        delegate.skipValue();
    }

    @Override
    public void finishStructure() throws IOException {
        delegate.finishStructure();
    }

    @Override
    public void finishStructure(boolean consumeLeftElements) throws IOException {
        delegate.finishStructure(consumeLeftElements);
    }

    /**
     * A failure named by the field it is in ({@code [3].inputTokens: expected a whole number, found text}), without
     * the parser's location and source notes the underlying decoder appends.
     */
    @Override
    public IOException createDeserializationException(String message, Object invalidValue) {
        String text = message == null || message.isEmpty() ? "is not valid"
                : Character.toLowerCase(message.charAt(0)) + message.substring(1);
        // On an array or object the parser has entered it already: the value is where its parent context is.
        JsonToken token = parser.currentToken();
        boolean entered = token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT;
        return new JsonInputException(CheckedJsonParser.path(entered ? parser.getParsingContext().getParent()
                : parser.getParsingContext()) + ": " + text);
    }
}
