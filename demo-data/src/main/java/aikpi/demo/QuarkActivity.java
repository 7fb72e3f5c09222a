package aikpi.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * SYNTHETIC consumer activity for the apps: installs, app opens and AI sessions of pseudonymous users, day by day
 * over 2024-2025. The Tongyi assistant's sessions grow longer while fewer of them resolve from 2025 on: the
 * pattern the article warns of, which the gateway should flag as a vanity alert.
 *
 * <p>Users come and go: each opens the app on the day it installs it, then on a share of the days until it drifts
 * away after a lifetime drawn at random. Some use AI in their first week (an AI session on their first day); in most
 * apps those users stay longer, the retention the AI lift measures. The Tongyi app's do in 2024, but from 2025, as
 * its assistant resolves less, the users it brings to AI leave sooner than the others: its AI users keep growing
 * while its AI lift falls under zero (the gateway's "AI users up, lift not" alert).
 */
final class QuarkActivity {

    /**
     * @param joinCurve    how users join over the two years: the first {@code x} of the users have joined by
     *                     {@code x^(1/joinCurve)} of the days (below 1: more of them later)
     * @param aiAdoption   share of new users with an AI session in their first week
     * @param lifetimeDays mean days a user stays (exponential), for users without AI in their first week
     * @param aiStay       how much longer users with AI in their first week stay (× lifetime); they also open the app
     *                     on more days ({@link #AI_ENGAGEMENT})
     */
    private record AppShape(String appId, int users, double joinCurve, double dailyActive, double aiChance,
                            double conversion, long minValueCny, long maxValueCny, double aiAdoption, double lifetimeDays,
                            double aiStay) {
    }

    private static final List<AppShape> SHAPES = List.of(
            new AppShape("quark", 1100, 0.8, 0.10, 0.35, 0.12, 0, 0, 0.40, 70, 3.5),
            new AppShape("tongyi-app", 3000, 0.45, 0.10, 0.60, 0.03, 0, 0, 0.60, 70, 3.0),
            new AppShape("taobao", 1200, 0.8, 0.09, 0.15, 0.15, 50, 500, 0.25, 90, 3.5),
            new AppShape("tmall", 800, 0.8, 0.08, 0.10, 0.10, 80, 800, 0.25, 80, 3.5),
            new AppShape("amap", 900, 0.8, 0.09, 0.20, 0.04, 0, 0, 0.30, 80, 3.5),
            new AppShape("fliggy", 800, 0.8, 0.08, 0.25, 0.05, 500, 3000, 0.35, 70, 4.0),
            new AppShape("eleme", 900, 0.8, 0.09, 0.20, 0.08, 20, 80, 0.30, 80, 3.5));

    /** Users with AI in their first week open the app on this many times as many days as the others. */
    private static final double AI_ENGAGEMENT = 1.5;

    /**
     * From 2025 the Tongyi app's users with AI in their first week leave sooner than its others (× lifetime), and
     * open it no more often.
     */
    private static final double TONGYI_AI_STAY_2025 = 0.4;
    private static final LocalDate TONGYI_TURN = LocalDate.of(2025, 1, 1);

    private final List<Map<String, Object>> installs = new ArrayList<>();
    private final List<Map<String, Object>> opens = new ArrayList<>();
    private final List<Map<String, Object>> sessions = new ArrayList<>();

    QuarkActivity(SplittableRandom random) {
        List<ArticleFacts.NamedFeature> features = DemoDataSet.allFeatures();
        long days = DemoDataSet.LAST_DAY.toEpochDay() - DemoDataSet.FIRST_DAY.toEpochDay() + 1;
        for (AppShape app : SHAPES) {
            List<ArticleFacts.NamedFeature> appFeatures = features.stream().filter(f -> f.appId().equals(app.appId())).toList();
            long[] joined = new long[app.users()];
            long[] leaves = new long[app.users()];
            boolean[] adopter = new boolean[app.users()];
            boolean[] engaged = new boolean[app.users()];
            for (int u = 0; u < app.users(); u++) {
                // Users join over the two years, more of them later.
                joined[u] = DemoDataSet.FIRST_DAY.toEpochDay() + (long) (days * Math.pow((double) u / app.users(), app.joinCurve()));
                LocalDate day = LocalDate.ofEpochDay(joined[u]);
                adopter[u] = random.nextDouble() < app.aiAdoption() && live(appFeatures, day).size() > 0;
                boolean disappointed = app.appId().equals("tongyi-app") && !day.isBefore(TONGYI_TURN);
                engaged[u] = adopter[u] && !disappointed;
                double stay = !adopter[u] ? 1 : disappointed ? TONGYI_AI_STAY_2025 : app.aiStay();
                leaves[u] = joined[u] + 7 + (long) (-Math.log(1 - random.nextDouble()) * app.lifetimeDays() * stay);
                installs.add(Map.of("eventId", "demo-install-" + app.appId() + "-" + u, "appId", app.appId(),
                        "userId", user(app, u), "occurredAt", instant(day, random)));
            }
            for (LocalDate day = DemoDataSet.FIRST_DAY; !day.isAfter(DemoDataSet.LAST_DAY); day = day.plusDays(1)) {
                int q = (day.getYear() - 2024) * 4 + (day.getMonthValue() - 1) / 3;
                List<ArticleFacts.NamedFeature> live = live(appFeatures, day);
                for (int u = 0; u < app.users(); u++) {
                    long d = day.toEpochDay();
                    boolean first = joined[u] == d;
                    double daily = engaged[u] ? app.dailyActive() * AI_ENGAGEMENT : app.dailyActive();
                    if (d < joined[u] || d > leaves[u] || !first && random.nextDouble() >= daily) {
                        continue;
                    }
                    opens.add(Map.of("eventId", "demo-open-" + app.appId() + "-" + day + "-" + u, "appId", app.appId(),
                            "userId", user(app, u), "occurredAt", instant(day, random)));
                    if (live.isEmpty()) {
                        continue;
                    }
                    // Users without AI in their first week may come to it later, more rarely.
                    boolean firstWeek = d < joined[u] + 7;
                    double chance = first && adopter[u] ? 1 : adopter[u] ? app.aiChance() * (1 + 0.08 * q)
                            : firstWeek ? 0 : app.aiChance() * 0.25;
                    if (random.nextDouble() < chance) {
                        sessions.add(session(app, u, day, q, live.get(random.nextInt(live.size())), random));
                    }
                }
            }
        }
    }

    private static List<ArticleFacts.NamedFeature> live(List<ArticleFacts.NamedFeature> features, LocalDate day) {
        return features.stream().filter(f -> !LocalDate.parse(f.launchedOn()).isAfter(day)).toList();
    }

    private static String user(AppShape app, int u) {
        return "user-" + app.appId() + "-" + u;
    }

    private static String instant(LocalDate day, SplittableRandom random) {
        return day.atStartOfDay(DemoDataSet.ZONE).plusSeconds(random.nextInt(86_400)).toInstant().toString();
    }

    private static Map<String, Object> session(AppShape app, int u, LocalDate day, int q, ArticleFacts.NamedFeature f,
                                               SplittableRandom random) {
        boolean tongyiAssistant = f.featureId().equals("assistant");
        // The story: from 2025 (q >= 4) the Tongyi assistant talks more and resolves less.
        double resolveChance = tongyiAssistant ? (q < 4 ? 0.72 : 0.72 - 0.05 * (q - 3)) : 0.62 + 0.015 * q;
        double meanTurns = tongyiAssistant ? 3 + 0.9 * q : 3 + 0.1 * q;
        int turns = 1 + (int) Math.round(meanTurns * (0.5 + random.nextDouble()));
        int agentCalls = f.kind().equals("AGENT") ? 2 + random.nextInt(5) : f.kind().equals("ASSISTANT") ? random.nextInt(3) : 0;
        double roll = random.nextDouble();
        String outcome = roll < 0.1 ? "UNKNOWN" : random.nextDouble() < resolveChance ? "RESOLVED"
                : random.nextDouble() < 0.7 ? "ABANDONED" : "ESCALATED";
        boolean converted = outcome.equals("RESOLVED") && random.nextDouble() < app.conversion() * 1.6;
        Map<String, Object> s = new java.util.LinkedHashMap<>();
        s.put("sessionId", "demo-session-" + app.appId() + "-" + day + "-" + u);
        s.put("appId", app.appId());
        s.put("featureId", f.featureId());
        s.put("userId", user(app, u));
        s.put("startedAt", instant(day, random));
        s.put("turns", turns);
        s.put("agentCalls", agentCalls);
        s.put("outcome", outcome);
        if (random.nextDouble() < 0.35) {
            s.put("rating", outcome.equals("RESOLVED") ? 3 + random.nextInt(3) : 1 + random.nextInt(3));
        }
        s.put("converted", converted);
        if (converted && app.maxValueCny() > 0) {
            long fen = (app.minValueCny() + random.nextLong(app.maxValueCny() - app.minValueCny())) * 100 + random.nextInt(100);
            s.put("conversionValueCny", BigDecimal.valueOf(fen, 2));
        }
        return s;
    }

    List<Map<String, Object>> installs() {
        return installs;
    }

    List<Map<String, Object>> opens() {
        return opens;
    }

    List<Map<String, Object>> sessions() {
        return sessions;
    }
}
