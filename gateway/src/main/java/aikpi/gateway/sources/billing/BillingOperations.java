package aikpi.gateway.sources.billing;

import java.util.concurrent.CompletableFuture;

/** What the gateway asks cloud-billing-service. */
public interface BillingOperations {

    /** @param quarter a calendar or fiscal quarter: the ledger is reported by quarter */
    CompletableFuture<Attribution> attribution(String quarter);
}
