package aikpi.platform.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@link StrictJsonMapper} opens a body: strict UTF-8 (Jackson's own decoder takes an overlong {@code C0 AF} as
 * {@code /}), no key named twice (Jackson would keep the last), every text and number checked by
 * {@link CheckedJsonParser}. A failure is told in the request's terms ({@link #describe}), never in the parser's.
 */
public final class JsonInput {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:Object property|field) \"?'?(.*?)'?\"?$");
    private static final Pattern CONSTRAINT = Pattern.compile("^(Number value|String value|Name|Document nesting) "
            + "(?:length|depth) \\((\\d+)\\) exceeds the maximum allowed \\((\\d+).*$");

    private JsonInput() {
    }

    /** A checked parser of {@code body}, read as strict UTF-8, refusing repeated keys. */
    static JsonParser parser(JsonFactory factory, InputStream body) throws IOException {
        JsonParser parser = factory.createParser(new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()));
        parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return new CheckedJsonParser(parser);
    }

    /** The most bytes {@link #parser(JsonFactory, byte[])} takes: the reader above decodes them in its first read. */
    static final int SMALL_BODY = 2048;

    /**
     * As {@link #parser(JsonFactory, InputStream)}, for a body of at most {@link #SMALL_BODY} bytes (a Kafka record's
     * value): decoded whole first, so that no reader and its 8 KB buffer are made per value; the same faults, since the
     * reader decodes a body this small whole in its first read too.
     */
    static JsonParser parser(JsonFactory factory, byte[] body) throws IOException {
        CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body));
        JsonParser parser = factory.createParser(chars.array(), chars.arrayOffset() + chars.position(),
                chars.remaining());
        parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return new CheckedJsonParser(parser);
    }

    /** A tree's parser is checked too: trees are built from values that did not all come through a parser here. */
    static JsonParser checked(JsonParser parser) {
        return new CheckedJsonParser(parser);
    }

    /**
     * What is wrong with a JSON body, in the request's terms, for a failure of reading it ({@code e} or one of its
     * causes); null when the failure is not about the body.
     */
    public static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonInputException) {
                return t.getMessage();
            }
            if (t instanceof CharacterCodingException) {
                return "The body is not valid UTF-8: some bytes form no character (an overlong form such as C0 AF, "
                        + "an encoded surrogate, a stray continuation byte or a cut-off sequence). Send JSON in UTF-8.";
            }
            if (t instanceof JsonProcessingException j) {
                return describe(j);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip();
        String where = e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null
                ? CheckedJsonParser.path(p.getParsingContext()) : null;
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.matches()) {
            String in = e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null
                    ? " in " + CheckedJsonParser.path(p.getParsingContext().getParent()) : "";
            return "The key '" + duplicate.group(1) + "' appears twice in one object" + in + at(e.getLocation())
                    + "; each key may appear once.";
        }
        Matcher constraint = CONSTRAINT.matcher(message);
        if (e instanceof StreamConstraintsException && constraint.matches()) {
            String what = switch (constraint.group(1)) {
                case "Number value" -> "A number is " + constraint.group(2) + " characters long";
                case "String value" -> "A text is " + constraint.group(2) + " characters long";
                case "Name" -> "A name is " + constraint.group(2) + " characters long";
                default -> "The body nests " + constraint.group(2) + " levels deep";
            };
            return what + (where == null ? "" : " at " + where) + at(e.getLocation()) + "; at most "
                    + constraint.group(3) + " are allowed.";
        }
        // Jackson's own syntax messages speak of the JSON ("Unexpected end-of-input", "was expecting a colon"), which
        // is the request's terms; only the source and the configuration names it appends are dropped.
        message = message.replaceAll(",? ?(?:from|\\(set) `[^`]*`\\)?", "")
                .replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
        return "The body is not valid JSON: " + message + at(e.getLocation()) + ".";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
