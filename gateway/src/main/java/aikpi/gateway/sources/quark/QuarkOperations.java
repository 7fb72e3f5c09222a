package aikpi.gateway.sources.quark;

import java.util.concurrent.CompletableFuture;

/** What the gateway asks quark-service. */
public interface QuarkOperations {

    CompletableFuture<QuarkKpis> kpis(String period);
}
