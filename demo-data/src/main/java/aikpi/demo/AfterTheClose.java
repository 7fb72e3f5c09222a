package aikpi.demo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * SYNTHETIC: how a quarter is closed and what happens after, for FY2026-Q1 (April to June 2025). Before the seal,
 * the quarter's FOCUS exports (April, May, June) make the ledger's months final and imported; then an executive seals
 * the review; then what really arrives after a close: a billing account's June bill received late, a day of
 * taobao-dp's aggregates sent again after its pipeline was fixed, and a batch of Taobao's usage events that waited
 * weeks in a gateway's buffer. The dashboard shows the sealed quarter and these changes, with their causes.
 */
final class AfterTheClose {

    /** The quarter the demo seals. */
    static final String QUARTER = "FY2026-Q1";
    /** The day of taobao-dp the pipeline sends again. */
    static final LocalDate RESENT_DAY = LocalDate.of(2025, 5, 20);
    /** The AI sessions the re-run found that the first run had lost (their outcome not recorded). */
    static final long SESSIONS_FOUND = 1_800_000;
    /** The days of Taobao's late usage, and its metered blocks per day. */
    static final LocalDate LATE_USAGE_FROM = LocalDate.of(2025, 6, 10);
    static final int LATE_USAGE_DAYS = 3;
    static final int LATE_BLOCKS_A_DAY = 40;

    private static final List<FocusExports.Account> QUARTER_ACCOUNTS = List.of(
            new FocusExports.Account("fc-retail-cn", "Retail chain (synthetic)", 60_000),
            new FocusExports.Account("fc-media-cn", "Media group (synthetic)", 45_000));
    private static final FocusExports.Account LATE_ACCOUNT =
            new FocusExports.Account("fc-logistics-cn", "Logistics group (synthetic)", 400_000);

    private final SplittableRandom random;

    AfterTheClose(SplittableRandom random) {
        this.random = random;
    }

    /** The quarter's FOCUS exports, one import per month, received before the close. */
    DemoDataSet.Step quarterExports() {
        List<DemoDataSet.Request> imports = new ArrayList<>();
        for (YearMonth m = YearMonth.of(2025, 4); !m.isAfter(YearMonth.of(2025, 6)); m = m.plusMonths(1)) {
            String csv = FocusExports.month(m, QUARTER_ACCOUNTS, random);
            imports.add(new DemoDataSet.Request("POST", "/api/v1/ledger/imports", csv,
                    (int) csv.lines().count() - 1, "text/csv"));
        }
        return new DemoDataSet.Step("cloud-billing-service", "FOCUS billing exports, 2025-04 to 2025-06 (synthetic)",
                imports);
    }

    /** The executive's seal of the quarter's review, once every source is final for it. */
    static DemoDataSet.Step seal() {
        return new DemoDataSet.Step("gateway", "seal the review of " + QUARTER,
                List.of(new DemoDataSet.Request("POST", "/api/v1/executive/reviews/" + QUARTER + "/seal",
                        Map.of("reason", "Quarterly business review (demo)"), 1)));
    }

    /** What arrives after the seal. */
    List<DemoDataSet.Step> afterTheSeal(Map<String, Object> resentDayAsFirstSent) {
        List<DemoDataSet.Step> steps = new ArrayList<>();
        String late = FocusExports.month(YearMonth.of(2025, 6), List.of(LATE_ACCOUNT), random);
        steps.add(new DemoDataSet.Step("cloud-billing-service", "a June 2025 bill received after the close (synthetic)",
                List.of(new DemoDataSet.Request("POST", "/api/v1/ledger/imports", late, (int) late.lines().count() - 1,
                        "text/csv"))));
        steps.add(new DemoDataSet.Step("quark-service", "taobao-dp's " + RESENT_DAY + " sent again after a pipeline fix "
                + "(synthetic)", List.of(new DemoDataSet.Request("PUT", "/api/v1/apps/" + QuarkDailyAggregates.APP
                + "/days/" + RESENT_DAY, resent(resentDayAsFirstSent), 1))));
        steps.add(new DemoDataSet.Step("tongyi-service", "Taobao's usage events of " + LATE_USAGE_FROM + " onwards, "
                + "received weeks late (synthetic)", List.of(new DemoDataSet.Request("POST", "/api/v1/usage/events",
                lateUsage(), LATE_USAGE_DAYS * LATE_BLOCKS_A_DAY))));
        return steps;
    }

    /** The day as the fixed pipeline sends it: the sessions it had lost, their outcome unknown. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> resent(Map<String, Object> first) {
        Map<String, Object> day = new LinkedHashMap<>(first);
        Map<String, Object> sessions = new LinkedHashMap<>((Map<String, Object>) first.get("aiSessions"));
        sessions.put("sessions", ((Number) sessions.get("sessions")).longValue() + SESSIONS_FOUND);
        sessions.put("unknown", ((Number) sessions.get("unknown")).longValue() + SESSIONS_FOUND);
        sessions.put("turns", ((Number) sessions.get("turns")).longValue() + 3 * SESSIONS_FOUND);
        day.put("aiSessions", sessions);
        return day;
    }

    private List<Map<String, Object>> lateUsage() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int d = 0; d < LATE_USAGE_DAYS; d++) {
            LocalDate day = LATE_USAGE_FROM.plusDays(d);
            for (int k = 0; k < LATE_BLOCKS_A_DAY; k++) {
                long in = 20_000_000L + random.nextLong(40_000_000L);
                String at = day.atStartOfDay(DemoDataSet.ZONE).plusSeconds(random.nextInt(86_400)).toInstant().toString();
                events.add(Map.of("eventId", "demo-usage-late-" + day + "-taobao-" + k, "customerId", "taobao",
                        "modelId", "qwen3-235b-a22b", "occurredAt", at, "inputTokens", in, "outputTokens", in / 3));
            }
        }
        return events;
    }
}
