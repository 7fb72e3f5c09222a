package aikpi.gateway.sources.billing;

import aikpi.gateway.sources.Completeness;
import aikpi.platform.changes.DataChange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the gateway asks cloud-billing-service. */
public interface BillingOperations {

    /** @param quarter a calendar or fiscal quarter: the ledger is reported by quarter */
    CompletableFuture<Attribution> attribution(String quarter);

    /**
     * Ledger revenue of any period, in total (null groupBy) or by customer, customerKind, product or businessUnit;
     * with a business unit, that unit's own (INTERNAL) lines only.
     */
    CompletableFuture<LedgerSummary> ledgerSummary(String period, @Nullable String groupBy, @Nullable String businessUnit);

    /** MaaS revenue and billed tokens per model for any period (day, month, quarter). */
    CompletableFuture<ModelRevenue> maasRevenueByModel(String period);

    /** The customers paying cash in any period, in all and by customer kind. */
    CompletableFuture<PayingCustomers> payingCustomers(String period);
    /** Revenue per booking day and business unit of any period: the series a running period is projected from. */
    CompletableFuture<DailyRevenue> dailyRevenue(String period);

    /** How complete its data is for a period: through which day, and whether the period is final. */
    CompletableFuture<Completeness> completeness(String period);

    /**
     * What it received after a data version that touches a period, oldest first, a page at a time (the next page's
     * cursor is in the answer's {@code Link: rel="next"}).
     */
    CompletableFuture<HttpResponse<List<DataChange>>> changes(String period, String since, @Nullable String cursor);
}
