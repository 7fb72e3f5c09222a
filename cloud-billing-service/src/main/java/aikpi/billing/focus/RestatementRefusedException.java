package aikpi.billing.focus;

import aikpi.platform.problem.ProblemBody;
import aikpi.platform.problem.ProblemResponses;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * An import that would restate a final billing month already imported (409): the month's figures stay as they were
 * closed; a change to them is sent as {@code ChargeClass = Correction} rows, booked in the open period.
 */
public class RestatementRefusedException extends RuntimeException {

    private final String month;
    private final String billingAccountId;
    private final String importId;
    private final String sha256;

    public RestatementRefusedException(String month, String billingAccountId, String importId, String sha256,
                                       String finalOn) {
        super("The file restates billing month " + month + " of billing account '" + billingAccountId + "', final "
                + "since " + finalOn + " and already imported by " + importId + " (file SHA-256 " + sha256 + "). A "
                + "final month is not restated: send the change as ChargeClass=Correction rows, which are booked in "
                + "the open period. Nothing of the file was stored.");
        this.month = month;
        this.billingAccountId = billingAccountId;
        this.importId = importId;
        this.sha256 = sha256;
    }

    /** Answers the refusal as problem+json naming the month and the import it would replace. */
    @Produces
    @Singleton
    @Requires(classes = {RestatementRefusedException.class, ExceptionHandler.class})
    public static class Handler implements ExceptionHandler<RestatementRefusedException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, RestatementRefusedException e) {
            HttpResponse<ProblemBody> r = ProblemResponses.respond(HttpStatus.CONFLICT, "Final billing month",
                    e.getMessage());
            r.body().with("month", e.month).with("billingAccountId", e.billingAccountId)
                    .with("importId", e.importId).with("sha256", e.sha256);
            return r;
        }
    }
}
