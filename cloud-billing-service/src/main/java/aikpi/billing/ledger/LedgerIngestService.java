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
import aikpi.billing.fx.FxRateService;
import aikpi.billing.fx.RateTable;
import aikpi.billing.ledger.LedgerLineValidator.Candidate;
import aikpi.platform.problem.ItemError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ledger ingestion: a batch is checked as a whole (any bad line rejects it, naming every offender, and nothing is
 * stored); a line id seen before, in this batch or an earlier one, is acknowledged as a duplicate and not applied.
 */
@Singleton
public class LedgerIngestService {

    private final LedgerStore store;
    private final FxRateService rates;
    private final Clock clock;
    private final ReportingZone zone;
    private final int maxBatchSize;
    private final IngestCounters counters;

    public LedgerIngestService(LedgerStore store, FxRateService rates, Clock clock, ReportingZone zone, MeterRegistry registry,
                               @Value("${kpi.ledger.max-batch-size:10000}") int maxBatchSize) {
        this.store = store;
        this.rates = rates;
        this.clock = clock;
        this.zone = zone;
        this.maxBatchSize = maxBatchSize;
        this.counters = new IngestCounters(registry, "ledger-lines");
    }


    public IngestResult ingest(List<LedgerLineRequest> batch) {
        BatchErrors.checkSize(batch, maxBatchSize);
        // A day of slack for billing systems whose clock or zone runs ahead of ours.
        Validated validated = converted(LedgerLineValidator.validate(batch, zone.today(clock).plusDays(1)));
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

    /** The lines in other currencies converted at their booking day's rate; a line without one is refused. */
    private Validated converted(Validated v) {
        List<Candidate> foreign = v.candidates().stream()
                .filter(x -> !LedgerLine.CNY.equals(x.line().billedCurrency())).toList();
        if (foreign.isEmpty()) {
            return v;
        }
        Set<String> currencies = new TreeSet<>();
        foreign.forEach(x -> currencies.add(x.line().billedCurrency()));
        LocalDate from = foreign.stream().map(x -> x.line().bookedOn()).min(LocalDate::compareTo).orElseThrow();
        LocalDate to = foreign.stream().map(x -> x.line().bookedOn()).max(LocalDate::compareTo).orElseThrow();
        RateTable table = rates.table(currencies, from, to);
        List<Candidate> candidates = new ArrayList<>();
        Set<String> invalid = new HashSet<>(v.invalidIds());
        List<ItemError> errors = new ArrayList<>(v.errors());
        for (Candidate x : v.candidates()) {
            LedgerLine l = x.line();
            if (LedgerLine.CNY.equals(l.billedCurrency())) {
                candidates.add(x);
                continue;
            }
            Optional<Conversion> c = table.convert(l.billedCurrency(), l.billedAmount(), l.bookedOn());
            if (c.isPresent()) {
                candidates.add(new Candidate(x.index(), l.converted(c.get())));
            } else {
                invalid.add(l.lineId());
                errors.add(new ItemError(x.index(), l.lineId(), "currency", table.missing(l.billedCurrency(), l.bookedOn())));
            }
        }
        errors.sort(Comparator.comparingInt(ItemError::index));
        return new Validated(candidates, invalid, errors);
    }
}
