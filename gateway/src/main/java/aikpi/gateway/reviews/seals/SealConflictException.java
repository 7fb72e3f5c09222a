package aikpi.gateway.reviews.seals;

import aikpi.platform.problem.ProblemBody;
import aikpi.platform.problem.ProblemResponses;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * A seal the period's state forbids (409): the period has not ended, a source has not finished it, or another seal of
 * the same version was stored first. {@code sources} names, when it is about them, each source and its completeness.
 */
public class SealConflictException extends RuntimeException {

    private final Map<String, Object> sources;

    public SealConflictException(String message) {
        this(message, Map.of());
    }

    public SealConflictException(String message, Map<String, Object> sources) {
        super(message);
        this.sources = sources;
    }

    /** Answers the conflict as problem+json, like every other error of the suite. */
    @Produces
    @Singleton
    @Requires(classes = {SealConflictException.class, ExceptionHandler.class})
    public static class Handler implements ExceptionHandler<SealConflictException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, SealConflictException e) {
            HttpResponse<ProblemBody> response = ProblemResponses.respond(HttpStatus.CONFLICT, "Review not sealed",
                    e.getMessage());
            if (!e.sources.isEmpty()) {
                response.body().with("sources", e.sources);
            }
            return response;
        }
    }
}
