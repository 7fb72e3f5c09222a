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
 */
final class QuarkActivity {

    private record AppShape(String appId, int users, double dailyActive, double aiChance, double conversion,
                            long minValueCny, long maxValueCny) {
    }

    private static final List<AppShape> SHAPES = List.of(
            new AppShape("quark", 900, 0.08, 0.35, 0.12, 0, 0),
            new AppShape("tongyi-app", 600, 0.07, 0.60, 0.03, 0, 0),
            new AppShape("taobao", 1000, 0.06, 0.15, 0.15, 50, 500),
            new AppShape("tmall", 400, 0.05, 0.10, 0.10, 80, 800),
            new AppShape("amap", 400, 0.06, 0.20, 0.04, 0, 0),
            new AppShape("fliggy", 200, 0.05, 0.25, 0.05, 500, 3000),
            new AppShape("eleme", 300, 0.06, 0.20, 0.08, 20, 80));

    private final List<Map<String, Object>> installs = new ArrayList<>();
    private final List<Map<String, Object>> opens = new ArrayList<>();
    private final List<Map<String, Object>> sessions = new ArrayList<>();

    QuarkActivity(SplittableRandom random) {
        List<ArticleFacts.NamedFeature> features = DemoDataSet.allFeatures();
        long days = DemoDataSet.LAST_DAY.toEpochDay() - DemoDataSet.FIRST_DAY.toEpochDay() + 1;
        for (AppShape app : SHAPES) {
            List<ArticleFacts.NamedFeature> appFeatures = features.stream().filter(f -> f.appId().equals(app.appId())).toList();
            long[] joined = new long[app.users()];
            for (int u = 0; u < app.users(); u++) {
                // Users join over the two years, more of them later.
                joined[u] = DemoDataSet.FIRST_DAY.toEpochDay() + (long) (days * Math.pow((double) u / app.users(), 0.8));
                LocalDate day = LocalDate.ofEpochDay(joined[u]);
                installs.add(Map.of("eventId", "demo-install-" + app.appId() + "-" + u, "appId", app.appId(),
                        "userId", user(app, u), "occurredAt", instant(day, random)));
            }
            for (LocalDate day = DemoDataSet.FIRST_DAY; !day.isAfter(DemoDataSet.LAST_DAY); day = day.plusDays(1)) {
                int q = (day.getYear() - 2024) * 4 + (day.getMonthValue() - 1) / 3;
                LocalDate today = day;
                List<ArticleFacts.NamedFeature> live = appFeatures.stream()
                        .filter(f -> !LocalDate.parse(f.launchedOn()).isAfter(today)).toList();
                for (int u = 0; u < app.users(); u++) {
                    if (joined[u] > day.toEpochDay() || random.nextDouble() >= app.dailyActive()) {
                        continue;
                    }
                    opens.add(Map.of("eventId", "demo-open-" + app.appId() + "-" + day + "-" + u, "appId", app.appId(),
                            "userId", user(app, u), "occurredAt", instant(day, random)));
                    if (!live.isEmpty() && random.nextDouble() < app.aiChance() * (1 + 0.08 * q)) {
                        sessions.add(session(app, u, day, q, live.get(random.nextInt(live.size())), random));
                    }
                }
            }
        }
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
