package aikpi.gateway.sources.tongyi;

import aikpi.gateway.sources.Completeness;
import java.util.concurrent.CompletableFuture;

/** What the gateway asks tongyi-service. */
public interface TongyiOperations {

    CompletableFuture<TongyiKpis> kpis(String period);

    /** Tokens metered per business unit (tongyi's internal customers). */
    CompletableFuture<UsageSummary> usageByBusinessUnit(String period);

    /** How complete its data is for a period: through which day, and whether the period is final. */
    CompletableFuture<Completeness> completeness(String period);
}
