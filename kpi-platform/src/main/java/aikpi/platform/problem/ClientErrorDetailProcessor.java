package aikpi.platform.problem;

import aikpi.platform.json.JsonInput;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.problem.ProblemErrorResponseProcessor;
import io.micronaut.problem.violations.ConstraintViolationThrowableProblem;
import io.micronaut.problem.violations.Violation;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.zalando.problem.ThrowableProblem;

/**
 * Every error the framework answers (broken JSON, a wrong type, a missing parameter, a constraint violation, an
 * unknown route) becomes problem+json. Client errors (4xx) carry the framework's message as {@code detail} so the
 * caller can correct the request, and a body that could not be read is told in the request's terms
 * ({@link JsonInput#describe}: which field, what was expected), not in the parser's or the Java argument's; server
 * errors carry none, so nothing internal leaks.
 */
@Singleton
@Replaces(ProblemErrorResponseProcessor.class)
public class ClientErrorDetailProcessor implements ErrorResponseProcessor<ProblemBody> {

    @Override
    @NonNull
    public MutableHttpResponse<ProblemBody> processResponse(@NonNull ErrorContext errorContext,
                                                            @NonNull MutableHttpResponse<?> baseResponse) {
        HttpStatus status = baseResponse.getStatus();
        String bodyFault = status.getCode() < 500 ? errorContext.getRootCause()
                .map(ClientErrorDetailProcessor::inRequestTerms).orElse(null) : null;
        ProblemBody body = bodyFault != null ? fromBodyFault(errorContext, status, bodyFault) : errorContext.getRootCause()
                .filter(ThrowableProblem.class::isInstance)
                .map(ThrowableProblem.class::cast)
                .map(p -> fromProblem(p, status))
                .orElseGet(() -> fromErrors(errorContext, status));
        return baseResponse.contentType(ProblemBody.MEDIA_TYPE).body(body);
    }

    private static ProblemBody fromProblem(ThrowableProblem problem, HttpStatus status) {
        int code = problem.getStatus() == null ? status.getCode() : problem.getStatus().getStatusCode();
        ProblemBody body = new ProblemBody(problem.getType() == null ? null : problem.getType().toString(),
                problem.getTitle() == null ? status.getReason() : problem.getTitle(), code,
                code >= 500 ? null : problem.getDetail());
        if (code < 500) {
            problem.getParameters().forEach(body::with);
        }
        if (problem instanceof ConstraintViolationThrowableProblem violations && !violations.getViolations().isEmpty()) {
            List<Violation> list = violations.getViolations();
            ProblemBody withDetail = new ProblemBody(body.getType(), body.getTitle(), code, list.stream()
                    .map(v -> requestField(v.getField()) + ": " + v.getMessage()).collect(Collectors.joining("; ")));
            return withDetail.with("violations", list.stream()
                    .map(v -> new FieldViolation(requestField(v.getField()), v.getMessage())).toList());
        }
        return body;
    }

    /**
     * What was wrong with a request the framework could not bind, in its own terms: a body's fault
     * ({@link JsonInput#describe}), a parameter that is not of its type, a body that is missing; null for the rest.
     */
    private static String inRequestTerms(Throwable cause) {
        String json = JsonInput.describe(cause);
        if (json != null) {
            return json;
        }
        if (cause instanceof UnsatisfiedBodyRouteException) {
            return "The request has no body; this endpoint reads one.";
        }
        if (cause instanceof ConversionErrorException c && c.getConversionError().getOriginalValue().isPresent()) {
            Class<?> type = c.getArgument().getType();
            String value = String.valueOf(c.getConversionError().getOriginalValue().get());
            return c.getArgument().getName() + ": '" + (value.length() > 40 ? value.substring(0, 40) + "..." : value)
                    + "' is not " + expected(type) + ".";
        }
        return null;
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == LocalDate.class) {
            return "a date such as 2025-03-14";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "a valid value";
    }

    /**
     * A violated field as the request names it: the framework's path starts with the Java method and argument
     * ({@code put.request.parametersBillions}, {@code login.usernamePasswordCredentials.password}); a parameter's is
     * the method and the parameter ({@code list.limit}).
     */
    static String requestField(String path) {
        if (path == null) {
            return null;
        }
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    /**
     * A body that could not be read: what was wrong with it, in the request's terms, and no {@code path} (the
     * framework's would name the Java argument the body was bound to, such as {@code /usernamePasswordCredentials}).
     */
    private static ProblemBody fromBodyFault(ErrorContext context, HttpStatus status, String detail) {
        String title = context.getErrors().isEmpty() ? status.getReason()
                : context.getErrors().get(0).getTitle().orElse(status.getReason());
        return new ProblemBody(null, title, status.getCode(), detail);
    }

    private static ProblemBody fromErrors(ErrorContext context, HttpStatus status) {
        boolean clientError = status.getCode() < 500;
        String title = status.getReason();
        String detail = null;
        ProblemBody body;
        if (clientError && !context.getErrors().isEmpty()) {
            Error first = context.getErrors().get(0);
            title = first.getTitle().orElse(title);
            detail = first.getMessage();
            body = new ProblemBody(null, title, status.getCode(), detail);
            first.getPath().ifPresent(path -> body.with("path", path));
            return body;
        }
        return new ProblemBody(null, title, status.getCode(), clientError ? null : "The service failed to answer; the failure is logged.");
    }

    /** One broken constraint of a request: the field (as the request names it, such as {@code name}) and the rule. */
    @Serdeable
    public record FieldViolation(String field, String message) {
    }
}
