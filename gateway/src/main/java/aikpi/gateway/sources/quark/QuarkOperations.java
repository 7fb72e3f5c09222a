package aikpi.gateway.sources.quark;

import java.util.concurrent.CompletableFuture;

/** What the gateway asks quark-service. */
public interface QuarkOperations {

    CompletableFuture<QuarkKpis> kpis(String period);

    /** One app's cohort table; a null parameter takes quark-service's default. */
    CompletableFuture<RetentionTable> retention(String appId, String cohort, String from, String to, String segment);
}
