package aikpi.vocabulary;

/** A period string that does not follow the suite's grammar; its message says what is accepted. */
public class InvalidPeriodException extends IllegalArgumentException {

    public InvalidPeriodException(String message) {
        super(message);
    }
}
