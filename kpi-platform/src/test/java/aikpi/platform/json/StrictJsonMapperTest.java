package aikpi.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aikpi.vocabulary.InvalidRequestException;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonFactory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.buffer.ByteArrayBufferFactory;
import io.micronaut.core.type.Argument;
import io.micronaut.jackson.core.tree.JsonNodeTreeCodec;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.JsonStreamConfig;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strict reading, the same cases through every way a body or a part of one reaches the mapper: a byte array, a
 * stream, a Micronaut buffer and a tree. (A tree holds one value and nothing after it, so the trailing-content cases
 * run on the first three only.) The mapper's derivatives are in {@link StrictJsonMapperDerivativesTest}.
 */
class StrictJsonMapperTest {

    enum Kind { ENTERPRISE, INVESTEE }

    @Serdeable
    record Item(String id, long tokens, int turns, boolean converted, BigDecimal amount, LocalDate day, Kind kind,
                @Nullable Integer rating, @Nullable String note) {
    }

    /** A subtype's properties before its discriminator are held back by the deserializer and read afterwards. */
    @Serdeable
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes(@JsonSubTypes.Type(value = Metered.class, name = "metered"))
    interface Usage {
    }

    @Serdeable
    record Metered(long tokens, String model) implements Usage {
    }

    static final String VALID = """
            {"id":"e-1","tokens":1200,"turns":3,"converted":true,"amount":0.10,"day":"2025-04-29",\
            "kind":"ENTERPRISE","rating":null}""";

    /** The ways a document reaches the mapper. */
    enum Input {
        BYTES {
            @Override
            <T> T read(JsonMapper json, String body, Argument<T> type) throws IOException {
                return json.readValue(utf8(body), type);
            }
        },
        STREAM {
            @Override
            <T> T read(JsonMapper json, String body, Argument<T> type) throws IOException {
                return json.readValue(new ByteArrayInputStream(utf8(body)), type);
            }
        },
        /** As a request body arrives, through {@code JacksonCoreParserFactory} (a heap buffer here: no Netty). */
        BUFFER {
            @Override
            <T> T read(JsonMapper json, String body, Argument<T> type) throws IOException {
                return json.readValue(ByteArrayBufferFactory.INSTANCE.wrap(utf8(body)), type);
            }
        },
        /** As Micronaut converts a part of a body; the tree is built without the mapper under test. */
        TREE {
            @Override
            <T> T read(JsonMapper json, String body, Argument<T> type) throws IOException {
                return json.readValueFromTree(tree(body), type);
            }
        };

        abstract <T> T read(JsonMapper json, String body, Argument<T> type) throws IOException;
    }

    /** The inputs that carry text, where something can follow the document. */
    static final EnumSet<Input> TEXT = EnumSet.of(Input.BYTES, Input.STREAM, Input.BUFFER);

    record WrongShape(String field, String value, String refusal) {
        /** {@link #VALID} in a batch, with this field's value replaced (or added, for the absent {@code note}). */
        String body() {
            String item = field.equals("note") ? VALID.replace("}", ",\"note\":" + value + "}")
                    : VALID.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)", "\"" + field + "\":" + value);
            return "[" + item + "]";
        }
    }

    static final List<WrongShape> WRONG_SHAPES = List.of(
            new WrongShape("id", "[\"e-1\"]", "expected text, found an array"),
            new WrongShape("id", "42", "expected text, found a whole number"),
            new WrongShape("id", "true", "expected text, found a boolean"),
            new WrongShape("tokens", "1.5", "expected a whole number, found a fractional number"),
            new WrongShape("tokens", "1200.0", "expected a whole number, found a fractional number"),
            new WrongShape("tokens", "\"1200\"", "expected a whole number, found text"),
            new WrongShape("tokens", "[1200]", "expected a whole number, found an array"),
            new WrongShape("turns", "true", "expected a whole number, found a boolean"),
            new WrongShape("converted", "\"yes\"", "expected true or false, found text"),
            new WrongShape("converted", "1", "expected true or false, found a whole number"),
            new WrongShape("converted", "[true]", "expected true or false, found an array"),
            new WrongShape("amount", "[0.10]", "expected a number or its text, found an array"),
            new WrongShape("amount", "false", "expected a number or its text, found a boolean"),
            new WrongShape("day", "[\"2025-04-29\"]", "expected text, found an array"),
            new WrongShape("kind", "[\"ENTERPRISE\"]", "expected text, found an array"),
            new WrongShape("rating", "4.5", "expected a whole number, found a fractional number"),
            new WrongShape("note", "{}", "expected text, found an object"));

    static final List<String> TRAILING = List.of("}}", "]", "[]", "x", "{}");

    private static ApplicationContext context;
    private static JsonMapper json;

    @BeforeAll
    static void start() {
        context = ApplicationContext.run();
        json = context.getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode tree(String body) throws IOException {
        JsonNodeTreeCodec codec = JsonNodeTreeCodec.getInstance()
                .withConfig(JsonStreamConfig.DEFAULT.withUseBigDecimalForFloats(true));
        return codec.readTree(new JsonFactory().createParser(body));
    }

    private static List<Item> read(Input input, String body) throws IOException {
        return input.read(json, body, Argument.listOf(Item.class));
    }

    static Stream<Arguments> wrongShapes() {
        return EnumSet.allOf(Input.class).stream()
                .flatMap(input -> WRONG_SHAPES.stream().map(shape -> Arguments.of(input, shape)));
    }

    static Stream<Arguments> trailingContent() {
        return TEXT.stream().flatMap(input -> TRAILING.stream().map(trailing -> Arguments.of(input, trailing)));
    }

    @Test
    void theSuiteReadsWithTheStrictMapper() {
        assertThat(json).isInstanceOf(StrictJsonMapper.class);
        assertThat(context.getBean(io.micronaut.serde.ObjectMapper.class)).isSameAs(json);
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void aWellFormedDocumentIsReadExactly(Input input) throws IOException {
        List<Item> items = read(input, "[" + VALID + "]\n  ");

        assertThat(items).containsExactly(new Item("e-1", 1200, 3, true, new BigDecimal("0.10"),
                LocalDate.of(2025, 4, 29), Kind.ENTERPRISE, null, null));
        assertThat(items.get(0).amount().scale()).isEqualTo(2);
        assertThat(input.read(json, "\"plain\"", Argument.STRING)).isEqualTo("plain");
        assertThat(read(input, "[" + VALID.replace("0.10", "\"0.10\"") + "]").get(0).amount())
                .isEqualTo(new BigDecimal("0.10"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("wrongShapes")
    void aValueInTheWrongShapeIsRefused(Input input, WrongShape shape) {
        String body = shape.body();

        assertThat(body).contains("\"" + shape.field() + "\":" + shape.value());
        assertThatThrownBy(() -> read(input, body)).isInstanceOf(IOException.class)
                .hasMessage("[0]." + shape.field() + ": " + shape.refusal());
    }

    /** Bytes that are not UTF-8: Jackson's own decoder read an overlong C0 AF as '/' and CESU-8 surrogates as text. */
    static final List<byte[]> NOT_UTF8 = List.of(
            new byte[] {(byte) 0xC0, (byte) 0xAF},                          // overlong '/'
            new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},             // overlong '/', three bytes
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},             // CESU-8 high surrogate alone
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80}, // CESU-8 pair
            new byte[] {(byte) 0x80},                                       // a stray continuation byte
            new byte[] {(byte) 0xE6, (byte) 0xB1},                          // a cut-off sequence
            new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
            new byte[] {(byte) 0xFF});

    static Stream<Arguments> notUtf8() {
        return TEXT.stream().flatMap(input -> NOT_UTF8.stream().map(bytes -> Arguments.of(input, bytes)));
    }

    private static List<Item> readBytes(Input input, byte[] body) throws IOException {
        Argument<List<Item>> type = Argument.listOf(Item.class);
        return switch (input) {
            case BYTES -> json.readValue(body, type);
            case STREAM -> json.readValue(new ByteArrayInputStream(body), type);
            case BUFFER -> json.readValue(ByteArrayBufferFactory.INSTANCE.wrap(body), type);
            case TREE -> throw new IllegalArgumentException("a tree holds no bytes");
        };
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("notUtf8")
    void bytesThatAreNotUtf8AreRefused(Input input, byte[] bad) {
        byte[] head = utf8("[" + VALID.replace("\"e-1\"", "\"e-"));
        byte[] tail = utf8(VALID.substring(VALID.indexOf("\"e-1\"") + 4) + "]");
        byte[] body = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bad, 0, body, head.length, bad.length);
        System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);

        assertThatThrownBy(() -> readBytes(input, body)).isInstanceOf(JsonSyntaxException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @ParameterizedTest
    @EnumSource(value = Input.class, names = {"BYTES", "STREAM", "BUFFER"})
    void aKeyNamedTwiceIsRefused(Input input) {
        // a login body naming two usernames signed in as the first
        assertThatThrownBy(() -> read(input, "[" + VALID.replace("{", "{\"id\":\"e-0\",") + "]"))
                .isInstanceOf(JsonSyntaxException.class).hasMessageContaining("The key 'id' appears twice")
                .hasMessageNotContaining("StreamReadFeature");
        assertThatThrownBy(() -> input.read(json, "{\"a\":{\"x\":1,\"x\":1}}", Argument.mapOf(String.class, Object.class)))
                .isInstanceOf(JsonSyntaxException.class).hasMessageContaining("The key 'x' appears twice in one object in a");
    }

    /** Text PostgreSQL does not store as sent (U+0000, unpaired surrogates) and the other control characters. */
    static final List<String> NOT_STORABLE = List.of("e\\u0000", "\\u0000", "e-\\ud800", "e-\\udc00", "\\udc00\\ud800",
            "e-\\ud83d", "e\\u001b[31m", "e\\u0007", "e\\u007f", "e\\u0085", "e\\u009b");

    static Stream<Arguments> notStorable() {
        return EnumSet.allOf(Input.class).stream()
                .flatMap(input -> NOT_STORABLE.stream().map(text -> Arguments.of(input, text)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("notStorable")
    void textTheSuiteDoesNotStoreIsRefusedNamingTheField(Input input, String text) {
        assertThatThrownBy(() -> read(input, "[" + VALID.replace("\"e-1\"", "\"" + text + "\"") + "]"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("[0].id contains ");
        assertThatThrownBy(() -> read(input, "[" + VALID.replace("}", ",\"note\":\"" + text + "\"}") + "]"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("[0].note contains ");
        // a key is text too (a map's keys are stored as they come)
        assertThatThrownBy(() -> input.read(json, "{\"d\":{\"" + text + "\":1}}", Argument.mapOf(String.class, Object.class)))
                .isInstanceOf(IOException.class).hasMessageStartingWith("A name in d contains ");
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void textWithTabsLineBreaksAndAnyCharacterIsRead(Input input) throws IOException {
        String text = "a\\tb\\r\\nc 汉字 \\ud83d\\ude80 \\u202e \\u00a0 \\ufeff";
        assertThat(read(input, "[" + VALID.replace("\"e-1\"", "\"" + text + "\"") + "]").get(0).id())
                .isEqualTo("a\tb\r\nc 汉字 \ud83d\ude80 \u202e \u00a0 \ufeff");
    }

    /** Numbers whose text is short but whose value has a billion digits: refused before anything converts them. */
    static final List<String> TOO_LARGE = List.of("1e999999999", "1E-999999999", "-1e999999999", "1e+101", "0.5e-101",
            "1" + "0".repeat(40), "0." + "0".repeat(39) + "1", "1e00000000000000000000000000000000000000101");

    static Stream<Arguments> tooLarge() {
        // A tree holds values, not their text: 0.000…1 is 1E-40 there, small enough.
        return EnumSet.allOf(Input.class).stream().flatMap(input -> TOO_LARGE.stream()
                .filter(n -> input != Input.TREE || !n.startsWith("0.0"))
                .flatMap(n -> Stream.of(Arguments.of(input, "amount", n), Arguments.of(input, "amount", "\"" + n + "\""),
                        Arguments.of(input, "tokens", n), Arguments.of(input, "rating", n))));
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @MethodSource("tooLarge")
    void numbersAreBoundedByDigitsAndExponentBeforeConversion(Input input, String field, String number) {
        String body = "[" + VALID.replaceFirst("\"" + field + "\":[^,}]*", "\"" + field + "\":" + number) + "]";
        assertThat(body).contains(number);
        assertThatThrownBy(() -> read(input, body)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("[0]." + field + " has ");
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void numbersWithinTheBoundsAreRead(Input input) throws IOException {
        Item item = read(input, "[" + VALID.replace("0.10", "\"1" + "0".repeat(39) + "e-100\"") + "]").get(0);
        assertThat(item.amount()).isEqualByComparingTo("1e-61");
        assertThat(read(input, "[" + VALID.replace("0.10", "12345.5e+2") + "]").get(0).amount())
                .isEqualByComparingTo("1234550");
    }

    @Test
    void brokenJsonIsToldWithoutTheParsersNotes() {
        assertThatThrownBy(() -> json.readValue(utf8("{\"a\":1"), Argument.mapOf(String.class, Object.class)))
                .isInstanceOf(JsonSyntaxException.class).hasMessageContaining("The body is not valid JSON: ")
                .hasMessageContaining("line 1, column 1").hasMessageNotContaining("Source")
                .hasMessageNotContaining("StreamReadFeature");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("trailingContent")
    void anythingAfterTheDocumentIsRefused(Input input, String trailing) {
        assertThatThrownBy(() -> read(input, "[" + VALID + "]" + trailing)).isInstanceOf(JsonSyntaxException.class);
    }

    @Test
    void aTreeHoldingAnArrayIsNotText() {
        JsonNode array = JsonNode.createArrayNode(List.of(JsonNode.createStringNode("a")));

        assertThatThrownBy(() -> json.readValueFromTree(array, String.class)).isInstanceOf(IOException.class)
                .hasMessageContaining("expected text, found an array");
    }

    @ParameterizedTest
    @EnumSource(Input.class)
    void aValueHeldBackForTheDiscriminatorIsReadAsStrictly(Input input) throws IOException {
        Argument<Usage> usage = Argument.of(Usage.class);

        assertThat(input.read(json, "{\"tokens\":42,\"model\":\"qwen3\",\"type\":\"metered\"}", usage))
                .isEqualTo(new Metered(42, "qwen3"));
        assertThatThrownBy(() -> input.read(json, "{\"tokens\":42.5,\"model\":\"qwen3\",\"type\":\"metered\"}", usage))
                .isInstanceOf(IOException.class).hasMessageContaining("expected a whole number, found a fractional");
        assertThatThrownBy(() -> input.read(json, "{\"model\":[\"qwen3\"],\"tokens\":1,\"type\":\"metered\"}", usage))
                .isInstanceOf(IOException.class).hasMessageContaining("expected text, found an array");
    }

    @Test
    void writingIsUnchanged() throws IOException {
        Item item = new Item("e-1", 1, 2, false, new BigDecimal("12.50"), LocalDate.of(2024, 12, 31), Kind.INVESTEE,
                5, null);

        assertThat(json.writeValueAsString(item)).isEqualTo("{\"id\":\"e-1\",\"tokens\":1,\"turns\":2,"
                + "\"converted\":false,\"amount\":12.50,\"day\":\"2024-12-31\",\"kind\":\"INVESTEE\",\"rating\":5}");
        assertThat(read(Input.BYTES, "[" + json.writeValueAsString(item) + "]")).containsExactly(item);
        assertThat(read(Input.TREE, "[" + json.writeValueAsString(item) + "]")).containsExactly(item);
        assertThat(json.readValueFromTree(json.writeValueToTree(item), Item.class)).isEqualTo(item);
    }

    /** A body an adapter takes apart itself (Segment, CloudEvents) is read as a tree under the same rules. */
    private static JsonNode adapterTree(String body) {
        return JsonTrees.read(json, utf8(body));
    }

    @Test
    void anAdaptersTreeHoldsFractionsExactlyAndWholeNumbersOfAnySize() {
        JsonNode tree = adapterTree("{\"amount\":12345678901234567.10,\"tokens\":7,\"big\":123456789012345678901,"
                + "\"items\":[{\"x\":0.1}],\"text\":\"a\\\"b\",\"none\":null}");
        assertThat(JsonTrees.member(tree, "amount").getBigDecimalValue()).isEqualTo(new BigDecimal("12345678901234567.10"));
        assertThat(JsonTrees.member(tree.get("items").get(0), "x").getNumberValue()).isEqualTo(new BigDecimal("0.1"));
        assertThat(JsonTrees.longValue(tree.get("tokens"))).isEqualTo(7L);
        assertThat(JsonTrees.isWhole(tree.get("big"))).isTrue();
        assertThat(JsonTrees.longValue(tree.get("big"))).isNull();
        assertThat(JsonTrees.longValue(tree.get("amount"))).isNull();
        assertThat(JsonTrees.text(tree, "text")).isEqualTo("a\"b");
        assertThat(JsonTrees.text(tree, "tokens")).isNull();
        assertThat(JsonTrees.member(tree.get("text"), "x")).isNull();
        assertThat(tree.get("none").isNull()).isTrue();
        assertThat(JsonTrees.json(tree.get("amount"))).isEqualTo("12345678901234567.10");
        assertThat(JsonTrees.json(tree.get("text"))).isEqualTo("\"a\\\"b\"");
        assertThat(JsonTrees.json(tree.get("items"))).isEqualTo("[{\"x\":0.1}]");
        assertThat(adapterTree(" \n")).isNull();
        assertThat(adapterTree("null")).isNull();
    }

    @Test
    void anAdaptersTreeIsReadUnderTheRulesOfEveryBody() {
        assertThatThrownBy(() -> adapterTree("{\"id\":\"a\",\"id\":\"b\"}")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("The key 'id' appears twice");
        assertThatThrownBy(() -> adapterTree("[1] {}")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("something follows its value");
        assertThatThrownBy(() -> adapterTree("[{\"id\":\"a\\u0000\"}]")).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("[0].id contains the control character U+0000");
        assertThatThrownBy(() -> adapterTree("{\"n\":1e999999999}")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("n has an exponent");
        assertThatThrownBy(() -> JsonTrees.read(json, new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'}))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> adapterTree("{\"a\":")).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("The body is not valid JSON");
    }
}
