package aikpi.quark.activity;

import aikpi.platform.ingest.IngestCounters;
import aikpi.platform.ingest.IngestResult;
import aikpi.platform.problem.BatchErrors;
import aikpi.quark.apps.EventRules;
import aikpi.quark.apps.KnownApps;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of install and app-open ingestion: a batch is validated as a whole (any bad event rejects it, naming
 * every offender, and nothing is stored); an event id seen before, in this batch or an earlier one, is
 * acknowledged as a duplicate and not counted.
 */
// Created at start-up so every stream's counters are exported (at zero) before its first batch.
@Context
public class UserEventIngestService {

    private final UserEventStore store;
    private final KnownApps apps;
    private final Clock clock;
    private final ReportingZone zone;
    private final int maxBatchSize;
    private final Map<UserEventStream, IngestCounters> counters = new EnumMap<>(UserEventStream.class);

    public UserEventIngestService(UserEventStore store, KnownApps apps, Clock clock, ReportingZone zone,
                                  MeterRegistry registry, @Value("${kpi.ingest.max-batch-size:10000}") int maxBatchSize) {
        this.store = store;
        this.apps = apps;
        this.clock = clock;
        this.zone = zone;
        this.maxBatchSize = maxBatchSize;
        for (UserEventStream s : UserEventStream.values()) {
            counters.put(s, new IngestCounters(registry, s.counterName));
        }
    }

    public IngestResult ingest(UserEventStream stream, List<UserEventRequest> batch) {
        BatchErrors.checkSize(batch, maxBatchSize);
        List<UserEvent> unique = validate(stream, batch);
        List<UserEvent> fresh = store.storeNew(stream, unique, clock.instant(), zone.zoneId());
        return counted(stream, batch.size(), fresh.size());
    }

    /** Counts a stored batch of {@code received} events of which {@code fresh} were new; answers the counts. */
    public IngestResult counted(UserEventStream stream, int received, int fresh) {
        counters.get(stream).accepted(fresh);
        counters.get(stream).duplicates(received - fresh);
        return new IngestResult(fresh, received - fresh);
    }

    /**
     * Checks every event; answers the batch without its in-batch repeats, or throws naming every bad event. Also the
     * check of the events another format maps to these ({@link aikpi.quark.segment}).
     */
    public List<UserEvent> validate(UserEventStream stream, List<UserEventRequest> batch) {
        Instant latest = clock.instant().plus(EventRules.FUTURE_TOLERANCE);
        BatchErrors errors = new BatchErrors();
        Set<UserEvent.Identity> identities = new HashSet<>();
        List<UserEvent> unique = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            UserEventRequest e = batch.get(i);
            if (e == null) {
                errors.add(i, null, "item", "is null");
                continue;
            }
            String id = e.eventId();
            errors.requireId(i, id, "eventId", id, EventRules.MAX_ID_LENGTH);
            if (errors.require(i, id, "appId", e.appId())) {
                Optional<String> refused = apps.refusesEvents(e.appId());
                if (refused.isPresent()) {
                    errors.add(i, id, "appId", refused.get());
                }
            }
            errors.requireId(i, id, "userId", e.userId(), EventRules.MAX_ID_LENGTH);
            EventRules.checkInstant(errors, i, id, "occurredAt", e.occurredAt(), latest);
            if (errors.isEmpty()) {
                UserEvent event = new UserEvent(id, e.appId(), e.userId(), e.occurredAt(), e.occurredAt());
                if (identities.add(event.identity())) {
                    unique.add(event);
                }
            }
        }
        if (!errors.isEmpty()) {
            counters.get(stream).rejected(batch.size());
        }
        errors.throwIfAny();
        return unique;
    }
}
