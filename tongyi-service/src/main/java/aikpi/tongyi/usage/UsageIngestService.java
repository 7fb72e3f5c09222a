package aikpi.tongyi.usage;

import aikpi.platform.ingest.IngestCounters;
import aikpi.platform.ingest.IngestResult;
import aikpi.platform.ingest.KnownIds;
import aikpi.platform.problem.BatchErrors;
import aikpi.tongyi.customers.CustomerRepository;
import aikpi.tongyi.models.ModelRepository;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rules of usage ingestion: a batch is validated as a whole (any bad event rejects it, naming every offender,
 * and nothing is stored); an event seen before (the same id and time), in this batch or an earlier one, or older than
 * the raw events kept for the dedup, is acknowledged and not counted.
 */
@Singleton
public class UsageIngestService {

    /** Events may be at most this far ahead of the service's clock (clock skew at the sender). */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    /** No single model call meters anywhere near this many tokens; more is a bug at the sender. */
    static final long MAX_TOKENS_PER_EVENT = 100_000_000L;
    /** The metering platform did not exist before this; older timestamps are a unit or parsing error. */
    static final Instant EARLIEST = Instant.parse("2015-01-01T00:00:00Z");
    static final int MAX_ID_LENGTH = 128;
    /** The length of the customer and model id columns. */
    static final int MAX_KEY_LENGTH = 64;

    private final UsageStore store;
    private final Clock clock;
    private final ReportingZone zone;
    private final int maxBatchSize;
    private final IngestCounters counters;
    private final KnownIds knownCustomers;
    private final KnownIds knownModels;

    public UsageIngestService(UsageStore store, CustomerRepository customers, ModelRepository models, Clock clock,
                              ReportingZone zone, MeterRegistry registry,
                              @Value("${kpi.usage.max-batch-size:10000}") int maxBatchSize,
                              @Value("${kpi.known-ids.maximum-size:20000}") long knownIdsSize) {
        this.store = store;
        this.knownCustomers = new KnownIds(knownIdsSize, MAX_KEY_LENGTH, customers::findCustomerIdByCustomerIdIn);
        this.knownModels = new KnownIds(knownIdsSize, MAX_KEY_LENGTH, models::findModelIdByModelIdIn);
        this.clock = clock;
        this.zone = zone;
        this.maxBatchSize = maxBatchSize;
        this.counters = new IngestCounters(registry, "usage-events");
    }


    /** The most events one batch takes (413 beyond). */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    public IngestResult ingest(List<UsageEventRequest> batch) {
        BatchErrors.checkSize(batch, maxBatchSize);
        List<UsageEvent> unique = validate(batch, clock.instant());
        List<UsageEvent> fresh = store.storeNew(unique, zone.zoneId());
        int duplicates = batch.size() - fresh.size();
        counters.accepted(fresh.size());
        counters.duplicates(duplicates);
        return new IngestResult(fresh.size(), duplicates);
    }

    /**
     * Stores the events of {@code batch} that pass the rules and answers what became of them; the others are recorded
     * in {@code errors} by index and left out. For a stream (Kafka), where no sender waits for an answer to a batch
     * and one bad record must not hold back the good ones beside it; the caller counts the outcomes.
     */
    public IngestResult ingestValid(List<UsageEventRequest> batch, BatchErrors errors) {
        return ingestValid(batch, errors, clock.instant());
    }

    /** As {@link #ingestValid(List, BatchErrors)}, for one of the batches of a request received at {@code receivedAt}. */
    public IngestResult ingestValid(List<UsageEventRequest> batch, BatchErrors errors, Instant receivedAt) {
        int before = errors.size();
        List<UsageEvent> unique = check(batch, receivedAt, errors);
        Set<Integer> bad = new HashSet<>();
        errors.errors().subList(before, errors.size()).forEach(e -> bad.add(e.index()));
        int fresh = unique.isEmpty() ? 0 : store.storeNew(unique, zone.zoneId()).size();
        return new IngestResult(fresh, batch.size() - bad.size() - fresh);
    }

    /** Checks every event; answers the batch without its in-batch repeats, or throws naming every bad event. */
    List<UsageEvent> validate(List<UsageEventRequest> batch) {
        return validate(batch, clock.instant());
    }

    private List<UsageEvent> validate(List<UsageEventRequest> batch, Instant receivedAt) {
        BatchErrors errors = new BatchErrors();
        List<UsageEvent> unique = check(batch, receivedAt, errors);
        if (!errors.isEmpty()) {
            counters.rejected(batch.size());
        }
        errors.throwIfAny();
        return unique;
    }

    /** Records every bad event in {@code errors}; answers the good ones, without their in-batch repeats. */
    private List<UsageEvent> check(List<UsageEventRequest> batch, Instant receivedAt, BatchErrors errors) {
        Instant latest = receivedAt.plus(FUTURE_TOLERANCE);
        Set<String> unknownCustomers = knownCustomers.unknownAmong(
                batch.stream().filter(Objects::nonNull).map(UsageEventRequest::customerId).toList());
        Set<String> unknownModels = knownModels.unknownAmong(
                batch.stream().filter(Objects::nonNull).map(UsageEventRequest::modelId).toList());
        Set<UsageEvent.Identity> seen = new HashSet<>();
        List<UsageEvent> unique = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            UsageEventRequest e = batch.get(i);
            if (e == null) {
                errors.add(i, null, "item", "is null");
                continue;
            }
            int before = errors.size();
            String id = e.eventId();
            errors.requireId(i, id, "eventId", id, MAX_ID_LENGTH);
            if (errors.require(i, id, "customerId", e.customerId()) && unknownCustomers.contains(e.customerId())) {
                errors.add(i, id, "customerId", "unknown customer '" + e.customerId() + "'");
            }
            if (errors.require(i, id, "modelId", e.modelId()) && unknownModels.contains(e.modelId())) {
                errors.add(i, id, "modelId", "unknown model '" + e.modelId() + "'");
            }
            if (errors.require(i, id, "occurredAt", e.occurredAt())) {
                if (e.occurredAt().isAfter(latest)) {
                    errors.add(i, id, "occurredAt", "is more than 5 minutes in the future (" + e.occurredAt() + ")");
                } else if (e.occurredAt().isBefore(EARLIEST)) {
                    errors.add(i, id, "occurredAt", "is before " + EARLIEST + " (" + e.occurredAt() + ")");
                }
            }
            errors.requireCount(i, id, "inputTokens", e.inputTokens(), MAX_TOKENS_PER_EVENT);
            errors.requireCount(i, id, "outputTokens", e.outputTokens(), MAX_TOKENS_PER_EVENT);
            if (errors.size() == before) {
                UsageEvent event = new UsageEvent(id, e.customerId(), e.modelId(), e.occurredAt(), e.inputTokens(),
                        e.outputTokens(), receivedAt);
                if (seen.add(event.identity())) {
                    unique.add(event);
                }
            }
        }
        return unique;
    }
}
