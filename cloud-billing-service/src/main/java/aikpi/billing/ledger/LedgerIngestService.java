package aikpi.billing.ledger;

import aikpi.billing.ledger.LedgerLineValidator.Validated;
import aikpi.platform.ingest.IngestCounters;
import aikpi.platform.ingest.IngestResult;
import aikpi.platform.problem.BatchErrors;
import aikpi.platform.problem.BatchRejectedException;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * Ledger ingestion: a batch is checked as a whole (any bad line rejects it, naming every offender, and nothing is
 * stored); a line id seen before, in this batch or an earlier one, is acknowledged as a duplicate and not applied.
 */
@Singleton
public class LedgerIngestService {

    private final LedgerStore store;
    private final Clock clock;
    private final ReportingZone zone;
    private final int maxBatchSize;
    private final IngestCounters counters;

    public LedgerIngestService(LedgerStore store, Clock clock, ReportingZone zone, MeterRegistry registry,
                               @Value("${kpi.ledger.max-batch-size:10000}") int maxBatchSize) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
        this.maxBatchSize = maxBatchSize;
        this.counters = new IngestCounters(registry, "ledger-lines");
    }


    public IngestResult ingest(List<LedgerLineRequest> batch) {
        BatchErrors.checkSize(batch, maxBatchSize);
        // A day of slack for billing systems whose clock or zone runs ahead of ours.
        Validated validated = LedgerLineValidator.validate(batch, zone.today(clock).plusDays(1));
        int fresh;
        try {
            fresh = store.record(validated, clock.instant());
        } catch (BatchRejectedException e) {
            counters.rejected(batch.size());
            throw e;
        }
        int duplicates = batch.size() - fresh;
        counters.accepted(fresh);
        counters.duplicates(duplicates);
        return new IngestResult(fresh, duplicates);
    }
}
