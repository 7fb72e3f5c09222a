package aikpi.gateway.targets;

import aikpi.platform.problem.ProblemBody;
import aikpi.platform.problem.ProblemResponses;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A refused target: 400 problem+json naming each broken rule, and the valid scopes or KPI ids where one was unknown. */
@Produces
@Singleton
@Requires(classes = ExceptionHandler.class)
public class InvalidTargetHandler implements ExceptionHandler<InvalidTargetException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, InvalidTargetException e) {
        HttpResponse<ProblemBody> response = ProblemResponses.respond(HttpStatus.BAD_REQUEST, "Invalid target",
                e.getMessage(), e.errors());
        e.valid().forEach(response.body()::with);
        return response;
    }
}
