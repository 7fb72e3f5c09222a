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
        return HttpResponse.<ProblemBody>status(HttpStatus.SERVICE_UNAVAILABLE).contentType(ProblemBody.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())))
                .body(new ProblemBody(null, "Service not ready", HttpStatus.SERVICE_UNAVAILABLE.getCode(), detail));
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
