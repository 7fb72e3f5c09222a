package aikpi.gateway.sources.tongyi;

import java.util.concurrent.CompletableFuture;

/** What the gateway asks tongyi-service. */
public interface TongyiOperations {

    CompletableFuture<TongyiKpis> kpis(String period);

    /** Tokens metered per business unit (tongyi's internal customers). */
    CompletableFuture<UsageSummary> usageByBusinessUnit(String period);
}
