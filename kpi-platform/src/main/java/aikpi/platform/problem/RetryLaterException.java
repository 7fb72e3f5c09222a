package aikpi.platform.problem;

import io.micronaut.http.HttpStatus;
import java.time.Duration;

/**
 * The request was refused for now, not for what it says: the service is at capacity (503) or the caller has made too
 * many attempts (429). Answered as problem+json with {@code Retry-After}, so a client knows when asking again helps.
 */
public class RetryLaterException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final Duration retryAfter;

    public RetryLaterException(HttpStatus status, String title, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.retryAfter = retryAfter;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@code Retry-After} in whole seconds, rounded up and at least 1. */
    public long retryAfterSeconds() {
        long seconds = (retryAfter.toMillis() + 999) / 1000;
        return Math.max(1, seconds);
    }
}
