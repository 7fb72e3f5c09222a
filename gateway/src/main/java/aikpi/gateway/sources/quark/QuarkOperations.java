package aikpi.gateway.sources.quark;

import aikpi.gateway.sources.Completeness;
import aikpi.platform.changes.DataChange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the gateway asks quark-service. */
public interface QuarkOperations {

    CompletableFuture<QuarkKpis> kpis(String period);

    /** The counts behind each app's, feature's and unit's AI volume, quality and stickiness (no retention). */
    CompletableFuture<QuarkBreakdown> breakdown(String period);

    /** AI session counts per day and business unit: the series a running period's end is projected from. */
    CompletableFuture<DailySessions> dailySessions(String period);

    /** One app's cohort table; a null parameter takes quark-service's default. */
    CompletableFuture<RetentionTable> retention(String appId, String cohort, String from, String to, String segment);

    /** How complete its data is for a period: through which day, and whether the period is final. */
    CompletableFuture<Completeness> completeness(String period);

    /**
     * What it received after a data version that touches a period, oldest first, a page at a time (the next page's
     * cursor is in the answer's {@code Link: rel="next"}).
     */
    CompletableFuture<HttpResponse<List<DataChange>>> changes(String period, String since, @Nullable String cursor);
}
