package aikpi.platform.json;

import java.io.IOException;

/**
 * A JSON body that breaks a rule of the suite's input, with a message in the request's terms (which field, what was
 * expected); answered 400 with the message as detail. An {@link IOException} so that it leaves a parser or a
 * deserializer as their own failures do.
 */
public final class JsonInputException extends IOException {

    public JsonInputException(String message) {
        super(message);
    }

    public JsonInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
