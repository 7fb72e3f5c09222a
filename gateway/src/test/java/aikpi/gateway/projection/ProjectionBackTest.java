package aikpi.gateway.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import aikpi.demo.DemoDataSet;
import aikpi.gateway.projection.PeriodProjection.Projection;
import aikpi.vocabulary.Period;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The back-test of docs/PROJECTIONS.md: every quarter of the demo data set (2024-Q1 … 2025-Q4) projected from its first
 * 30, 45 and 60 days and compared with its actual end, per daily series the gateway projects. The series are read
 * from the demo generator's own requests (what the loader would send: tongyi's usage events and GPU resources, quark's
 * AI sessions and daily aggregates, each day cut in Asia/Shanghai, and billing's ledger lines on their booking day),
 * not from running services. Slow (the generator builds the whole synthetic set), so it runs only when asked:
 * {@code mvn -o -B test -pl gateway -am -Dtest=ProjectionBackTest -Dprojection.backtest=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
class ProjectionBackTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int[] CUTS = {30, 45, 60};
    private static final Set<String> CNY = Set.of("ai-resource-cost", "ai-attributed-revenue", "ai-cash-revenue",
            "ai-voucher-revenue", "tob-maas-revenue");
    private static final Set<String> AI_PRODUCTS = Set.of("MAAS_TOKENS", "AI_COMPUTE", "AI_APPS");

    @Test
    void projectsEachDemoQuarterFromItsFirstDays() {
        assumeTrue(Boolean.getBoolean("projection.backtest"), "run with -Dprojection.backtest=true");
        Map<String, TreeMap<LocalDate, BigDecimal>> series = demoSeries();

        List<Period> quarters = new ArrayList<>();
        for (int year = 2024; year <= 2025; year++) {
            for (int q = 1; q <= 4; q++) {
                quarters.add(Period.calendarQuarter(year, q));
            }
        }
        StringBuilder table = new StringBuilder("| series | method | quarters × cuts | MAPE | within the 80% interval |\n"
                + "|---|---|---|---|---|\n");
        StringBuilder detail = new StringBuilder("| series | quarter | days seen | method | projected | actual | error |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, TreeMap<LocalDate, BigDecimal>> s : series.entrySet()) {
            Map<String, double[]> byMethod = new LinkedHashMap<>(); // method -> {count, Σ|error|, inside}
            for (Period quarter : quarters) {
                List<BigDecimal> all = values(s.getValue(), quarter.firstDay(), (int) quarter.lengthInDays());
                BigDecimal actual = all.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                if (actual.signum() == 0) {
                    continue;
                }
                Period before = FlowProjections.yearEarlier(quarter);
                List<BigDecimal> lastYear = before.lengthInDays() == quarter.lengthInDays()
                        && !before.firstDay().isBefore(LocalDate.parse("2024-01-01"))
                        ? values(s.getValue(), before.firstDay(), (int) before.lengthInDays()) : null;
                if (lastYear != null && !FlowProjections.daily(lastYear)) {
                    lastYear = null;
                }
                int scale = CNY.contains(s.getKey()) ? 2 : 0;
                for (int cut : CUTS) {
                    if (!FlowProjections.daily(all.subList(0, cut))) {
                        // Booked in lumps (a month's bill on one day): the gateway does not project it.
                        byMethod.computeIfAbsent("not projected", k -> new double[3])[0]++;
                        continue;
                    }
                    Projection p = PeriodProjection.project(all.subList(0, cut), all.size(), lastYear, scale).orElseThrow();
                    double error = p.projected().subtract(actual).abs().doubleValue() / actual.doubleValue();
                    boolean inside = p.low().compareTo(actual) <= 0 && actual.compareTo(p.high()) <= 0;
                    double[] m = byMethod.computeIfAbsent(p.method().name(), k -> new double[3]);
                    m[0]++;
                    m[1] += error;
                    m[2] += inside ? 1 : 0;
                    detail.append("| ").append(s.getKey()).append(" | ").append(quarter.label()).append(" | ")
                            .append(cut).append(" | ").append(p.method()).append(" | ")
                            .append(p.projected().toPlainString()).append(" | ").append(actual.toPlainString())
                            .append(" | ").append(percent(error)).append(" |\n");
                }
            }
            byMethod.forEach((method, m) -> table.append("| ").append(s.getKey()).append(" | ").append(method)
                    .append(" | ").append((int) m[0]).append(" | ")
                    .append(method.equals("not projected") ? "— | —" : percent(m[1] / m[0]) + " | " + percent(m[2] / m[0]))
                    .append(" |\n"));
            assertThat(byMethod).isNotEmpty();
        }
        System.out.println(table);
        System.out.println(detail);
    }

    private static String percent(double share) {
        return BigDecimal.valueOf(share * 100).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    private static List<BigDecimal> values(Map<LocalDate, BigDecimal> byDay, LocalDate first, int days) {
        List<BigDecimal> values = new ArrayList<>(days);
        for (int i = 0; i < days; i++) {
            values.add(byDay.getOrDefault(first.plusDays(i), BigDecimal.ZERO));
        }
        return values;
    }

    /** The group's daily series as the demo loader would send them; a later version of a day replaces the first. */
    @SuppressWarnings("unchecked")
    private static Map<String, TreeMap<LocalDate, BigDecimal>> demoSeries() {
        Map<String, TreeMap<LocalDate, BigDecimal>> series = new LinkedHashMap<>();
        for (String name : List.of("tob-tokens", "toc-ai-sessions", "toc-turns", "toc-resolved-sessions",
                "toc-conversions", "ai-resource-cost", "ai-attributed-revenue", "ai-cash-revenue", "ai-voucher-revenue",
                "tob-maas-revenue")) {
            series.put(name, new TreeMap<>());
        }
        Set<String> events = new HashSet<>();
        Map<LocalDate, Map<String, Object>> aggregateDays = new HashMap<>();
        for (DemoDataSet.Step step : new DemoDataSet(DemoDataSet.DEFAULT_SEED).steps()) {
            for (DemoDataSet.Request r : step.requests()) {
                if (r.path().equals("/api/v1/usage/events")) {
                    for (Map<String, Object> e : (List<Map<String, Object>>) r.body()) {
                        if (events.add((String) e.get("eventId"))) {
                            add(series, "tob-tokens", day(e.get("occurredAt")),
                                    ((Number) e.get("inputTokens")).longValue() + ((Number) e.get("outputTokens")).longValue());
                        }
                    }
                } else if (r.path().equals("/api/v1/ai-sessions")) {
                    for (Map<String, Object> s : (List<Map<String, Object>>) r.body()) {
                        if (!events.add((String) s.get("sessionId"))) {
                            continue;
                        }
                        LocalDate day = day(s.get("startedAt"));
                        add(series, "toc-ai-sessions", day, 1);
                        add(series, "toc-turns", day, ((Number) s.get("turns")).longValue());
                        add(series, "toc-resolved-sessions", day, "RESOLVED".equals(s.get("outcome")) ? 1 : 0);
                        add(series, "toc-conversions", day, Boolean.TRUE.equals(s.get("converted")) ? 1 : 0);
                    }
                } else if (r.path().equals("/api/v1/resources/usage")) {
                    for (Map<String, Object> e : (List<Map<String, Object>>) r.body()) {
                        add(series, "ai-resource-cost", LocalDate.parse((String) e.get("date")), (BigDecimal) e.get("costCny"));
                    }
                } else if (r.path().equals("/api/v1/ledger/lines")) {
                    // The lines posted as JSON, on their booking day; the FOCUS exports' few rows are left out.
                    for (Map<String, Object> l : (List<Map<String, Object>>) r.body()) {
                        if (!AI_PRODUCTS.contains(l.get("product"))) {
                            continue;
                        }
                        LocalDate day = LocalDate.parse((String) l.get("bookedOn"));
                        BigDecimal amount = (BigDecimal) l.get("amountCny");
                        boolean cash = "CASH".equals(l.get("funding"));
                        add(series, "ai-attributed-revenue", day, amount);
                        add(series, "ai-cash-revenue", day, cash ? amount : BigDecimal.ZERO);
                        add(series, "ai-voucher-revenue", day, cash ? BigDecimal.ZERO : amount);
                        add(series, "tob-maas-revenue", day, "MAAS_TOKENS".equals(l.get("product")) ? amount : BigDecimal.ZERO);
                    }
                } else if (r.method().equals("PUT") && r.path().matches("/api/v1/apps/[^/]+/days/\\d{4}-\\d{2}-\\d{2}")) {
                    aggregateDays.put(LocalDate.parse(r.path().substring(r.path().lastIndexOf('/') + 1)),
                            (Map<String, Object>) r.body());
                }
            }
        }
        aggregateDays.forEach((day, body) -> {
            Map<String, Object> ai = (Map<String, Object>) body.get("aiSessions");
            add(series, "toc-ai-sessions", day, ((Number) ai.get("sessions")).longValue());
            add(series, "toc-turns", day, ((Number) ai.get("turns")).longValue());
            add(series, "toc-resolved-sessions", day, ((Number) ai.get("resolved")).longValue());
            add(series, "toc-conversions", day, ((Number) ai.get("converted")).longValue());
        });
        return series;
    }

    private static LocalDate day(Object instant) {
        return Instant.parse(instant.toString()).atZone(ZONE).toLocalDate();
    }

    private static void add(Map<String, TreeMap<LocalDate, BigDecimal>> series, String name, LocalDate day, long value) {
        add(series, name, day, BigDecimal.valueOf(value));
    }

    private static void add(Map<String, TreeMap<LocalDate, BigDecimal>> series, String name, LocalDate day,
                            BigDecimal value) {
        series.get(name).merge(day, value, BigDecimal::add);
    }
}
