package aikpi.gateway.drivers;

import aikpi.gateway.drivers.DriversCalculator.NoFigureException;
import aikpi.platform.problem.ProblemBody;
import aikpi.platform.problem.ProblemResponses;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** The drivers' refusals as problem+json. */
public final class DriversProblems {

    private DriversProblems() {
    }

    /** 400 with the valid values as members of the problem ({@code validKpis}, {@code validDimensions}, …). */
    @Produces
    @Singleton
    @Requires(classes = ExceptionHandler.class)
    public static class InvalidRequestHandler
            implements ExceptionHandler<InvalidDriversRequestException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, InvalidDriversRequestException e) {
            HttpResponse<ProblemBody> response = ProblemResponses.respond(HttpStatus.BAD_REQUEST,
                    "Invalid drivers request", e.getMessage());
            e.valid().forEach(response.body()::with);
            return response;
        }
    }

    /** 422: the request is well-formed, but the KPI has no value in a period, so no change to split. */
    @Produces
    @Singleton
    @Requires(classes = ExceptionHandler.class)
    public static class NoFigureHandler implements ExceptionHandler<NoFigureException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, NoFigureException e) {
            return ProblemResponses.respond(HttpStatus.UNPROCESSABLE_ENTITY, "No figure to split", e.getMessage());
        }
    }
}
