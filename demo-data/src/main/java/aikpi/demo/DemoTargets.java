package aikpi.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The executives' targets for FY2025 and FY2026, for the group and the seven business units of the demo data set.
 * SYNTHETIC: no target here was ever published; every note says so. They are set against the synthetic figures so that
 * the article's warning shows in the review: the Tongyi app reaches its AI-session target every quarter of FY2026,
 * but from FY2026-Q2 its resolution rate is under the 0.6 floor that target carries, so the sessions are not counted
 * and score nothing.
 */
final class DemoTargets {

    static final String NOTE = "synthetic demo target";

    private DemoTargets() {
    }

    /** One target: the path's parts and the body of its PUT. */
    record DemoTarget(String fiscalYear, String scope, String kpiId, Map<String, Object> body) {

        String path() {
            return "/api/v1/targets/" + fiscalYear + "/" + scope + "/" + kpiId;
        }
    }

    private static DemoTarget target(String fiscalYear, String scope, String kpiId, String value, String direction,
                                     int weight, String period, Map<String, Object> floor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("target", new BigDecimal(value));
        body.put("direction", direction);
        body.put("weight", weight);
        body.put("period", period);
        if (floor != null) {
            body.put("qualityFloor", floor);
        }
        body.put("note", NOTE);
        return new DemoTarget(fiscalYear, scope, kpiId, body);
    }

    private static Map<String, Object> atLeast(String kpiId, String min) {
        return Map.of("kpiId", kpiId, "min", new BigDecimal(min));
    }

    /** A unit's AI sessions, conversions and (for those with figures) tokens and cloud spend per quarter. */
    private record UnitPlan(String unit, String sessions, String conversions) {
    }

    /** The Tongyi app's AI-session target of FY2026, the one whose floor FY2026-Q2 breaks. */
    static final String TONGYI_SESSIONS_FY2026 = "/api/v1/targets/FY2026/tongyi-app/toc-ai-sessions";
    /** Its floor as first set when the demo shows the break as a notification (DEMO_NOTIFY=1), before it is raised. */
    static final String TONGYI_FLOOR_FIRST_SET = "0.5";

    static List<DemoTarget> all() {
        return all(false);
    }

    /**
     * @param floorRaisedLater the Tongyi app's FY2026 AI-session target set first with the lower floor
     *                         ({@link #TONGYI_FLOOR_FIRST_SET}), to be raised to its 0.6 by {@link #tongyiSessionsFy2026()}
     */
    static List<DemoTarget> all(boolean floorRaisedLater) {
        List<DemoTarget> all = new ArrayList<>(everyTarget());
        if (floorRaisedLater) {
            all.replaceAll(t -> t.path().equals(TONGYI_SESSIONS_FY2026) ? withFloor(t, TONGYI_FLOOR_FIRST_SET) : t);
        }
        return all;
    }

    /** The Tongyi app's FY2026 AI-session target as the demo has it: the 0.6 floor. */
    static DemoTarget tongyiSessionsFy2026() {
        return everyTarget().stream().filter(t -> t.path().equals(TONGYI_SESSIONS_FY2026)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static DemoTarget withFloor(DemoTarget t, String min) {
        Map<String, Object> body = new LinkedHashMap<>(t.body());
        Map<String, Object> floor = (Map<String, Object>) body.get("qualityFloor");
        body.put("qualityFloor", atLeast((String) floor.get("kpiId"), min));
        body.put("note", NOTE + ": the floor as first set, raised to " + floor.get("min") + " later");
        return new DemoTarget(t.fiscalYear(), t.scope(), t.kpiId(), body);
    }

    private static List<DemoTarget> everyTarget() {
        List<DemoTarget> all = new ArrayList<>();
        // The group, FY2025 (2024-04 … 2025-03).
        all.add(target("FY2025", "group", "cloud-share", "0.12", "AT_LEAST", 2, "YEAR", null));
        all.add(target("FY2025", "group", "ai-cash-revenue", "7000000000", "AT_LEAST", 3, "YEAR", null));
        all.add(target("FY2025", "group", "ai-voucher-revenue", "250000000", "AT_MOST", 1, "QUARTER", null));
        all.add(target("FY2025", "group", "ai-margin", "0", "AT_LEAST", 1, "YEAR", null));
        // The group's AI sessions are mostly the data-platform app's (taobao-dp, synthetic): hundreds of millions a quarter.
        all.add(target("FY2025", "group", "toc-ai-sessions", "100000000", "AT_LEAST", 1, "QUARTER",
                atLeast("assistant-resolution-rate", "0.6")));
        all.add(target("FY2025", "group", "assistant-resolution-rate", "0.65", "AT_LEAST", 2, "YEAR", null));
        all.add(target("FY2025", "group", "tob-tokens", "170000000000", "AT_LEAST", 1, "QUARTER",
                atLeast("revenue-per-million-tokens", "7.5")));
        // The group, FY2026 (2025-04 … 2026-03).
        all.add(target("FY2026", "group", "cloud-share", "0.14", "AT_LEAST", 2, "YEAR", null));
        all.add(target("FY2026", "group", "ai-cash-revenue", "10000000000", "AT_LEAST", 3, "YEAR", null));
        all.add(target("FY2026", "group", "ai-cash-share-of-cloud", "0.06", "AT_LEAST", 2, "YEAR", null));
        all.add(target("FY2026", "group", "ai-voucher-revenue", "250000000", "AT_MOST", 1, "QUARTER", null));
        all.add(target("FY2026", "group", "ai-margin", "0", "AT_LEAST", 1, "YEAR", null));
        all.add(target("FY2026", "group", "toc-ai-sessions", "250000000", "AT_LEAST", 1, "QUARTER",
                atLeast("assistant-resolution-rate", "0.65")));
        all.add(target("FY2026", "group", "assistant-turns-per-resolved", "9", "AT_MOST", 1, "YEAR", null));
        all.add(target("FY2026", "group", "tob-tokens", "250000000000", "AT_LEAST", 1, "QUARTER",
                atLeast("revenue-per-million-tokens", "7.5")));
        all.add(target("FY2026", "group", "model-influence-derivatives", "80000", "AT_LEAST", 1, "QUARTER", null));

        // The units. Amap, Ele.me and Fliggy launched their AI features in FY2026: in FY2025 they are reviewed on
        // their tokens and cloud spend only.
        List<UnitPlan> fy2025 = List.of(new UnitPlan("quark", "1000", "120"), new UnitPlan("tongyi-app", "1000", "40"),
                new UnitPlan("taobao", "100000000", "10000000"), new UnitPlan("tmall", "100", "10"), new UnitPlan("amap", null, null),
                new UnitPlan("eleme", null, null), new UnitPlan("fliggy", null, null));
        List<UnitPlan> fy2026 = List.of(new UnitPlan("quark", "2500", "300"), new UnitPlan("tongyi-app", "2000", "80"),
                new UnitPlan("taobao", "250000000", "25000000"), new UnitPlan("tmall", "200", "25"), new UnitPlan("amap", "400", "20"),
                new UnitPlan("eleme", "300", "25"), new UnitPlan("fliggy", "200", "10"));
        units(all, "FY2025", fy2025, "0.65", "20000000000", "500000000");
        units(all, "FY2026", fy2026, "0.68", "27000000000", "600000000");
        return all;
    }

    private static void units(List<DemoTarget> all, String fiscalYear, List<UnitPlan> plans, String resolution,
                              String tokens, String spend) {
        for (UnitPlan p : plans) {
            if (p.sessions() != null) {
                // Volume with its floor: sessions count only while at least 60% of them resolve.
                all.add(target(fiscalYear, p.unit(), "toc-ai-sessions", p.sessions(), "AT_LEAST", 2, "QUARTER",
                        atLeast("assistant-resolution-rate", "0.6")));
                all.add(target(fiscalYear, p.unit(), "assistant-resolution-rate", resolution, "AT_LEAST", 1, "YEAR", null));
                all.add(target(fiscalYear, p.unit(), "toc-conversions", p.conversions(), "AT_LEAST", 1, "QUARTER", null));
            }
            all.add(target(fiscalYear, p.unit(), "tob-tokens", tokens, "AT_LEAST", 1, "QUARTER", null));
            all.add(target(fiscalYear, p.unit(), "bu-cloud-spend", spend, "AT_MOST", 1, "QUARTER", null));
        }
    }
}
