package aikpi.gateway.sources.quark;

import aikpi.gateway.sources.Completeness;
import aikpi.gateway.sources.TransientFailure;
import aikpi.platform.changes.DataChange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.retry.annotation.CircuitBreaker;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** quark-service over HTTP; its URL comes from {@code micronaut.http.services.quark-service.url}. */
@Client(id = "quark-service")
@CircuitBreaker(attempts = "${gateway.sources.retry-attempts:1}", delay = "${gateway.sources.retry-delay:50ms}",
        reset = "${gateway.sources.circuit-reset:10s}", predicate = TransientFailure.class,
        throwWrappedException = true)
public interface QuarkClient extends QuarkOperations {

    @Override
    @Get("/api/v1/kpis")
    CompletableFuture<QuarkKpis> kpis(@QueryValue String period);

    @Override
    @Get("/api/v1/kpis/daily")
    CompletableFuture<DailySessions> dailySessions(@QueryValue String period);

    @Override
    @Get("/api/v1/kpis?retention=false")
    CompletableFuture<QuarkBreakdown> breakdown(@QueryValue String period);

    @Override
    @Get("/api/v1/apps/{appId}/retention")
    CompletableFuture<RetentionTable> retention(@PathVariable String appId, @Nullable @QueryValue String cohort,
                                                @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                                @Nullable @QueryValue String segment);

    @Override
    @Get("/api/v1/completeness")
    CompletableFuture<Completeness> completeness(@QueryValue String period);

    @Override
    @Get("/api/v1/changes")
    CompletableFuture<HttpResponse<List<DataChange>>> changes(@QueryValue String period, @QueryValue String since,
                                                              @Nullable @QueryValue String cursor);
}
