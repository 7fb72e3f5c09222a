package aikpi.gateway.notify.subscriptions;

import aikpi.platform.problem.ProblemResponses;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A refused subscription: 400 problem+json naming each field at fault ({@code errors}). */
@Produces
@Singleton
@Requires(classes = ExceptionHandler.class)
public class InvalidSubscriptionHandler implements ExceptionHandler<InvalidSubscriptionException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, InvalidSubscriptionException e) {
        return ProblemResponses.respond(HttpStatus.BAD_REQUEST, "Invalid subscription", e.getMessage(), e.errors());
    }
}
