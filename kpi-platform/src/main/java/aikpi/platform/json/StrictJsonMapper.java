package aikpi.platform.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.TSFBuilder;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.type.Argument;
import io.micronaut.jackson.core.tree.JsonNodeTreeCodec;
import io.micronaut.json.JsonFeatures;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.JsonStreamConfig;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.LimitingStream;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.SerdeRegistry;
import io.micronaut.serde.UpdatingDeserializer;
import io.micronaut.serde.config.DeserializationConfiguration;
import io.micronaut.serde.config.SerdeConfiguration;
import io.micronaut.serde.config.SerializationConfiguration;
import io.micronaut.serde.config.annotation.SerdeConfig;
import io.micronaut.serde.jackson.JacksonJsonMapper;
import io.micronaut.serde.jackson.JacksonObjectMapper;
import io.micronaut.serde.jackson.SerdeJacksonConfiguration;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.reactivestreams.Processor;

/**
 * The suite's one JSON mapper: Micronaut Serialization's Jackson mapper, reading strictly. A value must have the JSON
 * shape of its Java type ({@link StrictDecoder}), nothing may follow the document's one value, and the body's bytes,
 * keys, texts and numbers meet {@link JsonInput}'s rules; a body that breaks one is a 400 naming the field. Every body
 * and every tree read into a Java value goes through here; writing is unchanged. Derived mappers read strictly too;
 * {@link #cloneWithFeatures} is refused, as serde would ignore the features.
 */
@Singleton
@Primary
@Replaces(JacksonJsonMapper.class)
public final class StrictJsonMapper implements JacksonObjectMapper {

    /** Jackson's view annotation, which serde honours by name when JSON views are enabled. */
    private static final String JSON_VIEW = "com.fasterxml.jackson.annotation.JsonView";

    /** Writes, streams and the derivatives a caller asks for; it never reads a value. */
    private final JacksonObjectMapper lenient;
    private final SerdeRegistry registry;
    private final SerdeConfiguration serdeConfiguration;
    private final SerdeJacksonConfiguration jacksonConfiguration;
    @Nullable
    private final Class<?> view;
    private final Deserializer.DecoderContext decoderContext;
    private final LimitingStream.RemainingLimits limits;
    private final JsonFactory factory;
    private final JsonNodeTreeCodec trees;
    private final Map<Argument<?>, Deserializer<?>> deserializers;

    @Inject
    public StrictJsonMapper(SerdeRegistry registry, SerdeConfiguration serdeConfiguration,
                            SerdeJacksonConfiguration jacksonConfiguration) {
        this(new JacksonJsonMapper(registry, serdeConfiguration, jacksonConfiguration), registry, serdeConfiguration,
                jacksonConfiguration, null, null);
    }

    /** @param like a mapper whose parser factory and deserializers may be shared where they would be the same */
    private StrictJsonMapper(JacksonObjectMapper lenient, SerdeRegistry registry, SerdeConfiguration serdeConfiguration,
                             SerdeJacksonConfiguration jacksonConfiguration, @Nullable Class<?> view,
                             @Nullable StrictJsonMapper like) {
        this.lenient = lenient;
        this.registry = registry;
        this.serdeConfiguration = serdeConfiguration;
        this.jacksonConfiguration = jacksonConfiguration;
        this.view = view;
        boolean sameReads = like != null && like.registry == registry && like.view == view
                && like.serdeConfiguration == serdeConfiguration;
        this.decoderContext = sameReads ? like.decoderContext : registry.newDecoderContext(view);
        this.deserializers = sameReads ? like.deserializers : new ConcurrentHashMap<>();
        this.limits = LimitingStream.limitsFromConfiguration(serdeConfiguration);
        this.factory = like != null && like.jacksonConfiguration == jacksonConfiguration ? like.factory
                : parserFactory(jacksonConfiguration);
        this.trees = JsonNodeTreeCodec.getInstance().withConfig(lenient.getStreamConfig());
    }

    private static JsonFactory parserFactory(SerdeJacksonConfiguration jacksonConfiguration) {
        TSFBuilder<?, ?> builder = JsonFactory.builder();
        for (Map.Entry<JsonFactory.Feature, Boolean> e : jacksonConfiguration.getFactoryFeatures().entrySet()) {
            builder = builder.configure(e.getKey(), e.getValue());
        }
        for (Map.Entry<JsonReadFeature, Boolean> e : jacksonConfiguration.getReadFeatures().entrySet()) {
            builder = builder.configure(e.getKey(), e.getValue());
        }
        // A key named twice is refused, whatever the configuration says: the reader would keep one silently.
        return builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    @Override
    public <T> T readValue(@NonNull InputStream inputStream, @NonNull Argument<T> type) throws IOException {
        return read(JsonInput.parser(factory, inputStream), type);
    }

    @Override
    public <T> T readValue(@NonNull byte[] byteArray, @NonNull Argument<T> type) throws IOException {
        return read(JsonInput.parser(factory, new ByteArrayInputStream(byteArray)), type);
    }

    @Override
    public <T> T readValue(@NonNull ByteBuffer<?> byteBuffer, @NonNull Argument<T> type) throws IOException {
        return read(JsonInput.parser(factory, byteBuffer.toInputStream()), type);
    }

    @Override
    public <T> T readValueFromTree(@NonNull JsonNode tree, @NonNull Argument<T> type) throws IOException {
        return read(JsonInput.checked(trees.treeAsTokens(tree)), type);
    }

    @SuppressWarnings("unchecked")
    private <T> T read(JsonParser parser, Argument<T> type) throws IOException {
        try (parser) {
            configure(parser);
            Class<?> readView = viewOf(type);
            Deserializer.DecoderContext context = readView == view ? decoderContext
                    : registry.newDecoderContext(readView);
            Deserializer<T> deserializer = readView == view ? (Deserializer<T>) deserializerFor(type)
                    : specific(context, type);
            T value = deserializer.deserializeNullable(StrictDecoder.over(parser, limits, trees), context, type);
            requireEnd(parser);
            return value;
        } catch (JsonParseException | CharacterCodingException e) {
            throw new JsonSyntaxException(new JsonInputException(JsonInput.describe(e), e));
        } catch (IOException e) {
            throw told(e, parser);
        }
    }

    /**
     * A parser of {@code body} under every rule a body meets, for an adapter that hands the body to a format's own
     * Jackson reader (the CloudEvents SDK's) rather than reading it into a tree here first: the body is parsed once.
     */
    public JsonParser parser(byte[] body) throws IOException {
        JsonParser parser = body.length <= JsonInput.SMALL_BODY ? JsonInput.parser(factory, body)
                : JsonInput.parser(factory, new ByteArrayInputStream(body));
        configure(parser);
        return parser;
    }

    /** Refuses anything after the document's one value. */
    static void requireEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw new JsonSyntaxException(new JsonInputException("The body is not valid JSON: something follows "
                    + "its value (line " + parser.currentLocation().getLineNr() + ", column "
                    + parser.currentLocation().getColumnNr() + ")."));
        }
    }

    /**
     * The deserializer wraps a value's fault in its own words ("Error decoding property [long tokens] of type
     * [class ...]"): the fault is told as it was found, naming the field.
     */
    private static IOException told(IOException e, JsonParser parser) {
        if (e instanceof JsonSyntaxException) {
            return e;
        }
        Throwable root = e;
        DateTimeParseException date = null;
        for (Throwable t = e.getCause(); t != null && t != root; t = t.getCause()) {
            if (t instanceof JsonInputException fault) {
                return new JsonInputException(fault.getMessage(), e);
            }
            if (t instanceof DateTimeParseException d && date == null) {
                date = d;
            }
            root = t;
        }
        // Faults found by a deserializer rather than the decoder: named by where the parser stopped.
        JsonToken token = parser.currentToken();
        JsonStreamContext context = parser.getParsingContext();
        if (context != null && (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT)) {
            context = context.getParent();
        }
        String where = context == null ? "the body" : CheckedJsonParser.path(context);
        if (date != null) {
            DateTimeParseException d = date;
            String text = d.getParsedString();
            return new JsonInputException(where + ": '" + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
                    + "' is not a valid date or time (ISO 8601, such as 2025-03-14 or 2025-03-14T08:00:00Z)", e);
        }
        Matcher unexpected = UNEXPECTED_TOKEN.matcher(String.valueOf(root.getMessage()));
        if (unexpected.find()) {
            return new JsonInputException(where + ": expected " + StrictDecoder.describe(
                    JsonToken.valueOf(unexpected.group(2))) + ", found " + StrictDecoder.describe(
                    JsonToken.valueOf(unexpected.group(1))), e);
        }
        return e;
    }

    /** The underlying decoder's words for an array where an object belongs, or the reverse. */
    private static final Pattern UNEXPECTED_TOKEN = Pattern.compile("Unexpected token (START_ARRAY|START_OBJECT|"
            + "VALUE_[A-Z_]+), expected (START_ARRAY|START_OBJECT)");

    /**
     * Fills {@code value} from {@code tree}, as strictly as a body is read. A value whose deserializer cannot update
     * in place at all (a {@code String}'s, say) is refused: the wrapped mapper would do nothing and say nothing. (A
     * record's can, and refuses with its own reason.)
     */
    @Override
    @SuppressWarnings("unchecked")
    public void updateValueFromTree(Object value, JsonNode tree) throws IOException {
        if (value == null || tree == null) {
            return;
        }
        Argument<Object> type = (Argument<Object>) Argument.of(value.getClass());
        if (!(deserializerFor(type) instanceof UpdatingDeserializer<?> updating)) {
            throw new UnsupportedOperationException("A " + value.getClass().getName() + " cannot be updated from a "
                    + "JSON tree: its deserializer only creates new values");
        }
        JsonParser parser = JsonInput.checked(trees.treeAsTokens(tree));
        try (parser) {
            configure(parser);
            if (parser.nextToken() != JsonToken.VALUE_NULL) {
                ((UpdatingDeserializer<Object>) updating).deserializeInto(StrictDecoder.over(parser, limits, trees),
                        decoderContext, type, value);
            }
        } catch (IOException e) {
            throw told(e, parser);
        }
    }

    private void configure(JsonParser parser) {
        for (Map.Entry<JsonParser.Feature, Boolean> e : jacksonConfiguration.getParserFeatures().entrySet()) {
            parser.configure(e.getKey(), e.getValue());
        }
    }

    /** The view a value of this type is read in: its own, when JSON views are enabled, as the wrapped mapper does. */
    @Nullable
    private Class<?> viewOf(Argument<?> type) {
        if (!serdeConfiguration.isJsonViewEnabled()) {
            return view;
        }
        AnnotationMetadata metadata = type.getAnnotationMetadata();
        return metadata.classValue(JSON_VIEW)
                .or(() -> metadata.classValue(SerdeConfig.class, SerdeConfig.VIEWS))
                .<Class<?>>map(c -> c)
                .orElse(view);
    }

    private Deserializer<?> deserializerFor(Argument<?> type) {
        return deserializers.computeIfAbsent(type, t -> specific(decoderContext, t));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Deserializer<T> specific(Deserializer.DecoderContext context, Argument<T> type) {
        try {
            return (Deserializer<T>) context.findDeserializer(type).createSpecific(context, (Argument) type);
        } catch (IOException e) {
            throw new IllegalStateException("No deserializer for " + type, e);
        }
    }

    /** A derivative of the wrapped mapper, wrapped strictly again, reading with the given registry and view. */
    private StrictJsonMapper strict(JsonMapper derived, String request, SerdeRegistry registry,
                                    SerdeConfiguration serdeConfiguration,
                                    SerdeJacksonConfiguration jacksonConfiguration, @Nullable Class<?> view) {
        if (!(derived instanceof JacksonObjectMapper jackson)) {
            throw new UnsupportedOperationException(request + " gave a " + derived.getClass().getName()
                    + ", not a Jackson mapper; StrictJsonMapper cannot read strictly through it");
        }
        return new StrictJsonMapper(jackson, registry, serdeConfiguration, jacksonConfiguration, view, this);
    }

    @Override
    public JsonMapper createSpecific(@NonNull Argument<?> type) {
        return strict(lenient.createSpecific(type), "createSpecific(" + type + ")", registry, serdeConfiguration,
                jacksonConfiguration, view);
    }

    @Override
    public JsonMapper cloneWithViewClass(@NonNull Class<?> viewClass) {
        return strict(lenient.cloneWithViewClass(viewClass), "cloneWithViewClass(" + viewClass.getName() + ")",
                registry, serdeConfiguration, jacksonConfiguration, viewClass);
    }

    /**
     * Refused: micronaut-serde defines no {@link JsonFeatures} (they belong to Micronaut's Jackson Databind mapper),
     * never detects any, and its own mapper returns itself from this method, so the features asked for would be
     * silently dropped.
     */
    @Override
    public JsonMapper cloneWithFeatures(@NonNull JsonFeatures features) {
        throw new UnsupportedOperationException("StrictJsonMapper cannot apply " + features.getClass().getName()
                + ": Micronaut Serialization has no per-mapper JSON features (its mapper would ignore them); "
                + "configure micronaut.serde.* instead");
    }

    @Override
    public ObjectMapper cloneWithConfiguration(@Nullable SerdeConfiguration configuration,
                                               @Nullable SerializationConfiguration serializationConfiguration,
                                               @Nullable DeserializationConfiguration deserializationConfiguration) {
        ObjectMapper derived = lenient.cloneWithConfiguration(configuration, serializationConfiguration,
                deserializationConfiguration);
        return strict(derived, "cloneWithConfiguration", derived.getSerdeRegistry(),
                configuration == null ? serdeConfiguration : configuration, jacksonConfiguration, view);
    }

    @Override
    public JacksonObjectMapper cloneWithConfiguration(@NonNull SerdeJacksonConfiguration jacksonConfiguration) {
        return strict(lenient.cloneWithConfiguration(jacksonConfiguration), "cloneWithConfiguration", registry,
                serdeConfiguration, jacksonConfiguration, view);
    }

    @Override
    public SerdeRegistry getSerdeRegistry() {
        return registry;
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
