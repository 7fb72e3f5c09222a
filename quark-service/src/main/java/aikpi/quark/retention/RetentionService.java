package aikpi.quark.retention;

import aikpi.platform.problem.NotFoundException;
import aikpi.platform.store.Transactions;
import aikpi.quark.apps.App;
import aikpi.quark.apps.AppRepository;
import aikpi.quark.apps.Feed;
import aikpi.quark.days.AppDayStore;
import aikpi.quark.firstseen.FirstSeen;
import aikpi.quark.firstseen.FirstSeenStore;
import aikpi.quark.rollup.Interval;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Retention answers: reads the app (404), the exact cohort sizes and the sets of
 * users they need in one read transaction, and leaves the rules to {@link RetentionCalculator}.
 *
 * <p>An app fed by events has its cohorts by first-seen day, exact sizes and AI users. An app fed by daily aggregates
 * has them from the Theta sketches of its days' active users ({@link FirstActiveCohorts}: cohorts by first active
 * day, no AI users), and none at all, with a note saying why, when a day was sent without one. A business unit's and
 * the group's summaries count their apps fed by events.
 */
@Singleton
public class RetentionService {

    static final String AGGREGATES_NO_AI = "fed by daily aggregates, which carry no user's AI sessions: only "
            + "segment=all and returnOn=open";
    static final String AGGREGATES_COHORTS = "fed by daily aggregates: cohorts by first active day, sizes estimated "
            + "from the days' Theta sketches";

    private final AppRepository apps;
    private final UserSetStore userSets;
    private final FirstSeenStore firstSeen;
    private final AppDayStore days;
    private final Transactions transactions;
    private final ReportingZone zone;
    private final Clock clock;

    public RetentionService(AppRepository apps, UserSetStore userSets, FirstSeenStore firstSeen, AppDayStore days,
                            Transactions transactions, ReportingZone zone, Clock clock) {
        this.apps = apps;
        this.userSets = userSets;
        this.firstSeen = firstSeen;
        this.days = days;
        this.transactions = transactions;
        this.zone = zone;
        this.clock = clock;
    }

    /** Today in the reporting zone: what an answer is as of. */
    public LocalDate today() {
        return zone.today(clock);
    }

    private App app(String appId) {
        return apps.findById(appId).orElseThrow(() -> new NotFoundException("app", appId));
    }

    /** An app's sets for an answer, or why it has none. */
    private record AppSets(@Nullable UserSetSource source, @Nullable String note) {

        static AppSets none(String why) {
            return new AppSets(null, why);
        }

        boolean aggregates() {
            return source instanceof FirstActiveCohorts;
        }
    }

    /**
     * The sets an answer about {@code app} reads: its cohorts of the windows of {@code interval} starting in
     * {@code first..last}, and (the caller loads them on {@code sets}) the active users it asks for.
     */
    private AppSets appSets(App app, StoredUserSets sets, Interval interval, LocalDate first, LocalDate last)
            throws SQLException {
        String scope = FirstSeen.appScope(app.appId());
        if (app.feed() != Feed.AGGREGATES) {
            sets.cohorts(interval, first, last, List.of(scope));
            return new AppSets(sets.scope(scope, List.of(app.appId())), null);
        }
        List<LocalDate> without = days.daysWithoutSets(app.appId(), interval.last(last));
        if (!without.isEmpty()) {
            return AppSets.none("fed by daily aggregates, and " + without.size() + " of its days up to "
                    + interval.last(last) + " (the first " + without.get(0) + ") were sent without activeUsersTheta: "
                    + "without every day's users no cohort can be told");
        }
        LocalDate firstDay = days.firstDay(app.appId()).orElse(first);
        // What a cohort reads: its own window, the months before it and the days of its month and of the first one.
        sets.active(Activity.OPEN, interval, first, last, List.of(app.appId()))
                .active(Activity.OPEN, Interval.MONTH, Interval.MONTH.start(firstDay), last, List.of(app.appId()))
                .active(Activity.OPEN, Interval.DAY, firstDay, Interval.MONTH.last(firstDay), List.of(app.appId()))
                .active(Activity.OPEN, Interval.DAY, Interval.MONTH.start(first), last, List.of(app.appId()));
        return new AppSets(new FirstActiveCohorts(sets.scope(scope, List.of(app.appId())), firstDay), AGGREGATES_COHORTS);
    }

    /** The cohort table of {@code GET /api/v1/apps/{appId}/retention}. */
    public CohortTable cohorts(String appId, CohortQuery query) {
        Interval interval = query.interval();
        Activity activity = query.returnOn();
        CohortPart part = query.part();
        LocalDate asOf = query.asOf();
        LocalDate first = query.from();
        LocalDate last = query.to();
        int windows = query.offsets();
        App app = app(appId);
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate c = interval.start(first); !c.isAfter(last) && !c.isAfter(asOf); c = interval.plus(c, 1)) {
            starts.add(c);
        }
        String scope = FirstSeen.appScope(app.appId());
        return transactions.read(c -> {
            boolean estimate = false;
            String note = null;
            List<CohortTable.Cohort> rows = List.of();
            if (app.feed() == Feed.AGGREGATES && (part != CohortPart.ALL || activity != Activity.OPEN)) {
                note = AGGREGATES_NO_AI;
            } else if (!starts.isEmpty()) {
                LocalDate firstCohort = starts.get(0);
                LocalDate lastCohort = starts.get(starts.size() - 1);
                StoredUserSets sets = new StoredUserSets(userSets)
                        .active(activity, interval, firstCohort, min(interval.plus(lastCohort, windows), asOf),
                                List.of(app.appId()));
                if (part != CohortPart.ALL) {
                    sets.active(Activity.AI_SESSION, interval, firstCohort, lastCohort, List.of(app.appId()));
                }
                AppSets appSets = appSets(app, sets, interval, firstCohort, lastCohort);
                note = appSets.note();
                if (appSets.source() != null) {
                    RetentionCalculator calculator = new RetentionCalculator(appSets.source(), asOf);
                    rows = calculator.cohorts(interval, starts, windows, activity, part, appSets.aggregates() ? null
                            : exactSizes(List.of(scope), interval, firstCohort, interval.last(lastCohort)).get(scope));
                    estimate = calculator.estimated();
                }
            }
            return new CohortTable(app.appId(), interval.label(), activity.label(), part.label(), interval.start(first),
                    interval.last(interval.start(last)), zone.zoneId().getId(), asOf, estimate,
                    estimate ? UserSets.RELATIVE_STANDARD_ERROR : null, note, rows);
        });
    }

    /** N-day retention of {@code GET /api/v1/apps/{appId}/retention/days}. */
    public DayRetention days(String appId, DayRetentionQuery query) {
        LocalDate cohortDay = query.day();
        Activity activity = query.returnOn();
        List<Integer> ns = query.ns();
        LocalDate asOf = query.asOf();
        App app = app(appId);
        String scope = FirstSeen.appScope(app.appId());
        return transactions.read(c -> {
            if (app.feed() == Feed.AGGREGATES && activity != Activity.OPEN) {
                return new DayRetention(app.appId(), cohortDay, activity.label(), zone.zoneId().getId(), asOf, 0, false,
                        null, AGGREGATES_NO_AI, List.of());
            }
            StoredUserSets sets = new StoredUserSets(userSets);
            LocalDate earliest = cohortDay.plusDays(ns.get(0));
            for (Interval interval : Interval.values()) {
                sets.active(activity, interval, interval.start(earliest), asOf, List.of(app.appId()));
            }
            AppSets appSets = appSets(app, sets, Interval.DAY, cohortDay, cohortDay);
            if (appSets.source() == null) {
                return new DayRetention(app.appId(), cohortDay, activity.label(), zone.zoneId().getId(), asOf, 0, false,
                        null, appSets.note(), List.of());
            }
            RetentionCalculator calculator = new RetentionCalculator(appSets.source(), asOf);
            long size = appSets.aggregates() ? UserSets.count(appSets.source().cohort(Interval.DAY, cohortDay)).users()
                    : firstSeen.newUsersByDay(List.of(scope), cohortDay, cohortDay)
                    .getOrDefault(scope, new TreeMap<>()).getOrDefault(cohortDay, 0L);
            List<DayRetention.Figure> figures = calculator.days(cohortDay, ns, activity, size);
            return new DayRetention(app.appId(), cohortDay, activity.label(), zone.zoneId().getId(), asOf, size,
                    calculator.estimated(), calculator.estimated() ? UserSets.RELATIVE_STANDARD_ERROR : null,
                    appSets.note(), figures);
        });
    }

    /** The lifecycle of {@code GET /api/v1/apps/{appId}/lifecycle}. */
    public Lifecycle lifecycle(String appId, LifecycleQuery query) {
        Period p = query.period();
        Interval step = query.interval();
        App app = app(appId);
        LocalDate asOf = today();
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate s = step.start(p.firstDay()); !s.isAfter(p.lastDay()) && !s.isAfter(asOf); s = step.plus(s, 1)) {
            starts.add(s);
        }
        return transactions.read(c -> {
            boolean estimate = false;
            String note = null;
            List<Lifecycle.Step> steps = List.of();
            if (!starts.isEmpty()) {
                LocalDate first = starts.get(0);
                LocalDate last = starts.get(starts.size() - 1);
                StoredUserSets sets = new StoredUserSets(userSets)
                        .active(Activity.OPEN, step, step.plus(first, -1), last, List.of(app.appId()));
                AppSets appSets = appSets(app, sets, step, first, last);
                note = appSets.note();
                if (appSets.source() != null) {
                    RetentionCalculator calculator = new RetentionCalculator(appSets.source(), asOf);
                    steps = calculator.lifecycle(step, starts);
                    estimate = calculator.estimated();
                }
            }
            return new Lifecycle(app.appId(), p.label(), step.label(), zone.zoneId().getId(), asOf, estimate,
                    estimate ? UserSets.RELATIVE_STANDARD_ERROR : null, note, steps);
        });
    }

    /**
     * The period summaries of many scopes at once, read in the caller's read transaction: each app's, each
     * business unit's and the group's ({@code scopes}: a scope's cohort scope and the apps whose activity it counts).
     * A unit's and the group's count their apps fed by events, and say so when others were left out.
     */
    public Map<String, RetentionSummary> summaries(Period period, Map<String, List<String>> scopes) throws SQLException {
        LocalDate asOf = today();
        List<LocalDate> mondays = RetentionCalculator.summaryCohorts(period.firstDay(), period.lastDay(), asOf);
        Map<String, RetentionSummary> summaries = new HashMap<>();
        if (mondays.isEmpty()) {
            scopes.keySet().forEach(s -> summaries.put(s, RetentionSummary.NO_COHORTS));
            return summaries;
        }
        Map<String, App> byId = apps.findAllOrderByAppId().stream().collect(Collectors.toMap(App::appId, a -> a));
        LocalDate first = mondays.get(0);
        LocalDate last = mondays.get(mondays.size() - 1);
        // Scopes of the same apps fed by events have the same users, first seen on the same days (a unit of one app,
        // the group of one unit): each such set of apps is computed once, for the first scope naming it.
        Map<List<String>, String> computedFor = new HashMap<>();
        Map<String, List<String>> distinct = new LinkedHashMap<>();
        Map<String, String> leftOut = new HashMap<>();
        Map<String, App> aggregated = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> scope : scopes.entrySet()) {
            List<String> eventFed = new ArrayList<>();
            List<String> others = new ArrayList<>();
            for (String appId : scope.getValue()) {
                App app = byId.get(appId);
                (app != null && app.feed() == Feed.AGGREGATES ? others : eventFed).add(appId);
            }
            String appOfScope = FirstSeen.appOf(scope.getKey());
            if (appOfScope != null && !others.isEmpty()) {
                aggregated.put(scope.getKey(), byId.get(appOfScope));
                continue;
            }
            if (!others.isEmpty()) {
                leftOut.put(scope.getKey(), "over its apps fed by events: " + String.join(", ", others)
                        + " (daily aggregates) left out");
            }
            if (computedFor.putIfAbsent(List.copyOf(new TreeSet<>(eventFed)), scope.getKey()) == null) {
                distinct.put(scope.getKey(), eventFed);
            }
        }
        TreeSet<String> appIds = new TreeSet<>();
        distinct.values().forEach(appIds::addAll);
        StoredUserSets sets = new StoredUserSets(userSets).cohorts(Interval.WEEK, first, last, distinct.keySet())
                .active(Activity.AI_SESSION, Interval.WEEK, first, last, appIds)
                .active(Activity.OPEN, Interval.WEEK, Interval.WEEK.plus(first, 1),
                        Interval.WEEK.plus(last, RetentionCalculator.SUMMARY_WEEK), appIds);
        Map<String, Function<LocalDate, Long>> sizes = exactSizes(distinct.keySet(), Interval.WEEK, first,
                Interval.WEEK.last(last));
        for (Map.Entry<String, List<String>> scope : distinct.entrySet()) {
            RetentionCalculator calculator = new RetentionCalculator(sets.scope(scope.getKey(), scope.getValue()), asOf);
            summaries.put(scope.getKey(), calculator.summary(mondays, sizes.get(scope.getKey())));
        }
        scopes.forEach((scope, members) -> {
            if (!aggregated.containsKey(scope)) {
                List<String> eventFed = members.stream().filter(a -> byId.get(a) == null || byId.get(a).feed() != Feed.AGGREGATES)
                        .toList();
                RetentionSummary summary = summaries.getOrDefault(scope,
                        summaries.get(computedFor.get(List.copyOf(new TreeSet<>(eventFed)))));
                summaries.put(scope, leftOut.containsKey(scope) ? summary.noting(leftOut.get(scope)) : summary);
            }
        });
        for (Map.Entry<String, App> scope : aggregated.entrySet()) {
            StoredUserSets own = new StoredUserSets(userSets).active(Activity.OPEN, Interval.WEEK, first,
                    Interval.WEEK.plus(last, RetentionCalculator.SUMMARY_WEEK), List.of(scope.getValue().appId()));
            AppSets appSets = appSets(scope.getValue(), own, Interval.WEEK, first, last);
            summaries.put(scope.getKey(), appSets.source() == null ? RetentionSummary.unavailable(appSets.note())
                    : new RetentionCalculator(appSets.source(), asOf).summary(mondays, d -> null));
        }
        return summaries;
    }

    /** Each scope's exact cohort sizes by window start, from the first-seen counts of {@code from..to}. */
    private Map<String, Function<LocalDate, Long>> exactSizes(Collection<String> scopes, Interval interval,
                                                              LocalDate from, LocalDate to)
            throws SQLException {
        Map<String, SortedMap<LocalDate, Long>> byDay = firstSeen.newUsersByDay(scopes, from, to);
        Map<String, Function<LocalDate, Long>> sizes = new HashMap<>();
        for (String scope : scopes) {
            Map<LocalDate, Long> byWindow = new HashMap<>();
            byDay.getOrDefault(scope, new TreeMap<>())
                    .forEach((day, users) -> byWindow.merge(interval.start(day), users, Long::sum));
            sizes.put(scope, start -> byWindow.getOrDefault(start, 0L));
        }
        return sizes;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
