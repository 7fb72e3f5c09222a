package aikpi.platform.problem;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Produces
@Singleton
@Requires(classes = {RetryLaterException.class, ExceptionHandler.class})
public class RetryLaterHandler implements ExceptionHandler<RetryLaterException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, RetryLaterException e) {
        return ProblemResponses.retryLater(e.status(), e.title(), e.getMessage(), e.retryAfterSeconds());
    }
}
