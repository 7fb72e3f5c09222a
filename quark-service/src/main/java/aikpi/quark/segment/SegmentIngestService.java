package aikpi.quark.segment;

import aikpi.platform.ingest.IngestCounters;
import aikpi.platform.problem.BatchErrors;
import aikpi.platform.problem.BatchRejectedException;
import aikpi.platform.problem.ItemError;
import aikpi.platform.store.Sql;
import aikpi.platform.store.Transactions;
import aikpi.quark.activity.UserEvent;
import aikpi.quark.activity.UserEventIngestService;
import aikpi.quark.activity.UserEventStore;
import aikpi.quark.activity.UserEventStream;
import aikpi.quark.apps.AppBundle;
import aikpi.quark.apps.AppBundleRepository;
import aikpi.quark.apps.AppLocks;
import aikpi.quark.segment.SegmentMapping.Calls;
import aikpi.quark.segment.SegmentMapping.Kind;
import aikpi.quark.segment.SegmentMapping.Mapped;
import aikpi.quark.segment.SegmentMapping.Translation;
import aikpi.quark.sessions.AiSession;
import aikpi.quark.sessions.AiSessionIngestService;
import aikpi.quark.sessions.AiSessionStore;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.tree.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Segment-spec calls into quark: each body is translated by {@link SegmentMapping}, checked by the same rules as the
 * native JSON batches ({@link UserEventIngestService}, {@link AiSessionIngestService}) and stored by the same stores,
 * so both paths feed the same figures. A body is atomic (one bad call rejects it, naming every offender by index,
 * messageId and Segment field, and nothing is stored) and idempotent by messageId, forever: a call is stored under
 * {@code sg:} + messageId, which its kind's primary key keeps once, and a messageId stored as another kind of event
 * before is a duplicate too ({@link SegmentIdStore}).
 */
// Created at start-up so the stream's counters are exported (at zero) before its first body.
@Context
public class SegmentIngestService {

    private final UserEventIngestService userEvents;
    private final AiSessionIngestService sessions;
    private final UserEventStore userEventStore;
    private final AiSessionStore sessionStore;
    private final AppBundleRepository bundles;
    private final AppLocks locks;
    private final SegmentIdStore segmentIdStore;
    private final Transactions transactions;
    private final ReportingZone zone;
    private final Clock clock;
    private final int maxBatchSize;
    private final IngestCounters counters;

    public SegmentIngestService(UserEventIngestService userEvents, AiSessionIngestService sessions,
                                UserEventStore userEventStore, AiSessionStore sessionStore, AppBundleRepository bundles,
                                AppLocks locks, SegmentIdStore segmentIdStore, Transactions transactions, ReportingZone zone, Clock clock, MeterRegistry registry,
                                @Value("${kpi.ingest.max-batch-size:10000}") int maxBatchSize) {
        this.userEvents = userEvents;
        this.sessions = sessions;
        this.userEventStore = userEventStore;
        this.sessionStore = sessionStore;
        this.bundles = bundles;
        this.locks = locks;
        this.segmentIdStore = segmentIdStore;
        this.transactions = transactions;
        this.zone = zone;
        this.clock = clock;
        this.maxBatchSize = maxBatchSize;
        this.counters = IngestCounters.ignoring(registry, "segment");
    }

    /** A body of Segment's {@code /v1/batch}. */
    public SegmentResult batch(JsonNode body) {
        return ingest(SegmentMapping.batch(body));
    }

    /** A body of Segment's {@code /v1/track}, {@code /v1/identify}, …: one call of {@code method}. */
    public SegmentResult single(String method, JsonNode body) {
        return ingest(SegmentMapping.single(method, body));
    }

    private SegmentResult ingest(Calls calls) {
        BatchErrors.checkSize(calls.calls(), maxBatchSize);
        BatchErrors errors = new BatchErrors();
        // One instant for the call: what Segment's clock-skew correction measures against, and when it was received.
        Instant received = clock.instant();
        Translation t = SegmentMapping.translate(calls, appsOf(SegmentMapping.namespaces(calls)), received, errors);
        Set<Integer> faulty = new HashSet<>();
        errors.errors().forEach(e -> faulty.add(e.index()));
        Map<Kind, List<Mapped>> byKind = new HashMap<>();
        for (Kind k : Kind.values()) {
            byKind.put(k, new ArrayList<>());
        }
        t.events().stream().filter(m -> !faulty.contains(m.index())).forEach(m -> byKind.get(m.kind()).add(m));

        // quark's own rules, on the calls this path found nothing wrong with (the others would only repeat it).
        List<ItemError> all = new ArrayList<>(errors.errors());
        List<UserEvent> installs = keyedByStamp(checked(byKind.get(Kind.INSTALL), m -> m.event(),
                r -> userEvents.validate(UserEventStream.INSTALL, r), all), byKind.get(Kind.INSTALL));
        List<UserEvent> opens = keyedByStamp(checked(byKind.get(Kind.OPEN), m -> m.event(),
                r -> userEvents.validate(UserEventStream.ACTIVITY, r), all), byKind.get(Kind.OPEN));
        List<AiSession> aiSessions = checked(byKind.get(Kind.AI_SESSION), m -> m.session(), sessions::validate, all);
        if (!all.isEmpty()) {
            counters.rejected(calls.calls().size());
            all.sort(Comparator.comparingInt(ItemError::index));
            throw new BatchRejectedException(all);
        }

        if (t.events().isEmpty()) {
            return counted(new int[3], t);
        }
        Map<Kind, List<SegmentIdStore.Message>> segmentIds = new EnumMap<>(Kind.class);
        Map<String, String> messageOfSession = new HashMap<>();
        Set<String> appIds = new TreeSet<>();
        for (Mapped m : t.events()) {
            segmentIds.computeIfAbsent(m.kind(), k -> new ArrayList<>())
                    .add(new SegmentIdStore.Message(SegmentMapping.ID_PREFIX + m.messageId(), m.stamp()));
            if (m.session() != null) {
                messageOfSession.putIfAbsent(m.session().sessionId(), m.messageId());
            }
            appIds.add(m.appId());
        }
        int[] fresh = transactions.write(c -> {
            locks.lockEventFed(appIds);
            Set<String> taken = segmentIdStore.storedAsAnotherKind(segmentIds);
            List<UserEvent> newInstalls = userEventStore.storeNew(UserEventStream.INSTALL,
                    installs.stream().filter(e -> !taken.contains(e.eventId())).toList(), received, zone.zoneId());
            List<UserEvent> newOpens = userEventStore.storeNew(UserEventStream.ACTIVITY,
                    opens.stream().filter(e -> !taken.contains(e.eventId())).toList(), received, zone.zoneId());
            List<AiSession> newSessions = sessionStore.storeNew(aiSessions.stream().filter(s -> !taken.contains(
                    SegmentMapping.ID_PREFIX + messageOfSession.get(s.sessionId()))).toList(), received, zone.zoneId());
            return new int[] {newInstalls.size(), newOpens.size(), newSessions.size()};
        });
        userEvents.counted(UserEventStream.INSTALL, byKind.get(Kind.INSTALL).size(), fresh[0]);
        userEvents.counted(UserEventStream.ACTIVITY, byKind.get(Kind.OPEN).size(), fresh[1]);
        sessions.counted(byKind.get(Kind.AI_SESSION).size(), fresh[2]);
        return counted(fresh, t);
    }

    /**
     * The checked installs or opens identified by their calls' own stamps: a call whose time Segment's clock-skew
     * correction moved is the same event when it is retried with another {@code sentAt}.
     */
    private static List<UserEvent> keyedByStamp(List<UserEvent> checked, List<Mapped> calls) {
        Map<String, Instant> stampOf = new HashMap<>();
        calls.forEach(m -> stampOf.put(m.event().eventId(), m.stamp()));
        return checked.stream().map(e -> e.keyedAt(stampOf.get(e.eventId()))).toList();
    }

    /** Counts a stored body: {@code fresh} new installs, opens and sessions. */
    private SegmentResult counted(int[] fresh, Translation t) {
        int accepted = fresh[0] + fresh[1] + fresh[2];
        int duplicates = t.events().size() + t.repeats() - accepted;
        counters.accepted(accepted);
        counters.duplicates(duplicates);
        counters.ignored(t.ignored());
        return new SegmentResult(true, accepted, duplicates, t.ignored());
    }

    /**
     * Runs quark's rules over the mapped calls of one kind; their errors join {@code all}, named as Segment names the
     * calls and their fields. Answers the checked events (none when any was wrong).
     */
    private static <R, T> List<T> checked(List<Mapped> mapped, Function<Mapped, R> request,
                                          Function<List<R>, List<T>> validate, List<ItemError> all) {
        if (mapped.isEmpty()) {
            return List.of();
        }
        try {
            return validate.apply(mapped.stream().map(request).toList());
        } catch (BatchRejectedException e) {
            for (ItemError x : e.errors()) {
                Mapped m = mapped.get(x.index());
                all.add(new ItemError(m.index(), m.messageId(), m.segmentField(x.field()), x.message()));
            }
            return List.of();
        }
    }

    /** The app each bundle id names (those that name one). */
    private Map<String, String> appsOf(Set<String> namespaces) {
        Map<String, String> apps = new HashMap<>();
        Sql.forEachChunk(new ArrayList<>(namespaces), chunk -> {
            for (AppBundle b : bundles.findByBundleIdIn(chunk)) {
                apps.put(b.bundleId(), b.appId());
            }
        });
        return apps;
    }
}
