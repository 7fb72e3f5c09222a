package aikpi.platform.json;

import aikpi.vocabulary.NumberText;
import aikpi.vocabulary.StoredText;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A parser that checks every name and text it reads against {@link StoredText} and every number against
 * {@link NumberText}, as the token is read and before anything converts it, naming the field that broke the rule.
 * It sits under the suite's one JSON reader ({@link StrictJsonMapper}), so a body's text is checked once, whatever
 * field, map key or tree the value lands in.
 */
final class CheckedJsonParser extends JsonParserDelegate {

    CheckedJsonParser(JsonParser parser) {
        super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken token = delegate.nextToken();
        if (token != null) {
            check(token);
        }
        return token;
    }

    /** The base parser's {@code nextValue}, through {@link #nextToken()}: the delegate's would skip the checks. */
    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken token = nextToken();
        return token == JsonToken.FIELD_NAME ? nextToken() : token;
    }

    private void check(JsonToken token) throws IOException {
        if (!(token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING || token.isNumeric())) {
            return;
        }
        // A parser of bytes shares its buffer; a tree's parser may have none and writes the value out instead.
        char[] chars = delegate.getTextCharacters();
        CharSequence text = chars != null ? CharBuffer.wrap(chars, delegate.getTextOffset(), delegate.getTextLength())
                : delegate.getText();
        String problem = token.isNumeric() ? NumberText.problem(text) : StoredText.problem(text);
        if (problem != null) {
            // A name is reported by where it stands, not by itself: it is the text that broke the rule.
            String what = token == JsonToken.FIELD_NAME ? "A name in " + path(delegate.getParsingContext().getParent())
                    : path(delegate.getParsingContext());
            throw new JsonInputException(what + " " + problem + "."
                    + (token.isNumeric() ? "" : " " + StoredText.RULE));
        }
    }

    /** Where a value is, as a request names it: {@code [3].eventId}, {@code derivatives.finetune}, {@code the body}. */
    static String path(JsonStreamContext context) {
        List<String> segments = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.add("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                segments.add(c.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        for (int i = segments.size() - 1; i >= 0; i--) {
            String segment = segments.get(i);
            path.append(path.length() > 0 && !segment.startsWith("[") ? "." : "").append(segment);
        }
        return path.length() == 0 ? "the body" : path.toString();
    }
}
