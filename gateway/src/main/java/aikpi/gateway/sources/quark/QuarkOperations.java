package aikpi.gateway.sources.quark;

import aikpi.gateway.sources.Completeness;
import java.util.concurrent.CompletableFuture;

/** What the gateway asks quark-service. */
public interface QuarkOperations {

    CompletableFuture<QuarkKpis> kpis(String period);

    /** One app's cohort table; a null parameter takes quark-service's default. */
    CompletableFuture<RetentionTable> retention(String appId, String cohort, String from, String to, String segment);

    /** How complete its data is for a period: through which day, and whether the period is final. */
    CompletableFuture<Completeness> completeness(String period);
}
