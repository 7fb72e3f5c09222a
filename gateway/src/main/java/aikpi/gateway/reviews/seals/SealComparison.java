package aikpi.gateway.reviews.seals;

import aikpi.gateway.conversion.KpiDefinition;
import aikpi.gateway.reviews.Review;
import aikpi.gateway.reviews.Review.KpiReview;
import aikpi.gateway.reviews.Review.ScopeReview;
import aikpi.gateway.reviews.ReviewService;
import aikpi.gateway.reviews.seals.ReviewChanges.Cause;
import aikpi.gateway.reviews.seals.ReviewChanges.CauseSource;
import aikpi.gateway.reviews.seals.ReviewChanges.Figures;
import aikpi.gateway.reviews.seals.ReviewChanges.KpiChange;
import aikpi.gateway.reviews.seals.ReviewChanges.NotFinal;
import aikpi.gateway.reviews.seals.ReviewChanges.ScopeChange;
import aikpi.gateway.sources.ChangeList;
import aikpi.gateway.sources.Source;
import aikpi.gateway.sources.SourceCalls;
import aikpi.gateway.sources.SourceFanOut;
import aikpi.gateway.sources.SourceFetcher;
import aikpi.gateway.sources.Sourced;
import aikpi.gateway.targets.Target;
import aikpi.gateway.targets.TargetService;
import aikpi.platform.changes.DataChange;
import aikpi.vocabulary.Period;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Compares a sealed review with the live one and lists the causes: what each source received since its data version
 * at the seal ({@code GET /api/v1/changes?since=}) and the target versions set since. A KPI's change is put down to
 * the sources its figure and its floor are read from that listed something, and to the gateway when its target
 * version moved.
 */
@Singleton
public class SealComparison {

    /** The cause source of a target version set after the seal. */
    public static final String GATEWAY = "gateway";
    /** The kind of a target version set after the seal. */
    public static final String TARGET_SET = "TARGET_SET";

    private final ReviewSeals seals;
    private final ReviewService reviews;
    private final SourceFanOut sources;
    private final SourceFetcher fetcher;
    private final TargetService targets;
    private final Clock clock;

    public SealComparison(ReviewSeals seals, ReviewService reviews, SourceFanOut sources, SourceFetcher fetcher,
                          TargetService targets, Clock clock) {
        this.seals = seals;
        this.reviews = reviews;
        this.sources = sources;
        this.fetcher = fetcher;
        this.targets = targets;
        this.clock = clock;
    }

    /** The changes of {@code periodText}'s sealed {@code version} (null: the latest) against the live review. */
    public CompletableFuture<ReviewChanges> changes(String periodText, @Nullable Integer version) {
        Period period = ReviewService.reviewPeriod(periodText);
        ReviewSeal seal = seals.sealed(period, version);
        List<Target> targetsSince = targets.setAfter(period.fiscalYear(), seal.sealedAt());
        // The live figures as fresh as the causes read with them: no answer cached before this comparison is reused.
        fetcher.requireFreshFrom(clock.instant());
        CompletableFuture<Review> live = reviews.review(period.label(), null);
        Map<Source, CompletableFuture<Sourced<ChangeList>>> received = new LinkedHashMap<>();
        for (Source s : Source.values()) {
            received.put(s, sources.changes(s, period, seal.sources().get(s.serviceId()).dataVersion()));
        }
        List<CompletableFuture<?>> all = new ArrayList<>(received.values());
        all.add(live);
        return SourceCalls.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> compare(seal, live.join(), received, targetsSince));
    }

    private ReviewChanges compare(ReviewSeal seal, Review live, Map<Source, CompletableFuture<Sourced<ChangeList>>> received,
                                  List<Target> targetsSince) {
        List<Cause> causes = new ArrayList<>();
        Map<String, CauseSource> answered = new LinkedHashMap<>();
        Set<String> withCauses = new LinkedHashSet<>();
        received.forEach((source, future) -> {
            Sourced<ChangeList> answer = future.join();
            String since = seal.sources().get(source.serviceId()).dataVersion();
            List<DataChange> listed = answer.hasData() ? answer.value().changes() : List.of();
            listed.forEach(c -> causes.add(new Cause(source.serviceId(), c.kind(), c.at(), c.day(), c.subject(),
                    c.ref(), c.items(), c.oldVersion(), c.newVersion(), c.by(), c.sha256(), c.description())));
            if (!listed.isEmpty()) {
                withCauses.add(source.serviceId());
            }
            answered.put(source.serviceId(), new CauseSource(answer.status().name(), since, listed.size(),
                    answer.hasData() && answer.value().truncated(), answer.detail()));
        });
        for (Target t : targetsSince) {
            causes.add(new Cause(GATEWAY, TARGET_SET, t.setAt(), null, t.scope() + "/" + t.kpiId(),
                    t.fiscalYear() + "/" + t.scope() + "/" + t.kpiId() + "/" + t.version(), null,
                    t.version() > 1 ? t.version() - 1 : null, t.version(), t.setBy(),
                    null, "Target of " + t.kpiId() + " for " + t.scope() + " in " + t.fiscalYear() + " set to "
                    + t.target().toPlainString() + " (version " + t.version() + ")"
                    + (t.note() == null ? "" : ": " + t.note())));
        }
        answered.put(GATEWAY, new CauseSource("OK", seal.sealedAt().toString(), targetsSince.size(), false, null));
        causes.sort(Comparator.comparing(Cause::at).thenComparing(Cause::source).thenComparing(Cause::kind));

        Review sealed = seal.review();
        List<KpiChange> kpis = kpiChanges(sealed, live, withCauses);
        List<ScopeChange> scopes = scopeChanges(sealed, live, kpis);
        List<NotFinal> notFinal = new ArrayList<>();
        seal.sources().forEach((id, s) -> {
            if (!s.isFinal()) {
                notFinal.add(new NotFinal(id, s.dataThrough()));
            }
        });
        return new ReviewChanges(seal.period(), seal.version(), seal.sealedAt(), seal.sealedBy(), seal.reason(),
                seal.forced(), clock.instant(), !kpis.isEmpty() || !scopes.isEmpty(), notFinal, scopes, kpis, causes,
                answered);
    }

    /** The most KPI changes a seal's notice lists (their count is always given). */
    static final int NOTICE_KPI_CHANGES = 100;

    /**
     * What a seal changed against the version before it, for its notice: each scope whose score or rank moved, and
     * each KPI whose figures moved ({@code before} and {@code after}: actual, attainment, status), at most
     * {@value #NOTICE_KPI_CHANGES} of them.
     */
    static Map<String, Object> sealedAgain(Review before, Review after) {
        List<KpiChange> kpis = kpiChanges(before, after, Set.of());
        List<Map<String, Object>> scopes = new ArrayList<>();
        for (ScopeChange s : scopeChanges(before, after, kpis)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scope", s.scope());
            m.put("scoreBefore", s.sealedScore());
            m.put("scoreAfter", s.liveScore());
            m.put("rankBefore", s.sealedRank());
            m.put("rankAfter", s.liveRank());
            m.put("statusesChanged", s.statusesChanged());
            scopes.add(m);
        }
        List<Map<String, Object>> listed = new ArrayList<>();
        for (KpiChange k : kpis.subList(0, Math.min(kpis.size(), NOTICE_KPI_CHANGES))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scope", k.scope());
            m.put("kpiId", k.kpiId());
            m.put("before", side(k.sealed()));
            m.put("after", side(k.live()));
            m.put("targetChanged", k.targetChanged());
            listed.add(m);
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("scopes", scopes);
        changes.put("kpisChanged", kpis.size());
        changes.put("kpis", listed);
        return changes;
    }

    private static Map<String, Object> side(@Nullable Figures f) {
        if (f == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("actual", f.actual());
        m.put("attainment", f.attainment());
        m.put("status", f.status().name());
        return m;
    }

    private static List<KpiChange> kpiChanges(Review sealed, Review live, Set<String> withCauses) {
        Map<String, KpiReview> before = byKpi(sealed);
        Map<String, KpiReview> now = byKpi(live);
        Set<String> keys = new LinkedHashSet<>(before.keySet());
        keys.addAll(now.keySet());
        List<KpiChange> changes = new ArrayList<>();
        for (String key : keys) {
            KpiReview a = before.get(key);
            KpiReview b = now.get(key);
            Figures fa = figures(a);
            Figures fb = figures(b);
            if (fa != null && fa.equalTo(fb)) {
                continue;
            }
            KpiReview any = a != null ? a : b;
            boolean targetChanged = a == null || b == null || a.targetVersion() != b.targetVersion();
            List<String> causedBy = new ArrayList<>();
            for (String source : sourcesOf(any)) {
                if (withCauses.contains(source)) {
                    causedBy.add(source);
                }
            }
            if (targetChanged) {
                causedBy.add(GATEWAY);
            }
            changes.add(new KpiChange(any.scope(), any.kpiId(), any.unit(), fa, fb,
                    difference(fa == null ? null : fa.actual(), fb == null ? null : fb.actual()),
                    difference(fa == null ? null : fa.attainment(), fb == null ? null : fb.attainment()),
                    fa == null || fb == null || fa.status() != fb.status(), targetChanged, causedBy));
        }
        return changes;
    }

    private static List<ScopeChange> scopeChanges(Review sealed, Review live, List<KpiChange> kpis) {
        Map<String, ScopeReview> before = new LinkedHashMap<>();
        sealed.scopes().forEach(s -> before.put(s.scope(), s));
        Map<String, ScopeReview> now = new LinkedHashMap<>();
        live.scopes().forEach(s -> now.put(s.scope(), s));
        Set<String> scopes = new LinkedHashSet<>(before.keySet());
        scopes.addAll(now.keySet());
        List<ScopeChange> changes = new ArrayList<>();
        for (String scope : scopes) {
            ScopeReview a = before.get(scope);
            ScopeReview b = now.get(scope);
            BigDecimal sa = a == null ? null : a.score();
            BigDecimal sb = b == null ? null : b.score();
            Integer ra = a == null ? null : a.rank();
            Integer rb = b == null ? null : b.rank();
            int statuses = (int) kpis.stream().filter(k -> k.scope().equals(scope) && k.statusChanged()).count();
            boolean moved = a == null || b == null || !same(sa, sb) || !Objects.equals(ra, rb) || statuses > 0;
            if (moved) {
                changes.add(new ScopeChange(scope, sa, sb, difference(sa, sb), ra, rb, statuses));
            }
        }
        return changes;
    }

    private static Map<String, KpiReview> byKpi(Review review) {
        Map<String, KpiReview> kpis = new LinkedHashMap<>();
        review.scopes().forEach(s -> s.kpis().forEach(k -> kpis.put(k.scope() + "/" + k.kpiId(), k)));
        return kpis;
    }

    private static Figures figures(@Nullable KpiReview k) {
        return k == null ? null : new Figures(k.actual(), k.target(), k.targetVersion(), k.attainment(), k.status(),
                k.counted(), k.scored(), k.qualityFloor() == null ? null : k.qualityFloor().met(), k.known());
    }

    /** The services a KPI's figure and its floor's are read from. */
    private static Set<String> sourcesOf(KpiReview k) {
        Set<String> ids = new LinkedHashSet<>();
        KpiDefinition.byId(k.kpiId()).ifPresent(d -> d.sources().forEach(s -> ids.add(s.serviceId())));
        if (k.qualityFloor() != null) {
            KpiDefinition.byId(k.qualityFloor().kpiId()).ifPresent(d -> d.sources().forEach(s -> ids.add(s.serviceId())));
        }
        return ids;
    }

    private static BigDecimal difference(@Nullable BigDecimal sealed, @Nullable BigDecimal live) {
        return sealed == null || live == null ? null : live.subtract(sealed);
    }

    static boolean same(@Nullable BigDecimal a, @Nullable BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
