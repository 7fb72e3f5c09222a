package aikpi.platform.problem;

import aikpi.platform.store.FiguresNotReadyException;
import aikpi.platform.store.FiguresReadinessFilter;
import aikpi.vocabulary.InvalidPeriodException;
import aikpi.vocabulary.InvalidRequestException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.compression.DecompressionException;
import jakarta.inject.Singleton;

/** Maps the suite's domain exceptions to problem+json; each handler is a bean Micronaut picks by exception type. */
public final class DomainExceptionHandlers {

    private DomainExceptionHandlers() {
    }

    @Produces
    @Singleton
    @Requires(classes = {BatchRejectedException.class, ExceptionHandler.class})
    public static class BatchRejectedHandler implements ExceptionHandler<BatchRejectedException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, BatchRejectedException e) {
            return ProblemResponses.respond(HttpStatus.BAD_REQUEST, "Invalid batch", e.getMessage(), e.errors());
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {FileRejectedException.class, ExceptionHandler.class})
    public static class FileRejectedHandler implements ExceptionHandler<FileRejectedException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, FileRejectedException e) {
            HttpResponse<ProblemBody> response = ProblemResponses.respond(HttpStatus.BAD_REQUEST, "Invalid file",
                    e.getMessage(), e.errors());
            response.body().with("errorsTruncated", e.truncated());
            return response;
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {NotFoundException.class, ExceptionHandler.class})
    public static class NotFoundHandler implements ExceptionHandler<NotFoundException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, NotFoundException e) {
            return ProblemResponses.respond(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {InvalidPeriodException.class, ExceptionHandler.class})
    public static class InvalidPeriodHandler implements ExceptionHandler<InvalidPeriodException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, InvalidPeriodException e) {
            return ProblemResponses.respond(HttpStatus.BAD_REQUEST, "Invalid period", e.getMessage());
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {InvalidRequestException.class, ExceptionHandler.class})
    public static class InvalidRequestHandler implements ExceptionHandler<InvalidRequestException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, InvalidRequestException e) {
            return ProblemResponses.respond(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {PayloadTooLargeException.class, ExceptionHandler.class})
    public static class PayloadTooLargeHandler implements ExceptionHandler<PayloadTooLargeException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, PayloadTooLargeException e) {
            return ProblemResponses.respond(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Payload too large", e.getMessage());
        }
    }

    /**
     * A body that is not in the coding its {@code Content-Encoding} names (gzip that is not gzip): the server's inflater
     * fails before any route reads it, and that is the client's fault, not the service's.
     */
    @Produces
    @Singleton
    @Requires(classes = {DecompressionException.class, ExceptionHandler.class})
    public static class UndecodableBodyHandler implements ExceptionHandler<DecompressionException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, DecompressionException e) {
            return ProblemResponses.respond(HttpStatus.BAD_REQUEST, "Invalid request",
                    "The body is not in the coding its Content-Encoding header names.");
        }
    }

    @Produces
    @Singleton
    @Requires(classes = {FiguresNotReadyException.class, ExceptionHandler.class})
    public static class FiguresNotReadyHandler implements ExceptionHandler<FiguresNotReadyException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, FiguresNotReadyException e) {
            return ProblemResponses.unavailable(e.getMessage(), FiguresReadinessFilter.RETRY_AFTER);
        }
    }
}
