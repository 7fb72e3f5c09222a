package aikpi.platform.problem;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.List;

/** Builds the one error shape of the suite: RFC 9457 problem+json with a human {@code detail}. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static HttpResponse<ProblemBody> respond(HttpStatus status, String title, String detail) {
        return respond(status, title, detail, null);
    }

    /** 503 with {@code Retry-After}: the service is up but cannot answer yet. */
    public static HttpResponse<ProblemBody> unavailable(String detail, Duration retryAfter) {
        return retryLater(HttpStatus.SERVICE_UNAVAILABLE, "Service not ready", detail,
                Math.max(1, retryAfter.toSeconds()));
    }

    /** A refusal that asking again later may overcome (503, 429), with {@code Retry-After} in whole seconds. */
    public static HttpResponse<ProblemBody> retryLater(HttpStatus status, String title, String detail,
                                                       long retryAfterSeconds) {
        return HttpResponse.<ProblemBody>status(status).contentType(ProblemBody.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .body(new ProblemBody(null, title, status.getCode(), detail));
    }

    public static HttpResponse<ProblemBody> respond(HttpStatus status, String title, String detail,
                                                    List<?> errors) {
        ProblemBody body = new ProblemBody(null, title, status.getCode(), detail);
        if (errors != null) {
            body.with("errors", errors);
        }
        return HttpResponse.<ProblemBody>status(status).contentType(ProblemBody.MEDIA_TYPE).body(body);
    }
}
