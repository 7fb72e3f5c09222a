package aikpi.vocabulary;

/** A request that is well-formed JSON but breaks a rule of the domain; answered 400 with this message as detail. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
