package aikpi.security;

import aikpi.platform.problem.ProblemBody;
import aikpi.security.keys.IngestKeys;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A refused request answers problem+json like every other error: 401 without a valid token (with
 * {@code WWW-Authenticate: Bearer}), 403 with a valid token that does not allow the request. The answer names no
 * role, rule or internal detail; a refused ingest key is told why (revoked, expired, another service's, not its stream).
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class ProblemAuthorizationHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        String keyDetail = IngestKeys.refusalDetail(request, exception);
        if (exception.isForbidden()) {
            return problem(HttpStatus.FORBIDDEN, "Forbidden",
                    keyDetail != null ? keyDetail : "Your credentials do not allow this request.");
        }
        return problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
                keyDetail != null ? keyDetail : "This request needs a valid bearer token.")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    private static MutableHttpResponse<ProblemBody> problem(HttpStatus status, String title, String detail) {
        return HttpResponse.<ProblemBody>status(status).contentType(ProblemBody.MEDIA_TYPE)
                .body(new ProblemBody(null, title, status.getCode(), detail));
    }
}
