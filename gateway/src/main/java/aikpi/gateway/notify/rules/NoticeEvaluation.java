package aikpi.gateway.notify.rules;

import aikpi.gateway.conversion.AiConversionService;
import aikpi.gateway.conversion.AiConversionView;
import aikpi.gateway.conversion.VanityAlert;
import aikpi.gateway.notify.Outbox;
import aikpi.gateway.notify.rules.NoticeRules.Outcome;
import aikpi.gateway.reviews.Review;
import aikpi.gateway.reviews.Review.FloorReview;
import aikpi.gateway.reviews.Review.KpiReview;
import aikpi.gateway.reviews.Review.ScopeReview;
import aikpi.gateway.reviews.ReviewService;
import aikpi.gateway.sources.Source;
import aikpi.gateway.sources.SourceReport;
import aikpi.gateway.sources.SourceStatus;
import aikpi.gateway.sources.SourcesUnavailableException;
import aikpi.platform.store.Transactions;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One evaluation of the notification rules: reads the live reviews and executive views of the running fiscal quarter
 * and the last finished one, turns them into observations, and applies each to its stored state in a transaction of
 * its own, with the notice it makes queued in the outbox in that same transaction. Safe to run twice at once: a key's
 * row is locked while it is compared, so the second evaluation sees what the first told.
 */
@Singleton
public class NoticeEvaluation {

    private static final Logger LOG = LoggerFactory.getLogger(NoticeEvaluation.class);
    /** The sources that say a day is complete a fixed lateness after it ends (billing closes by month instead). */
    private static final Set<Source> DAILY = Set.of(Source.TONGYI, Source.QUARK);
    /** The source each vanity alert is judged from: an alert is only seen quiet when its source answered. */
    private static final Map<String, Source> ALERT_SOURCE = Map.of(
            "ai-users-up-lift-not", Source.QUARK,
            "turns-up-resolution-not", Source.QUARK,
            "sessions-up-conversion-not", Source.QUARK,
            "downloads-up-derivatives-not", Source.TONGYI,
            "downloads-up-active-customers-not", Source.TONGYI,
            "ai-revenue-up-only-vouchers", Source.BILLING);

    private final ReviewService reviews;
    private final AiConversionService conversion;
    private final NoticeStateStore store;
    private final Outbox outbox;
    private final Transactions transactions;
    private final ReportingZone zone;
    private final Clock clock;
    private final NoticeRules rules;
    private final Duration lateness;
    /** Quarters watched besides the running one and the last finished one ({@code GATEWAY_NOTIFY_PERIODS}). */
    private final List<Period> watched;

    public NoticeEvaluation(ReviewService reviews, AiConversionService conversion, NoticeStateStore store,
                            Outbox outbox, Transactions transactions, ReportingZone zone, Clock clock,
                            @Value("${gateway.notify.min-interval:1h}") Duration minInterval,
                            @Value("${gateway.notify.stale-after:15m}") Duration staleAfter,
                            @Value("${gateway.notify.source-lateness:48h}") Duration lateness,
                            @Value("${gateway.notify.periods:}") String watched) {
        this.reviews = reviews;
        this.conversion = conversion;
        this.store = store;
        this.outbox = outbox;
        this.transactions = transactions;
        this.zone = zone;
        this.clock = clock;
        this.rules = new NoticeRules(minInterval, staleAfter);
        this.lateness = lateness;
        this.watched = watched(watched);
    }

    /** The fiscal quarters of a comma-separated list ({@code FY2026-Q2}, {@code 2025-Q3}); anything else is refused. */
    static List<Period> watched(String text) {
        List<Period> periods = new ArrayList<>();
        for (String label : text.split(",")) {
            if (label.isBlank()) {
                continue;
            }
            Period p = Period.parse(label.strip());
            if (!p.isQuarter()) {
                throw new IllegalArgumentException("GATEWAY_NOTIFY_PERIODS names quarters (FY2026-Q2 or 2025-Q3), not "
                        + label.strip());
            }
            periods.add(p.asFiscalQuarter());
        }
        return List.copyOf(periods);
    }

    /** Evaluates every rule once; the number of notices queued. */
    public int evaluate() {
        int notices = 0;
        for (Observation o : observe()) {
            if (apply(o)) {
                notices++;
            }
        }
        return notices;
    }

    /** Applies one observation to its key's state, and queues its notice, in one transaction. */
    boolean apply(Observation o) {
        Instant now = clock.instant();
        return transactions.write(c -> {
            store.insertIfAbsent(c, o, rules.firstSight(o));
            NoticeState prior = store.lock(c, o.key());
            Outcome outcome = rules.apply(prior, o, now);
            if (!outcome.state().equals(prior)) {
                store.update(c, outcome.state());
            }
            if (outcome.notice() != null) {
                outbox.enqueue(c, outcome.notice());
                LOG.info("Notice {} {} for {} {} {}", outcome.notice().id(), outcome.notice().type(), o.scope(),
                        o.period(), o.subject());
            }
            return outcome.notice() != null;
        });
    }

    /**
     * What the rules see now: the running fiscal quarter's and the last finished one's reviews and views, and those of
     * the quarters named in {@code GATEWAY_NOTIFY_PERIODS} (a quarter still restated, or the demo's FY2026-Q2).
     */
    List<Observation> observe() {
        Instant now = clock.instant();
        LocalDate today = zone.today(clock);
        Period running = Period.calendarQuarter(today.getYear(), (today.getMonthValue() - 1) / 3 + 1)
                .asFiscalQuarter();
        Set<Period> periods = new LinkedHashSet<>(watched);
        periods.add(running.previous());
        periods.add(running);
        Map<Period, CompletableFuture<AiConversionView>> views = new LinkedHashMap<>();
        Map<Period, CompletableFuture<Review>> reviewed = new LinkedHashMap<>();
        for (Period p : periods) {
            views.put(p, conversion.view(p));
            reviewed.put(p, reviews.review(p.label(), null));
        }
        List<Observation> seen = new ArrayList<>();
        for (Period p : periods) {
            Answer<AiConversionView> view = join(views.get(p));
            Answer<Review> review = join(reviewed.get(p));
            if (p.equals(running)) {
                sources(seen, view, running, now);
            }
            if (view.value() != null) {
                lateDays(seen, view.value(), p, now);
                vanity(seen, view.value(), p, now);
            }
            if (review.value() != null) {
                statuses(seen, review.value(), p, now);
            }
        }
        return seen;
    }

    /** Each source's availability, from the running quarter's view: every source down when none answered. */
    private void sources(List<Observation> seen, Answer<AiConversionView> view, Period running, Instant now) {
        Map<String, SourceReport> reports = new LinkedHashMap<>();
        if (view.value() != null) {
            reports.putAll(view.value().sources());
        } else if (view.failure() instanceof SourcesUnavailableException e) {
            for (Source s : Source.values()) {
                reports.put(s.serviceId(), new SourceReport(SourceStatus.UNAVAILABLE, null, e.getMessage()));
            }
        } else {
            return;
        }
        reports.forEach((service, r) -> {
            if (r.status() == SourceStatus.NOT_APPLICABLE) {
                return;
            }
            boolean ok = r.status() == SourceStatus.OK;
            Instant since = r.status() == SourceStatus.STALE && r.asOf() != null && r.asOf().isBefore(now)
                    ? r.asOf() : now;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("source", service);
            details.put("status", r.status().name());
            details.put("asOf", r.asOf() == null ? null : r.asOf().toString());
            details.put("detail", r.detail());
            details.put("link", NoticeRules.dashboardLink(running));
            seen.add(new Observation(Rule.SOURCE, "group", null, service, ok ? NoticeRules.OK : NoticeRules.DOWN,
                    since, r.status().name(), details));
        });
    }

    /**
     * For tongyi and quark, whose days are complete a fixed lateness after they end: the last day of the period that
     * should be complete by now, against the last day the source says it is complete through. A source that did not
     * answer is left to the source rule; billing closes by month, at a moment the gateway cannot know.
     */
    private void lateDays(List<Observation> seen, AiConversionView view, Period p, Instant now) {
        LocalDate due = LocalDate.ofInstant(now.minus(lateness), zone.zoneId()).minusDays(1);
        LocalDate expected = due.isAfter(p.lastDay()) ? p.lastDay() : due;
        if (expected.isBefore(p.firstDay())) {
            return;
        }
        Instant dueSince = expected.plusDays(1).atStartOfDay(zone.zoneId()).toInstant().plus(lateness);
        for (Source s : DAILY) {
            SourceReport r = view.sources().get(s.serviceId());
            if (r == null || !r.status().hasData() || r.isFinal() == null) {
                continue;
            }
            boolean late = !r.isFinal() && (r.dataThrough() == null || r.dataThrough().isBefore(expected));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("source", s.serviceId());
            details.put("expectedThrough", expected.toString());
            details.put("dataThrough", r.dataThrough() == null ? null : r.dataThrough().toString());
            details.put("final", r.isFinal());
            details.put("link", NoticeRules.dashboardLink(p));
            seen.add(new Observation(Rule.LATE_DAY, "group", p.label(), s.serviceId(),
                    late ? NoticeRules.LATE : NoticeRules.OK, late ? dueSince : now,
                    r.dataThrough() == null ? null : r.dataThrough().toString(), details));
        }
    }

    /** The view's vanity alerts firing now; those seen firing before and not now are quiet, if their source answered. */
    private void vanity(List<Observation> seen, AiConversionView view, Period p, Instant now) {
        Set<String> firing = new HashSet<>();
        for (VanityAlert a : view.alerts()) {
            firing.add(a.scope() + "|" + a.id());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("message", a.message());
            details.put("volume", figure(a.volume()));
            details.put("quality", figure(a.quality()));
            details.put("link", NoticeRules.dashboardLink(p));
            seen.add(new Observation(Rule.VANITY, a.scope(), p.label(), a.id(), NoticeRules.FIRING, now, null,
                    details));
        }
        List<String[]> before = transactions.read(c -> store.seen(c, Rule.VANITY, p.label(), NoticeRules.FIRING));
        for (String[] row : before) {
            Source source = ALERT_SOURCE.get(row[1]);
            SourceReport r = source == null ? null : view.sources().get(source.serviceId());
            if (firing.contains(row[0] + "|" + row[1]) || r == null || !r.status().hasData()) {
                continue;
            }
            seen.add(new Observation(Rule.VANITY, row[0], p.label(), row[1], NoticeRules.QUIET, now, null,
                    Map.of("link", NoticeRules.dashboardLink(p))));
        }
    }

    private static Map<String, Object> figure(VanityAlert.Figure f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kpiId", f.id());
        m.put("previous", f.previous());
        m.put("current", f.current());
        return m;
    }

    /** Each reviewed KPI's status and, for a volume target with a floor, whether it counts. UNKNOWN says nothing. */
    private void statuses(List<Observation> seen, Review review, Period p, Instant now) {
        String link = NoticeRules.dashboardLink(p);
        for (ScopeReview scope : review.scopes()) {
            for (KpiReview k : scope.kpis()) {
                if (k.status() != Review.Status.UNKNOWN) {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("actual", k.actual());
                    details.put("target", k.target());
                    details.put("attainment", k.attainment());
                    details.put("expectedToDate", k.expectedToDate());
                    details.put("pace", k.pace());
                    details.put("kpiReason", k.reason());
                    details.put("link", link);
                    seen.add(new Observation(Rule.STATUS, k.scope(), p.label(), k.kpiId(), k.status().name(), now,
                            text(k.actual()), details));
                }
                FloorReview floor = k.qualityFloor();
                if (floor != null && floor.met() != null) {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("actual", k.actual());
                    details.put("floorKpiId", floor.kpiId());
                    details.put("floorMin", floor.min());
                    details.put("floorMax", floor.max());
                    details.put("floorActual", floor.actual());
                    details.put("counted", k.counted());
                    details.put("link", link);
                    seen.add(new Observation(Rule.FLOOR, k.scope(), p.label(), k.kpiId(),
                            floor.met() ? NoticeRules.COUNTED : NoticeRules.NOT_COUNTED, now, text(floor.actual()),
                            details));
                }
            }
        }
    }

    private static @Nullable String text(@Nullable BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /** A view's or review's outcome: its value, or why there is none. */
    private record Answer<T>(@Nullable T value, @Nullable Throwable failure) {
    }

    private static <T> Answer<T> join(CompletableFuture<T> future) {
        try {
            return new Answer<>(future.get(1, TimeUnit.MINUTES), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (!(cause instanceof SourcesUnavailableException)) {
                LOG.warn("Notification rules could not read a view", cause);
            }
            return new Answer<>(null, cause);
        } catch (TimeoutException e) {
            LOG.warn("Notification rules gave up waiting for a view", e);
            return new Answer<>(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer<>(null, e);
        }
    }
}
