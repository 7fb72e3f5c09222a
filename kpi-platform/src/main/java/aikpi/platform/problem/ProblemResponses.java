package aikpi.platform.problem;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import java.util.List;

/** Builds the one error shape of the suite: RFC 9457 problem+json with a human {@code detail}. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static HttpResponse<ProblemBody> respond(HttpStatus status, String title, String detail) {
        return respond(status, title, detail, null);
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
