package aikpi.quark.apps;

import aikpi.platform.problem.ProblemResponses;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A write the app's state forbids (409): figures sent by the other feed than the app's, a feed change while the app
 * holds figures of its present feed, a bundle id another app already lists.
 */
public class AppConflictException extends RuntimeException {

    public AppConflictException(String message) {
        super(message);
    }

    /** Answers the conflict as problem+json, like every other error of the suite. */
    @Produces
    @Singleton
    @Requires(classes = {AppConflictException.class, ExceptionHandler.class})
    public static class Handler implements ExceptionHandler<AppConflictException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, AppConflictException e) {
            return ProblemResponses.respond(HttpStatus.CONFLICT, "Conflict with the app's feed or bundle ids", e.getMessage());
        }
    }
}
