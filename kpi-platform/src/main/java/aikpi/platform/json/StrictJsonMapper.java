package aikpi.platform.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.TSFBuilder;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.type.Argument;
import io.micronaut.jackson.core.parser.JacksonCoreParserFactory;
import io.micronaut.json.JsonFeatures;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.JsonStreamConfig;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.LimitingStream;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.SerdeRegistry;
import io.micronaut.serde.config.DeserializationConfiguration;
import io.micronaut.serde.config.SerdeConfiguration;
import io.micronaut.serde.config.SerializationConfiguration;
import io.micronaut.serde.jackson.JacksonDecoder;
import io.micronaut.serde.jackson.JacksonJsonMapper;
import io.micronaut.serde.jackson.JacksonObjectMapper;
import io.micronaut.serde.jackson.SerdeJacksonConfiguration;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.reactivestreams.Processor;

/**
 * The suite's JSON mapper: Micronaut Serialization's Jackson mapper, except that a document is read strictly. A
 * value must have the JSON shape of its Java type ({@link StrictDecoder}), and nothing may follow the document's
 * one value: a batch followed by two stray closing braces is broken JSON, not a batch with some noise after it.
 * Writing is unchanged.
 *
 * <p>Every body a service reads (a client's request, another service's answer) goes through here, so a malformed
 * request is refused with 400 before any rule or store sees it.
 */
@Singleton
@Primary
@Replaces(JacksonJsonMapper.class)
public final class StrictJsonMapper implements JacksonObjectMapper {

    private final JacksonObjectMapper lenient;
    private final SerdeRegistry registry;
    private final Deserializer.DecoderContext decoderContext;
    private final LimitingStream.RemainingLimits limits;
    private final JsonFactory factory;
    private final Map<Argument<?>, Deserializer<?>> deserializers = new ConcurrentHashMap<>();

    @Inject
    public StrictJsonMapper(SerdeRegistry registry, SerdeConfiguration serdeConfiguration,
                            SerdeJacksonConfiguration jacksonConfiguration) {
        this.lenient = new JacksonJsonMapper(registry, serdeConfiguration, jacksonConfiguration);
        this.registry = registry;
        this.decoderContext = registry.newDecoderContext(null);
        this.limits = LimitingStream.limitsFromConfiguration(serdeConfiguration);
        TSFBuilder<?, ?> builder = JsonFactory.builder();
        for (Map.Entry<JsonFactory.Feature, Boolean> e : jacksonConfiguration.getFactoryFeatures().entrySet()) {
            builder = builder.configure(e.getKey(), e.getValue());
        }
        for (Map.Entry<JsonReadFeature, Boolean> e : jacksonConfiguration.getReadFeatures().entrySet()) {
            builder = builder.configure(e.getKey(), e.getValue());
        }
        this.factory = builder.build();
    }

    @Override
    public <T> T readValue(@NonNull InputStream inputStream, @NonNull Argument<T> type) throws IOException {
        return read(factory.createParser(inputStream), type);
    }

    @Override
    public <T> T readValue(@NonNull byte[] byteArray, @NonNull Argument<T> type) throws IOException {
        return read(factory.createParser(byteArray), type);
    }

    @Override
    public <T> T readValue(@NonNull ByteBuffer<?> byteBuffer, @NonNull Argument<T> type) throws IOException {
        return read(JacksonCoreParserFactory.createJsonParser(factory, byteBuffer), type);
    }

    @SuppressWarnings("unchecked")
    private <T> T read(JsonParser parser, Argument<T> type) throws IOException {
        try (parser) {
            Deserializer<T> deserializer = (Deserializer<T>) deserializers.computeIfAbsent(type, this::deserializerFor);
            T value = deserializer.deserializeNullable(new StrictDecoder(JacksonDecoder.create(parser, limits), parser),
                    decoderContext, type);
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new JsonSyntaxException("Unexpected " + after.name() + " after the end of the JSON value at "
                        + parser.currentLocation().offsetDescription());
            }
            return value;
        } catch (JsonParseException e) {
            throw new JsonSyntaxException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Deserializer<?> deserializerFor(Argument<?> type) {
        try {
            return decoderContext.findDeserializer(type).createSpecific(decoderContext, (Argument) type);
        } catch (IOException e) {
            throw new IllegalStateException("No deserializer for " + type, e);
        }
    }

    @Override
    public JsonMapper createSpecific(@NonNull Argument<?> type) {
        return this;
    }

    @Override
    public JsonMapper cloneWithFeatures(@NonNull JsonFeatures features) {
        return this;
    }

    @Override
    public JsonMapper cloneWithViewClass(@NonNull Class<?> viewClass) {
        return this;
    }

    @Override
    public ObjectMapper cloneWithConfiguration(@Nullable SerdeConfiguration configuration,
                                               @Nullable SerializationConfiguration serializationConfiguration,
                                               @Nullable DeserializationConfiguration deserializationConfiguration) {
        return lenient.cloneWithConfiguration(configuration, serializationConfiguration, deserializationConfiguration);
    }

    @Override
    public JacksonObjectMapper cloneWithConfiguration(@NonNull SerdeJacksonConfiguration jacksonConfiguration) {
        return lenient.cloneWithConfiguration(jacksonConfiguration);
    }

    @Override
    public SerdeRegistry getSerdeRegistry() {
        return registry;
    }

    @Override
    public <T> T readValueFromTree(@NonNull JsonNode tree, @NonNull Argument<T> type) throws IOException {
        return lenient.readValueFromTree(tree, type);
    }

    @Override
    public JsonNode writeValueToTree(@Nullable Object value) throws IOException {
        return lenient.writeValueToTree(value);
    }

    @Override
    public <T> JsonNode writeValueToTree(@NonNull Argument<T> type, T value) throws IOException {
        return lenient.writeValueToTree(type, value);
    }

    @Override
    public void writeValue(@NonNull OutputStream outputStream, @Nullable Object object) throws IOException {
        lenient.writeValue(outputStream, object);
    }

    @Override
    public <T> void writeValue(@NonNull OutputStream outputStream, @NonNull Argument<T> type, T object)
            throws IOException {
        lenient.writeValue(outputStream, type, object);
    }

    @Override
    public byte[] writeValueAsBytes(@Nullable Object object) throws IOException {
        return lenient.writeValueAsBytes(object);
    }

    @Override
    public <T> byte[] writeValueAsBytes(@NonNull Argument<T> type, T object) throws IOException {
        return lenient.writeValueAsBytes(type, object);
    }

    @Override
    public Processor<byte[], JsonNode> createReactiveParser(Consumer<Processor<byte[], JsonNode>> onSubscribe,
                                                            boolean streamArray) {
        return lenient.createReactiveParser(onSubscribe, streamArray);
    }

    @Override
    public JsonStreamConfig getStreamConfig() {
        return lenient.getStreamConfig();
    }
}
