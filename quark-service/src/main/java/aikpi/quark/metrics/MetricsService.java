package aikpi.quark.metrics;

import aikpi.platform.problem.NotFoundException;
import aikpi.platform.store.Transactions;
import aikpi.quark.apps.App;
import aikpi.quark.apps.AppRepository;
import aikpi.quark.apps.Feed;
import aikpi.quark.audience.AudienceCalculator.ActiveFigures;
import aikpi.quark.audience.AudienceCalculator;
import aikpi.quark.audience.AudienceGroup;
import aikpi.quark.audience.PeriodWindow;
import aikpi.quark.audience.SketchSource;
import aikpi.quark.audience.SketchStore;
import aikpi.quark.audience.UserSketches;
import aikpi.quark.days.AppDayStore;
import aikpi.quark.days.DayCoverage;
import aikpi.quark.features.AiFeature;
import aikpi.quark.features.FeatureRepository;
import aikpi.quark.firstseen.FirstSeen;
import aikpi.quark.firstseen.FirstSeenStore.UserCounts;
import aikpi.quark.firstseen.FirstSeenStore;
import aikpi.quark.retention.RetentionService;
import aikpi.quark.retention.RetentionSummary;
import aikpi.quark.sessions.SessionTotals;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.reporting.ReportingZone;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A period's figures, per app, per feature, per business unit and for the group, read from the daily aggregates,
 * sketches and sets of users only, in one read transaction. An app fed by daily aggregates has its users from its days' sketches
 * (new users' sketches for totalUsers and newUsers) and its averages over the days its pipeline sent; a business unit
 * or the group with such an app among its members counts its users by a union of every member's sketches.
 */
@Singleton
public class MetricsService {

    private final AppRepository apps;
    private final FeatureRepository features;
    private final FirstSeenStore firstSeen;
    private final SketchStore sketches;
    private final AppDayStore days;
    private final DailyCountsRepository dailyCounts;
    private final Transactions transactions;
    private final ReportingZone zone;
    private final Clock clock;
    private final RetentionService retention;

    public MetricsService(AppRepository apps, FeatureRepository features, FirstSeenStore firstSeen, SketchStore sketches,
                          AppDayStore days, DailyCountsRepository dailyCounts, Transactions transactions,
                          ReportingZone zone, Clock clock, RetentionService retention) {
        this.apps = apps;
        this.features = features;
        this.firstSeen = firstSeen;
        this.sketches = sketches;
        this.days = days;
        this.dailyCounts = dailyCounts;
        this.transactions = transactions;
        this.zone = zone;
        this.clock = clock;
        this.retention = retention;
    }

    /** The period's AI session counts per day and business unit. */
    public DailySessions dailySessions(Period period) {
        List<DailySessions.Row> rows = dailyCounts.sessionsByDayAndUnit(period.firstDay(), period.lastDay()).stream()
                .map(d -> new DailySessions.Row(d.sessionDay(), d.businessUnit(), d.sessions(), d.turns(),
                        d.resolved(), d.conversions()))
                .toList();
        return new DailySessions(period.label(), period.firstDay(), period.lastDay(), zone.zoneId().getId(), rows);
    }

    public AppMetrics forApp(String appId, Period period) {
        App app = apps.findById(appId).orElseThrow(() -> new NotFoundException("app", appId));
        List<AiFeature> appFeatures = features.findByAppIdOrderByFeatureId(appId);
        return transactions.read(c -> {
            String scope = FirstSeen.appScope(appId);
            PeriodData data = read(period, List.of(scope));
            Map<String, RetentionSummary> summaries = retention.summaries(period, Map.of(scope, List.of(appId)));
            return appMetrics(app, appFeatures, period, data, summaries.get(scope));
        });
    }

    /**
     * The period's figures of every app, business unit and the group.
     *
     * @param withRetention whether to add each one's retention summary (the costliest part, read from sets of users)
     */
    public QuarkKpis kpis(Period period, boolean withRetention) {
        List<App> all = apps.findAllOrderByAppId();
        Map<String, List<AiFeature>> featuresByApp = features.findAllOrderByAppIdAndFeatureId().stream()
                .collect(Collectors.groupingBy(AiFeature::appId, TreeMap::new, Collectors.toList()));
        Map<String, List<App>> byUnit = all.stream()
                .collect(Collectors.groupingBy(App::businessUnit, TreeMap::new, Collectors.toList()));
        List<String> scopes = new ArrayList<>();
        all.forEach(a -> scopes.add(FirstSeen.appScope(a.appId())));
        byUnit.keySet().forEach(u -> scopes.add(FirstSeen.unitScope(u)));
        scopes.add(FirstSeen.ALL);
        Map<String, List<String>> retentionScopes = new LinkedHashMap<>();
        all.forEach(a -> retentionScopes.put(FirstSeen.appScope(a.appId()), List.of(a.appId())));
        byUnit.forEach((unit, members) -> retentionScopes.put(FirstSeen.unitScope(unit), ids(members)));
        retentionScopes.put(FirstSeen.ALL, ids(all));
        return transactions.read(c -> {
            PeriodData data = read(period, scopes);
            Map<String, RetentionSummary> summaries = withRetention
                    ? retention.summaries(period, retentionScopes) : Map.of();
            List<AppMetrics> appMetrics = new ArrayList<>();
            for (App a : all) {
                appMetrics.add(appMetrics(a, featuresByApp.getOrDefault(a.appId(), List.of()), period, data,
                        summaries.get(FirstSeen.appScope(a.appId()))));
            }
            List<GroupMetrics> units = new ArrayList<>();
            for (var unit : byUnit.entrySet()) {
                String scope = FirstSeen.unitScope(unit.getKey());
                units.add(groupMetrics(unit.getKey(), unit.getValue(), featuresByApp, period, data, scope,
                        ids(unit.getValue()), summaries.get(scope)));
            }
            GroupMetrics overall = groupMetrics(null, all, featuresByApp, period, data, FirstSeen.ALL, null,
                    summaries.get(FirstSeen.ALL));
            return new QuarkKpis(period.label(), period.firstDay(), period.lastDay(), zone.zoneId().getId(),
                    appMetrics, units, overall);
        });
    }

    /**
     * What every figure of the period shares: exact user counts, installs, session totals, sketch estimates, and the
     * days the apps fed by daily aggregates have.
     */
    private record PeriodData(Map<String, UserCounts> users, Map<String, Long> installs,
                              Map<String, Map<String, SessionTotals>> sessions, SketchStore.PeriodSketches sketches,
                              Map<String, DayCoverage> days) {
    }

    /** Reads what the period's figures share, in the caller's read transaction. */
    private PeriodData read(Period period, Collection<String> scopes) throws SQLException {
        Map<String, Long> installs = new HashMap<>();
        dailyCounts.installs(period.firstDay(), period.lastDay()).forEach(i -> installs.put(i.appId(), i.installs()));
        Map<String, Map<String, SessionTotals>> sessions = new HashMap<>();
        for (DailyCountsRepository.FeatureSessions f : dailyCounts.sessions(period.firstDay(), period.lastDay())) {
            sessions.computeIfAbsent(f.appId(), a -> new TreeMap<>()).put(f.featureId(), new SessionTotals(f.sessions(),
                    f.turns(), f.agentCalls(), f.resolved(), f.knownOutcome(), f.rated(), f.ratingSum(), f.conversions(),
                    Money.cny(f.conversionValueCny())));
        }
        return new PeriodData(firstSeen.counts(scopes, period), installs, sessions,
                sketches.period(period.firstDay(), period.lastDay()), days.coverage(period.firstDay(), period.lastDay()));
    }

    private PeriodWindow window(Period period) {
        return new PeriodWindow(period, zone.today(clock));
    }

    private AppMetrics appMetrics(App app, List<AiFeature> appFeatures, Period period, PeriodData data,
                                  RetentionSummary retention) {
        PeriodWindow window = window(period);
        List<String> only = List.of(app.appId());
        boolean aggregates = app.feed() == Feed.AGGREGATES;
        UserCounts users = aggregates ? sketchedUsers(window, only, data)
                : data.users().getOrDefault(FirstSeen.appScope(app.appId()), UserCounts.NONE);
        SketchSource activeUsers = data.sketches().source(AudienceGroup.activeUsersOf(only));
        DayCoverage days = data.days().getOrDefault(app.appId(), NO_DAYS);
        // An app fed by daily aggregates averages over the days its pipeline sent, and the months they fall in.
        ActiveFigures active = aggregates
                ? AudienceCalculator.active(days.countedDays(window), days.countedMonths(window), window.wholePeriod(), activeUsers)
                : AudienceCalculator.active(window, activeUsers);
        long aiUsers = AudienceCalculator.distinct(window.wholePeriod(), data.sketches().source(AudienceGroup.aiUsersOf(only)));
        Map<String, SessionTotals> byFeature = data.sessions().getOrDefault(app.appId(), Map.of());
        List<FeatureMetrics> featureMetrics = new ArrayList<>();
        for (AiFeature f : appFeatures) {
            if (aggregates) {
                // A pipeline's day counts the app's sessions as a whole, not per feature.
                featureMetrics.add(new FeatureMetrics(f.featureId(), f.name(), f.kind(), f.launchedOn(),
                        f.liveOn(period.lastDay()), null, null, null));
                continue;
            }
            SessionTotals t = byFeature.getOrDefault(f.featureId(), SessionTotals.NONE);
            long featureUsers = AudienceCalculator.distinct(window.wholePeriod(),
                    data.sketches().source(AudienceGroup.aiUsersOfFeature(app.appId(), f.featureId())));
            featureMetrics.add(new FeatureMetrics(f.featureId(), f.name(), f.kind(), f.launchedOn(),
                    f.liveOn(period.lastDay()), featureUsers, Volume.of(t), Quality.of(t)));
        }
        SessionTotals total = sum(byFeature.values());
        return new AppMetrics(app.appId(), app.name(), app.businessUnit(), period.label(), period.firstDay(),
                period.lastDay(), zone.zoneId().getId(), users.totalUsers(), users.newUsers(),
                data.installs().getOrDefault(app.appId(), 0L), active.dau(), active.mau(), active.stickiness(),
                active.activeUsers(), active.daysCounted(), active.monthsCounted(),
                live(appFeatures, period), aiUsers, Money.ratio(aiUsers, active.activeUsers()),
                Volume.of(total), Quality.of(total), retention, featureMetrics, app.feed(), estimates(List.of(app), data));
    }

    /** @param appIds the members' ids, or null for every app (the whole group) */
    private GroupMetrics groupMetrics(String unit, List<App> members, Map<String, List<AiFeature>> featuresByApp,
                                      Period period, PeriodData data, String scope, List<String> appIds,
                                      RetentionSummary retention) {
        PeriodWindow window = window(period);
        // Exact while every member is fed by events; a union of the members' sketches once one is not.
        UserCounts users = anyAggregates(members) ? sketchedUsers(window, appIds, data)
                : data.users().getOrDefault(scope, UserCounts.NONE);
        ActiveFigures active = AudienceCalculator.active(window, data.sketches().source(AudienceGroup.activeUsersOf(appIds)));
        long aiUsers = AudienceCalculator.distinct(window.wholePeriod(), data.sketches().source(AudienceGroup.aiUsersOf(appIds)));
        long installs = 0;
        long aiFeatures = 0;
        SessionTotals total = SessionTotals.NONE;
        for (App a : members) {
            installs += data.installs().getOrDefault(a.appId(), 0L);
            aiFeatures += live(featuresByApp.getOrDefault(a.appId(), List.of()), period);
            total = total.plus(sum(data.sessions().getOrDefault(a.appId(), Map.of()).values()));
        }
        return new GroupMetrics(unit, ids(members), users.totalUsers(), users.newUsers(), installs, active.dau(),
                active.mau(), active.stickiness(), active.activeUsers(), aiFeatures, aiUsers,
                Money.ratio(aiUsers, active.activeUsers()), Volume.of(total), Quality.of(total), retention,
                estimates(members, data));
    }

    private static final DayCoverage NO_DAYS = new DayCoverage(new TreeSet<>(), null, null, UserSketches.LG_K);

    private static boolean anyAggregates(List<App> members) {
        return members.stream().anyMatch(a -> a.feed() == Feed.AGGREGATES);
    }

    /**
     * Users from the sketches of the users first seen: newUsers the union of the period's, totalUsers the union of
     * every one up to the period's end.
     *
     * @param appIds the apps, or null for every app
     */
    private static UserCounts sketchedUsers(PeriodWindow window, List<String> appIds, PeriodData data) {
        SketchSource firstSeen = data.sketches().source(AudienceGroup.newUsersOf(appIds));
        long newUsers = AudienceCalculator.distinct(window.wholePeriod(), firstSeen);
        // Nobody first seen before the period: every user is new, and the sketches need not be merged again.
        boolean seenBefore = window.beforeStart().stream().anyMatch(r -> !firstSeen.cells(r).isEmpty());
        return new UserCounts(newUsers, seenBefore ? AudienceCalculator.distinct(window.throughEnd(), firstSeen) : newUsers);
    }

    /**
     * Which user figures of these apps together are estimates, and how precise: a merge is as precise as its
     * coarsest sketch (quark's own are lgK {@value UserSketches#LG_K}; a pipeline's, what it chose).
     */
    private static Estimates estimates(List<App> members, PeriodData data) {
        Accuracy users = anyAggregates(members) ? Accuracy.sketched(coarsest(members, data, DayCoverage::newLgK)) : Accuracy.EXACT;
        return Estimates.of(users, Accuracy.sketched(coarsest(members, data, DayCoverage::activeLgK)),
                Accuracy.sketched(coarsest(members, data, DayCoverage::aiLgK)));
    }

    private static Integer coarsest(List<App> members, PeriodData data, Function<DayCoverage, Integer> lgK) {
        Integer coarsest = null;
        for (App a : members) {
            Integer k = a.feed() == Feed.EVENTS ? Integer.valueOf(UserSketches.LG_K)
                    : data.days().containsKey(a.appId()) ? lgK.apply(data.days().get(a.appId())) : null;
            if (k != null && (coarsest == null || k < coarsest)) {
                coarsest = k;
            }
        }
        return coarsest;
    }

    private static long live(List<AiFeature> features, Period period) {
        return features.stream().filter(f -> f.liveOn(period.lastDay())).count();
    }

    private static SessionTotals sum(Collection<SessionTotals> totals) {
        return totals.stream().reduce(SessionTotals.NONE, SessionTotals::plus);
    }

    private static List<String> ids(List<App> apps) {
        return apps.stream().map(App::appId).toList();
    }
}
