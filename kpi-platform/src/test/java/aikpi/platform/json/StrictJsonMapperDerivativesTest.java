package aikpi.platform.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aikpi.platform.json.StrictJsonMapperTest.Item;
import com.fasterxml.jackson.annotation.JsonView;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonFeatures;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.DeserializationConfiguration;
import io.micronaut.serde.jackson.SerdeJacksonConfiguration;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each mapper derived from the strict one does what was asked of it and still reads strictly; the one request it
 * cannot honour fails with a reason.
 */
class StrictJsonMapperDerivativesTest {

    private static final Argument<List<Item>> ITEMS = Argument.listOf(Item.class);
    private static final String VALID = "[" + StrictJsonMapperTest.VALID + "]";
    private static final String FRACTIONAL_TOKENS = VALID.replace("1200", "1.5");
    private static final String UNKNOWN_FIELD = VALID.replace("\"turns\"", "\"extra\":1,\"turns\"");

    interface Public {
    }

    interface Internal extends Public {
    }

    @Serdeable
    record Account(String id, @JsonView(Internal.class) @Nullable Long quotaTokens) {
    }

    /** A bean with setters, which a tree can fill in place. */
    @Serdeable
    public static final class Tally {
        private int turns;
        private String label;

        public int getTurns() {
            return turns;
        }

        public void setTurns(int turns) {
            this.turns = turns;
        }

        public String getLabel() {
            return label;
        }

        public void setLabel(String label) {
            this.label = label;
        }
    }

    private static ApplicationContext context;
    private static StrictJsonMapper json;

    @BeforeAll
    static void start() {
        context = ApplicationContext.run();
        json = (StrictJsonMapper) context.getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static void readsStrictly(JsonMapper mapper) throws IOException {
        assertThat(mapper).isInstanceOf(StrictJsonMapper.class);
        assertThat(mapper.readValue(VALID, ITEMS)).hasSize(1);
        assertThatThrownBy(() -> mapper.readValue(FRACTIONAL_TOKENS, ITEMS)).isInstanceOf(IOException.class)
                .hasMessageContaining("expected a whole number, found a fractional number");
        assertThatThrownBy(() -> mapper.readValue(VALID + "}}", ITEMS)).isInstanceOf(JsonSyntaxException.class);
    }

    @Test
    void aMapperForOneTypeReadsItStrictlyAndWritesAsBefore() throws IOException {
        JsonMapper specific = json.createSpecific(ITEMS);
        List<Item> items = json.readValue(VALID, ITEMS);

        readsStrictly(specific);
        assertThat(specific.readValue(VALID, ITEMS)).isEqualTo(items);
        assertThat(specific.writeValueAsString(ITEMS, items)).isEqualTo(json.writeValueAsString(ITEMS, items));
    }

    @Test
    void aMapperWithAViewReadsAndWritesInItStrictly() throws IOException {
        try (ApplicationContext withViews = ApplicationContext.run(Map.of("micronaut.serde.json-view-enabled", true))) {
            JsonMapper plain = withViews.getBean(JsonMapper.class);
            JsonMapper outside = plain.cloneWithViewClass(Public.class);
            JsonMapper internal = plain.cloneWithViewClass(Internal.class);
            String account = "{\"id\":\"a-1\",\"quotaTokens\":500}";

            readsStrictly(outside);
            readsStrictly(internal);
            assertThat(outside.readValue(account, Account.class)).isEqualTo(new Account("a-1", null));
            assertThat(internal.readValue(account, Account.class)).isEqualTo(new Account("a-1", 500L));
            assertThat(outside.writeValueAsString(new Account("a-1", 500L))).doesNotContain("quotaTokens");
            assertThat(internal.writeValueAsString(new Account("a-1", 500L))).contains("\"quotaTokens\":500");
            assertThatThrownBy(() -> internal.readValue(account.replace("500", "500.5"), Account.class))
                    .isInstanceOf(IOException.class).hasMessageContaining("expected a whole number");
        }
    }

    @Test
    void jsonFeaturesAreRefusedNotIgnored() {
        JsonFeatures features = new JsonFeatures() { };

        assertThatThrownBy(() -> json.cloneWithFeatures(features)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("cannot apply").hasMessageContaining("micronaut.serde");
    }

    @Test
    void aMapperWithAnotherDeserializationConfigurationAppliesItStrictly() throws IOException {
        DeserializationConfiguration refuseUnknown = new DeserializationConfiguration() {
            @Override
            public boolean isIgnoreUnknown() {
                return false;
            }

            @Override
            public int getArraySizeThreshold() {
                return 100;
            }

            @Override
            public boolean isStrictNullable() {
                return false;
            }
        };
        ObjectMapper clone = json.cloneWithConfiguration(null, null, refuseUnknown);

        readsStrictly(clone);
        assertThat(json.readValue(UNKNOWN_FIELD, ITEMS)).hasSize(1);
        assertThatThrownBy(() -> clone.readValue(UNKNOWN_FIELD, ITEMS)).isInstanceOf(IOException.class)
                .hasMessageContaining("extra");
    }

    @Test
    void aMapperWithAnotherJacksonConfigurationAppliesItStrictly() throws IOException {
        SerdeJacksonConfiguration configuration = new SerdeJacksonConfiguration();
        configuration.setReadFeatures(Map.of(JsonReadFeature.ALLOW_JAVA_COMMENTS, true));
        configuration.setParserFeatures(Map.of(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true));
        JsonMapper clone = json.cloneWithConfiguration(configuration);
        String commented = "/* the assistant's turns */ \"plain\"";
        String twice = "{\"id\":\"a-1\",\"id\":\"a-2\"}";

        readsStrictly(clone);
        assertThat(clone.readValue(commented, Argument.STRING)).isEqualTo("plain");
        assertThatThrownBy(() -> json.readValue(commented, Argument.STRING)).isInstanceOf(JsonSyntaxException.class);
        // a key named twice is refused by every mapper, configured so or not
        assertThatThrownBy(() -> json.readValue(twice, Account.class)).isInstanceOf(IOException.class)
                .hasMessageContaining("The key 'id' appears twice");
        assertThatThrownBy(() -> clone.readValue(twice, Account.class)).isInstanceOf(IOException.class)
                .hasMessageContaining("The key 'id' appears twice");
    }

    @Test
    void aTreeFillsABeanAsStrictlyAsABody() throws IOException {
        Tally tally = new Tally();

        json.updateValueFromTree(tally, StrictJsonMapperTest.tree("{\"turns\":3,\"label\":\"tongyi\"}"));

        assertThat(tally.getTurns()).isEqualTo(3);
        assertThat(tally.getLabel()).isEqualTo("tongyi");
        assertThatThrownBy(() -> json.updateValueFromTree(tally, StrictJsonMapperTest.tree("{\"turns\":1.5}")))
                .isInstanceOf(IOException.class).hasMessageContaining("expected a whole number");
        assertThatThrownBy(() -> json.updateValueFromTree(tally, StrictJsonMapperTest.tree("{\"label\":[\"x\"]}")))
                .isInstanceOf(IOException.class).hasMessageContaining("expected text, found an array");
    }

    @Test
    void aValueThatCannotBeFilledInPlaceIsRefused() throws IOException {
        Item item = json.readValue(VALID, ITEMS).get(0);
        JsonNode tree = StrictJsonMapperTest.tree("{\"turns\":4}");

        assertThatThrownBy(() -> json.updateValueFromTree(item, tree)).isInstanceOf(IOException.class)
                .hasMessageContaining("immutable");
        assertThatThrownBy(() -> json.updateValueFromTree("e-1", JsonNode.createStringNode("e-2")))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("java.lang.String");
    }
}
