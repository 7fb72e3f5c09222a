package aikpi.gateway.sources.tongyi;

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

/** tongyi-service over HTTP; its URL comes from {@code micronaut.http.services.tongyi-service.url}. */
@Client(id = "tongyi-service")
@CircuitBreaker(attempts = "${gateway.sources.retry-attempts:1}", delay = "${gateway.sources.retry-delay:50ms}",
        reset = "${gateway.sources.circuit-reset:10s}", predicate = TransientFailure.class,
        throwWrappedException = true)
public interface TongyiClient extends TongyiOperations {

    @Override
    @Get("/api/v1/kpis")
    CompletableFuture<TongyiKpis> kpis(@QueryValue String period);

    @Override
    @Get("/api/v1/usage/summary?groupBy=businessUnit")
    CompletableFuture<UsageSummary> usageByBusinessUnit(@QueryValue String period);

    @Override
    @Get("/api/v1/usage/summary?groupBy=day")
    CompletableFuture<UsageSummary> usageByDay(@QueryValue String period);

    @Override
    @Get("/api/v1/resources/daily")
    CompletableFuture<DailyResourceCost> resourceCostByDay(@QueryValue String period);

    @Override
    @Get("/api/v1/resources/unit-costs")
    CompletableFuture<UnitCosts> unitCosts(@QueryValue String period);

    @Override
    @Get("/api/v1/resources/summary")
    CompletableFuture<ResourceSummary> resources(@QueryValue String period, @Nullable @QueryValue String groupBy);

    @Override
    @Get("/api/v1/hub-stats/summary")
    CompletableFuture<HubSummary> hubStats(@QueryValue String period, @Nullable @QueryValue String groupBy);

    @Override
    @Get("/api/v1/usage/summary")
    CompletableFuture<UsageSummary> usage(@QueryValue String period, @Nullable @QueryValue String groupBy,
                                          @Nullable @QueryValue String businessUnit);

    @Override
    @Get("/api/v1/completeness")
    CompletableFuture<Completeness> completeness(@QueryValue String period);

    @Override
    @Get("/api/v1/changes")
    CompletableFuture<HttpResponse<List<DataChange>>> changes(@QueryValue String period, @QueryValue String since,
                                                              @Nullable @QueryValue String cursor);
}
