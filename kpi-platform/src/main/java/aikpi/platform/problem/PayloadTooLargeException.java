package aikpi.platform.problem;

/** A batch with more items than the endpoint takes in one request, or a file larger than an import takes. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(int size, int limit) {
        super("A batch takes at most " + limit + " items; this one has " + size + ". Split it and send the parts.");
    }

    /** @param detail what is too large and what to do instead */
    public PayloadTooLargeException(String detail) {
        super(detail);
    }
}
