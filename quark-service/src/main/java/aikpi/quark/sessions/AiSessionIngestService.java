package aikpi.quark.sessions;

import aikpi.platform.ingest.IngestCounters;
import aikpi.platform.ingest.IngestResult;
import aikpi.platform.ingest.KnownIds;
import aikpi.platform.problem.BatchErrors;
import aikpi.quark.apps.EventRules;
import aikpi.quark.apps.KnownApps;
import aikpi.quark.features.FeatureRepository;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of AI session ingestion: a batch is validated as a whole (any bad session rejects it, naming every
 * offender, and nothing is stored); a session id seen before, in this batch or an earlier one, is acknowledged as
 * a duplicate and not counted.
 */
// Created at start-up so every stream's counters are exported (at zero) before its first batch.
@Context
public class AiSessionIngestService {

    /** No conversation has anywhere near this many turns; more is a bug at the sender. */
    public static final long MAX_TURNS = 100_000;
    /** Nor this many agent (tool) calls. */
    public static final long MAX_AGENT_CALLS = 1_000_000;
    private static final char FEATURE_KEY_SEPARATOR = '\u0000';

    private final AiSessionStore store;
    private final KnownApps apps;
    private final Clock clock;
    private final ReportingZone zone;
    private final int maxBatchSize;
    private final IngestCounters counters;
    /** Features as {@code appId NUL featureId}; features are never deleted. */
    private final KnownIds knownFeatures;

    public AiSessionIngestService(AiSessionStore store, KnownApps apps, FeatureRepository features, Clock clock,
                                  ReportingZone zone, MeterRegistry registry,
                                  @Value("${kpi.ingest.max-batch-size:10000}") int maxBatchSize,
                                  @Value("${kpi.known-ids.maximum-size:20000}") long knownIdsSize) {
        this.store = store;
        this.apps = apps;
        this.knownFeatures = new KnownIds(knownIdsSize, 2 * EventRules.MAX_KEY_LENGTH + 1, keys -> keys.stream()
                .filter(key -> {
                    int split = key.indexOf(FEATURE_KEY_SEPARATOR);
                    return features.existsByAppIdAndFeatureId(key.substring(0, split), key.substring(split + 1));
                })
                .toList());
        this.clock = clock;
        this.zone = zone;
        this.maxBatchSize = maxBatchSize;
        this.counters = new IngestCounters(registry, "ai-sessions");
    }

    public IngestResult ingest(List<AiSessionRequest> batch) {
        BatchErrors.checkSize(batch, maxBatchSize);
        List<AiSession> unique = validate(batch);
        List<AiSession> fresh = store.storeNew(unique, clock.instant(), zone.zoneId());
        return counted(batch.size(), fresh.size());
    }

    /** Counts a stored batch of {@code received} sessions of which {@code fresh} were new; answers the counts. */
    public IngestResult counted(int received, int fresh) {
        counters.accepted(fresh);
        counters.duplicates(received - fresh);
        return new IngestResult(fresh, received - fresh);
    }

    /**
     * Checks every session; answers the batch without its in-batch repeats, or throws naming every bad session. Also
     * the check of the sessions another format maps to these ({@link aikpi.quark.segment}).
     */
    public List<AiSession> validate(List<AiSessionRequest> batch) {
        Instant latest = clock.instant().plus(EventRules.FUTURE_TOLERANCE);
        BatchErrors errors = new BatchErrors();
        Set<String> ids = new HashSet<>();
        List<AiSession> unique = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            AiSessionRequest s = batch.get(i);
            if (s == null) {
                errors.add(i, null, "item", "is null");
                continue;
            }
            String id = s.sessionId();
            errors.requireId(i, id, "sessionId", id, EventRules.MAX_ID_LENGTH);
            boolean appKnown = false;
            if (errors.require(i, id, "appId", s.appId())) {
                Optional<String> refused = apps.refusesEvents(s.appId());
                if (refused.isPresent()) {
                    errors.add(i, id, "appId", refused.get());
                }
                appKnown = refused.isEmpty();
            }
            if (errors.require(i, id, "featureId", s.featureId()) && appKnown && !featureExists(s.appId(), s.featureId())) {
                errors.add(i, id, "featureId", "unknown feature '" + s.featureId() + "' of app '" + s.appId() + "'");
            }
            errors.requireId(i, id, "userId", s.userId(), EventRules.MAX_ID_LENGTH);
            EventRules.checkInstant(errors, i, id, "startedAt", s.startedAt(), latest);
            errors.requireCount(i, id, "turns", s.turns(), MAX_TURNS);
            errors.requireCount(i, id, "agentCalls", s.agentCalls(), MAX_AGENT_CALLS);
            Optional<Outcome> outcome = Optional.empty();
            if (errors.require(i, id, "outcome", s.outcome())) {
                outcome = Outcome.parse(s.outcome());
                if (outcome.isEmpty()) {
                    errors.add(i, id, "outcome", "'" + s.outcome() + "' is not one of RESOLVED, ABANDONED, ESCALATED, UNKNOWN");
                }
            }
            if (s.rating() != null && (s.rating() < 1 || s.rating() > 5)) {
                errors.add(i, id, "rating", "must be 1 to 5 when given (was " + s.rating() + ")");
            }
            errors.require(i, id, "converted", s.converted());
            if (s.conversionValueCny() != null) {
                if (s.conversionValueCny().signum() < 0 || !Money.isStorable(s.conversionValueCny())) {
                    errors.add(i, id, "conversionValueCny",
                            "must be a non-negative amount in CNY with at most two decimals (fen)");
                } else if (Boolean.FALSE.equals(s.converted()) && s.conversionValueCny().signum() > 0) {
                    errors.add(i, id, "conversionValueCny", "a session that did not convert has no conversion value");
                }
            }
            if (errors.isEmpty() && ids.add(id)) {
                unique.add(new AiSession(id, s.appId(), s.featureId(), s.userId(), s.startedAt(),
                        s.turns().intValue(), s.agentCalls().intValue(), outcome.orElseThrow(), s.rating(),
                        s.converted(), s.conversionValueCny() == null ? null : Money.cny(s.conversionValueCny())));
            }
        }
        if (!errors.isEmpty()) {
            counters.rejected(batch.size());
        }
        errors.throwIfAny();
        return unique;
    }

    private boolean featureExists(String appId, String featureId) {
        return featureId.length() <= EventRules.MAX_KEY_LENGTH && knownFeatures.exists(appId + FEATURE_KEY_SEPARATOR + featureId);
    }
}
