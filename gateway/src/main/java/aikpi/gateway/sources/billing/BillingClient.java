package aikpi.gateway.sources.billing;

import aikpi.gateway.sources.Completeness;
import aikpi.gateway.sources.TransientFailure;
import aikpi.platform.changes.DataChange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.retry.annotation.CircuitBreaker;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** cloud-billing-service over HTTP; its URL comes from {@code micronaut.http.services.cloud-billing-service.url}. */
@Client(id = "cloud-billing-service")
@CircuitBreaker(attempts = "${gateway.sources.retry-attempts:1}", delay = "${gateway.sources.retry-delay:50ms}",
        reset = "${gateway.sources.circuit-reset:10s}", predicate = TransientFailure.class,
        throwWrappedException = true)
public interface BillingClient extends BillingOperations {

    @Override
    @Get("/api/v1/attribution")
    CompletableFuture<Attribution> attribution(@QueryValue String period);

    @Override
    @Get("/api/v1/ledger/summary?groupBy=model")
    CompletableFuture<ModelRevenue> maasRevenueByModel(@QueryValue String period);

    @Override
    @Get("/api/v1/ledger/summary")
    CompletableFuture<LedgerSummary> ledgerSummary(@QueryValue String period, @Nullable @QueryValue String groupBy,
                                                   @Nullable @QueryValue String businessUnit);

    @Override
    @Get("/api/v1/ledger/paying-customers")
    CompletableFuture<PayingCustomers> payingCustomers(@QueryValue String period);
    @Get("/api/v1/ledger/daily")
    CompletableFuture<DailyRevenue> dailyRevenue(@QueryValue String period);

    @Override
    @Get("/api/v1/completeness")
    CompletableFuture<Completeness> completeness(@QueryValue String period);

    @Override
    @Get("/api/v1/changes")
    CompletableFuture<HttpResponse<List<DataChange>>> changes(@QueryValue String period, @QueryValue String since,
                                                              @Nullable @QueryValue String cursor);
}
