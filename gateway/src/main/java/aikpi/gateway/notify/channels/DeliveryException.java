package aikpi.gateway.notify.channels;

/**
 * A delivery that did not happen: {@link #retryable()} when trying again later may succeed (the receiver was down,
 * slow or answered 5xx), otherwise permanent (the target is refused, the channel cannot be had), and the row is
 * DEAD at once.
 */
public class DeliveryException extends Exception {

    private final boolean retryable;

    private DeliveryException(String message, boolean retryable, Throwable cause) {
        super(message, cause, false, false);
        this.retryable = retryable;
    }

    public static DeliveryException retryable(String message) {
        return new DeliveryException(message, true, null);
    }

    public static DeliveryException retryable(String message, Throwable cause) {
        return new DeliveryException(message, true, cause);
    }

    public static DeliveryException permanent(String message) {
        return new DeliveryException(message, false, null);
    }

    public boolean retryable() {
        return retryable;
    }
}
