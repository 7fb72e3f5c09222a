package aikpi.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aikpi.vocabulary.InvalidRequestException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A body an adapter takes apart itself is read as a tree under the rules of every body, fractions exactly. */
class JsonTreesTest {

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

    private static JsonNode read(String body) {
        return JsonTrees.read(json, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTreeHoldsFractionsExactlyAndWholeNumbersOfAnySize() {
        JsonNode tree = read("{\"amount\":12345678901234567.10,\"tokens\":7,\"big\":123456789012345678901,"
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
        assertThat(read(" \n")).isNull();
        assertThat(read("null")).isNull();
    }

    @Test
    void aTreeIsReadUnderTheRulesOfEveryBody() {
        assertThatThrownBy(() -> read("{\"id\":\"a\",\"id\":\"b\"}")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("The key 'id' appears twice");
        assertThatThrownBy(() -> read("[1] {}")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("something follows its value");
        assertThatThrownBy(() -> read("[{\"id\":\"a\\u0000\"}]")).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("[0].id contains the control character U+0000");
        assertThatThrownBy(() -> read("{\"n\":1e999999999}")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("n has an exponent");
        assertThatThrownBy(() -> JsonTrees.read(json, new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'}))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> read("{\"a\":")).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("The body is not valid JSON");
    }
}
