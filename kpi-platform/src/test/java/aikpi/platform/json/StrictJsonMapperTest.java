package aikpi.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictJsonMapperTest {

    enum Kind { ENTERPRISE, INVESTEE }

    @Serdeable
    record Item(String id, long tokens, int turns, boolean converted, BigDecimal amount, LocalDate day, Kind kind,
                @Nullable Integer rating, @Nullable String note) {
    }

    private static final String VALID = """
            {"id":"e-1","tokens":1200,"turns":3,"converted":true,"amount":0.10,"day":"2025-04-29",\
            "kind":"ENTERPRISE","rating":null}""";

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

    private static List<Item> read(String body) throws IOException {
        return json.readValue(body.getBytes(StandardCharsets.UTF_8), Argument.listOf(Item.class));
    }

    @Test
    void theSuiteReadsWithTheStrictMapper() {
        assertThat(json).isInstanceOf(StrictJsonMapper.class);
        assertThat(context.getBean(io.micronaut.serde.ObjectMapper.class)).isSameAs(json);
    }

    @Test
    void aWellFormedDocumentIsReadExactly() throws IOException {
        List<Item> items = read("[" + VALID + "]\n  ");

        assertThat(items).containsExactly(new Item("e-1", 1200, 3, true, new BigDecimal("0.10"),
                LocalDate.of(2025, 4, 29), Kind.ENTERPRISE, null, null));
        assertThat(items.get(0).amount().scale()).isEqualTo(2);
        assertThat(json.readValue("\"plain\"", Argument.STRING)).isEqualTo("plain");
        assertThat(read("[" + VALID.replace("0.10", "\"0.10\"") + "]").get(0).amount()).isEqualTo(new BigDecimal("0.10"));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "id        | [\"e-1\"]        | Expected text, found an array",
        "id        | 42               | Expected text, found a whole number",
        "id        | true             | Expected text, found a boolean",
        "tokens    | 1.5              | Expected a whole number, found a fractional number",
        "tokens    | 1200.0           | Expected a whole number, found a fractional number",
        "tokens    | \"1200\"         | Expected a whole number, found text",
        "tokens    | [1200]           | Expected a whole number, found an array",
        "turns     | true             | Expected a whole number, found a boolean",
        "converted | \"yes\"          | Expected true or false, found text",
        "converted | 1                | Expected true or false, found a whole number",
        "converted | [true]           | Expected true or false, found an array",
        "amount    | [0.10]           | Expected a number or its text, found an array",
        "amount    | false            | Expected a number or its text, found a boolean",
        "day       | [\"2025-04-29\"] | Expected text, found an array",
        "kind      | [\"ENTERPRISE\"] | Expected text, found an array",
        "rating    | 4.5              | Expected a whole number, found a fractional number",
        "note      | {}               | Expected text, found an object",
    })
    void aValueInTheWrongShapeIsRefused(String field, String value, String message) {
        String body = "[" + VALID.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)", "\"" + field + "\":" + value)
                + "]";
        if (field.equals("note")) {
            body = "[" + VALID.replace("}", ",\"note\":" + value + "}") + "]";
        }
        String sent = body;

        assertThat(sent).contains("\"" + field + "\":" + value);
        assertThatThrownBy(() -> read(sent)).isInstanceOf(IOException.class).hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"}}", "]", "[]", "x", "{}"})
    void anythingAfterTheDocumentIsRefused(String trailing) {
        assertThatThrownBy(() -> read("[" + VALID + "]" + trailing)).isInstanceOf(JsonSyntaxException.class);
    }

    @Test
    void writingIsUnchanged() throws IOException {
        Item item = new Item("e-1", 1, 2, false, new BigDecimal("12.50"), LocalDate.of(2024, 12, 31), Kind.INVESTEE,
                5, null);

        assertThat(json.writeValueAsString(item)).isEqualTo("{\"id\":\"e-1\",\"tokens\":1,\"turns\":2,"
                + "\"converted\":false,\"amount\":12.50,\"day\":\"2024-12-31\",\"kind\":\"INVESTEE\",\"rating\":5}");
        assertThat(read("[" + json.writeValueAsString(item) + "]")).containsExactly(item);
    }
}
