package aikpi.gateway.sources.billing;

import aikpi.gateway.sources.Completeness;
import java.util.concurrent.CompletableFuture;

/** What the gateway asks cloud-billing-service. */
public interface BillingOperations {

    /** @param quarter a calendar or fiscal quarter: the ledger is reported by quarter */
    CompletableFuture<Attribution> attribution(String quarter);

    /** How complete its data is for a period: through which day, and whether the period is final. */
    CompletableFuture<Completeness> completeness(String period);
}
