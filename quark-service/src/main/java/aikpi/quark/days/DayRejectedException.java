package aikpi.quark.days;

import aikpi.platform.problem.ProblemResponses;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.List;

/** A day whose figures break the rules ({@link DayRules}): nothing of it was stored, and every offending field is named. */
public class DayRejectedException extends RuntimeException {

    /** One offending field of the day, as the body names it ({@code aiSessions.resolved}), and what is wrong. */
    @Serdeable
    public record FieldError(String field, String message) {
    }

    private final transient List<FieldError> errors;

    public DayRejectedException(List<FieldError> errors) {
        super(errors.size() + (errors.size() == 1 ? " field" : " fields") + " of the day are invalid; nothing was "
                + "stored. First: " + errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Answers the rejection as problem+json with {@code errors: [{field, message}]}. */
    @Produces
    @Singleton
    @Requires(classes = {DayRejectedException.class, ExceptionHandler.class})
    public static class Handler implements ExceptionHandler<DayRejectedException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, DayRejectedException e) {
            return ProblemResponses.respond(HttpStatus.BAD_REQUEST, "Invalid day", e.getMessage(), e.errors());
        }
    }
}
