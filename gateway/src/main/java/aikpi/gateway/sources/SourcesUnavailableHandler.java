package aikpi.gateway.sources;

import aikpi.platform.problem.ProblemResponses;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Produces
@Singleton
public class SourcesUnavailableHandler implements ExceptionHandler<SourcesUnavailableException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, SourcesUnavailableException e) {
        return ProblemResponses.respond(HttpStatus.SERVICE_UNAVAILABLE, "Sources unavailable", e.getMessage());
    }
}
