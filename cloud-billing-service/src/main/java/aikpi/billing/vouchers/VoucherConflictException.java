package aikpi.billing.vouchers;

import aikpi.platform.problem.ProblemResponses;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A change to a voucher that its drawn history forbids (409): the ledger lines already drawn stay true. */
public class VoucherConflictException extends RuntimeException {

    public VoucherConflictException(String message) {
        super(message);
    }

    /** Answers the conflict as problem+json, like every other error of the suite. */
    @Produces
    @Singleton
    @Requires(classes = {VoucherConflictException.class, ExceptionHandler.class})
    public static class Handler implements ExceptionHandler<VoucherConflictException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, VoucherConflictException e) {
            return ProblemResponses.respond(HttpStatus.CONFLICT, "Voucher conflict", e.getMessage());
        }
    }
}
