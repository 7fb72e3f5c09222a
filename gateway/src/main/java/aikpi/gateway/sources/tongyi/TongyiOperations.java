package aikpi.gateway.sources.tongyi;

import aikpi.gateway.sources.Completeness;
import aikpi.platform.changes.DataChange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the gateway asks tongyi-service. */
public interface TongyiOperations {

    CompletableFuture<TongyiKpis> kpis(String period);

    /** Tokens metered per business unit (tongyi's internal customers). */
    CompletableFuture<UsageSummary> usageByBusinessUnit(String period);

    /**
     * Tokens metered in any period, in total (null groupBy) or by customer, model or customerKind; with a business
     * unit, that unit's own usage only.
     */
    CompletableFuture<UsageSummary> usage(String period, @Nullable String groupBy, @Nullable String businessUnit);

    /** Tokens metered per day (each row's key is the day): the series a running period's end is projected from. */
    CompletableFuture<UsageSummary> usageByDay(String period);

    /** The GPU resource cost per day of any period: the series a running period's resource cost is projected from. */
    CompletableFuture<DailyResourceCost> resourceCostByDay(String period);

    /** Each business unit's tokens priced at each model's inference cost per token. */
    CompletableFuture<UnitCosts> unitCosts(String period);

    /** The GPU resources' cost in any period, in total and by model or purpose (null groupBy: no rows). */
    CompletableFuture<ResourceSummary> resources(String period, @Nullable String groupBy);

    /** What the models gained on the hubs in any period, in total and by model or platform (null groupBy: no rows). */
    CompletableFuture<HubSummary> hubStats(String period, @Nullable String groupBy);

    /** How complete its data is for a period: through which day, and whether the period is final. */
    CompletableFuture<Completeness> completeness(String period);

    /**
     * What it received after a data version that touches a period, oldest first, a page at a time (the next page's
     * cursor is in the answer's {@code Link: rel="next"}).
     */
    CompletableFuture<HttpResponse<List<DataChange>>> changes(String period, String since, @Nullable String cursor);
}
