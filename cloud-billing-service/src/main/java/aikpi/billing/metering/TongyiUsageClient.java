package aikpi.billing.metering;

import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.annotation.Client;

/**
 * What this service reads from tongyi-service, which meters the tokens its models serve. The URL and timeouts come
 * from {@code micronaut.http.services.tongyi-service.*}; the contract is pinned by a pact
 * ({@code contracts/pacts/cloud-billing-service-tongyi-service.json}).
 */
@Client(id = "tongyi-service", errorType = TongyiProblem.class)
public interface TongyiUsageClient {

    /** Metered tokens of a period in total (one row); 400 problem+json for a period tongyi does not understand. */
    @Get("/api/v1/usage/summary")
    MeteredUsage usageSummary(@QueryValue String period);
}
