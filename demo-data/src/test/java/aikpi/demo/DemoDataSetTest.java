package aikpi.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoDataSetTest {

    static List<DemoDataSet.Step> steps;

    @BeforeAll
    static void generate() {
        steps = new DemoDataSet(DemoDataSet.DEFAULT_SEED).steps();
    }

    @SuppressWarnings("unchecked")
    private static Stream<Map<String, Object>> items(String pathPrefix) {
        return steps.stream().flatMap(s -> s.requests().stream())
                .filter(r -> r.path().startsWith(pathPrefix))
                .flatMap(r -> r.body() instanceof List<?> l ? ((List<Map<String, Object>>) l).stream()
                        : Stream.of((Map<String, Object>) r.body()));
    }

    @Test
    void theSameSeedGivesTheSameDataSet() {
        List<DemoDataSet.Step> again = new DemoDataSet(DemoDataSet.DEFAULT_SEED).steps();
        assertThat(again).hasSameSizeAs(steps);
        for (int i = 0; i < steps.size(); i++) {
            assertThat(again.get(i).requests()).isEqualTo(steps.get(i).requests());
        }
    }

    @Test
    void theArticlesQuarterIsLoadedAsReportedAndTheOthersAreLabelledSynthetic() {
        var quarters = steps.stream().flatMap(s -> s.requests().stream())
                .filter(r -> r.path().startsWith("/api/v1/group-revenue/")).toList();
        assertThat(quarters).hasSize(8);
        var reported = quarters.stream().filter(r -> r.path().endsWith("2024-Q4")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) reported.body();
        assertThat((BigDecimal) body.get("groupRevenueCny")).isEqualByComparingTo("280154000000");
        assertThat((BigDecimal) body.get("cloudRevenueCny")).isEqualByComparingTo("31742000000");
        assertThat(quarters.stream().filter(r -> !r.path().endsWith("2024-Q4")))
                .allSatisfy(r -> assertThat(((Map<?, ?>) r.body()).get("source")).isEqualTo("synthetic demo figure"));
    }

    @Test
    void bailianUsersAndDerivativeModelsPassTheReportedCountsByTheEndOf2024() {
        long bailian = items("/api/v1/customers").filter(c -> ((String) c.get("customerId")).startsWith("bailian-"))
                .filter(c -> ((String) c.get("onboardedOn")).compareTo("2024-12-31") <= 0).count();
        assertThat(bailian).isGreaterThan(ArticleFacts.BAILIAN_CUSTOMERS);

        Map<String, Long> lastDerivatives = new HashMap<>();
        steps.stream().flatMap(s -> s.requests().stream()).filter(r -> r.path().endsWith("/hub-stats")).forEach(r -> {
            for (Object o : (List<?>) r.body()) {
                Map<?, ?> snap = (Map<?, ?>) o;
                if (((String) snap.get("date")).compareTo("2024-12-31") <= 0) {
                    Map<?, ?> d = (Map<?, ?>) snap.get("derivatives");
                    long total = d.values().stream().mapToLong(v -> ((Number) v).longValue()).sum();
                    lastDerivatives.put(r.path() + snap.get("platform"), total);
                }
            }
        });
        assertThat(lastDerivatives.values().stream().mapToLong(Long::longValue).sum())
                .isGreaterThan(ArticleFacts.QWEN_DERIVATIVE_MODELS);
    }

    @Test
    void investeesSpendMostlyVouchersAndNeverOverdrawThem() {
        Map<String, BigDecimal> drawn = new HashMap<>();
        BigDecimal investeeCash = BigDecimal.ZERO;
        BigDecimal investeeVoucher = BigDecimal.ZERO;
        for (Map<String, Object> line : items("/api/v1/ledger/lines").toList()) {
            if (!"INVESTEE".equals(line.get("customerKind"))) {
                continue;
            }
            BigDecimal amount = (BigDecimal) line.get("amountCny");
            if ("VOUCHER".equals(line.get("funding"))) {
                drawn.merge((String) line.get("voucherId"), amount, BigDecimal::add);
                investeeVoucher = investeeVoucher.add(amount);
            } else {
                investeeCash = investeeCash.add(amount);
            }
        }
        assertThat(drawn).hasSize(5).allSatisfy((voucher, sum) -> assertThat(sum).isLessThan(DemoDataSet.VOUCHER_CNY));
        assertThat(investeeVoucher).isGreaterThan(investeeCash.multiply(BigDecimal.valueOf(5)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTongyiAppMeetsItsFy2026SessionTargetWhileItsResolutionRateFallsUnderTheFloor() {
        List<DemoDataSet.Request> targets = steps.stream().filter(s -> s.service().equals("gateway"))
                .flatMap(s -> s.requests().stream()).filter(r -> r.path().startsWith("/api/v1/targets/")).toList();
        assertThat(targets).isNotEmpty().allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("PUT");
            assertThat(r.path()).matches("/api/v1/targets/FY202[56]/[a-z-]+/[a-z-]+");
            assertThat(((Map<String, Object>) r.body()).get("note")).isEqualTo(DemoTargets.NOTE);
        });
        Map<String, Object> sessions = (Map<String, Object>) targets.stream()
                .filter(r -> r.path().equals("/api/v1/targets/FY2026/tongyi-app/toc-ai-sessions")).findFirst()
                .orElseThrow().body();
        assertThat(sessions).containsEntry("period", "QUARTER").containsEntry("direction", "AT_LEAST");
        Map<String, Object> floor = (Map<String, Object>) sessions.get("qualityFloor");
        assertThat(floor).containsEntry("kpiId", "assistant-resolution-rate");
        BigDecimal target = (BigDecimal) sessions.get("target");
        BigDecimal min = (BigDecimal) floor.get("min");

        // FY2026-Q2 is 2025-07..09 (in the reporting zone; the generator's instants are whole days of it).
        long[] q2 = new long[3];   // sessions, resolved, known outcome
        items("/api/v1/ai-sessions").filter(s -> "tongyi-app".equals(s.get("appId"))).forEach(s -> {
            String day = Instant.parse((String) s.get("startedAt")).atZone(DemoDataSet.ZONE).toLocalDate().toString();
            if (day.compareTo("2025-07-01") >= 0 && day.compareTo("2025-09-30") <= 0) {
                q2[0]++;
                q2[1] += "RESOLVED".equals(s.get("outcome")) ? 1 : 0;
                q2[2] += "UNKNOWN".equals(s.get("outcome")) ? 0 : 1;
            }
        });
        assertThat(BigDecimal.valueOf(q2[0])).as("sessions reach the target").isGreaterThanOrEqualTo(target);
        assertThat(BigDecimal.valueOf(q2[1]).divide(BigDecimal.valueOf(q2[2]), 6, RoundingMode.HALF_UP))
                .as("while the resolution rate is under the floor").isLessThan(min);
    }

    @Test
    void theTongyiAssistantTalksMoreAndResolvesLessIn2025() {
        Map<String, long[]> byHalf = new HashMap<>();   // year -> {sessions, turns, resolved, known}
        items("/api/v1/ai-sessions").filter(s -> "assistant".equals(s.get("featureId"))).forEach(s -> {
            long[] a = byHalf.computeIfAbsent(((String) s.get("startedAt")).substring(0, 4), k -> new long[4]);
            a[0]++;
            a[1] += ((Number) s.get("turns")).longValue();
            if ("RESOLVED".equals(s.get("outcome"))) {
                a[2]++;
            }
            if (!"UNKNOWN".equals(s.get("outcome"))) {
                a[3]++;
            }
        });
        long[] y2024 = byHalf.get("2024");
        long[] y2025 = byHalf.get("2025");
        assertThat((double) y2025[1] / y2025[0]).isGreaterThan((double) y2024[1] / y2024[0]);
        assertThat((double) y2025[2] / y2025[3]).isLessThan((double) y2024[2] / y2024[3]);
    }

    @Test
    void everyMaasLineAndInferenceEntryNamesAModelTheUsageEventsMeter() {
        // What the usage events meter: per customer and month, and per day, the models and their tokens.
        Map<String, Map<String, Long>> meteredByCustomerMonth = new HashMap<>();
        Map<String, Set<String>> servedByDay = new HashMap<>();
        items("/api/v1/usage/events").forEach(e -> {
            String model = (String) e.get("modelId");
            LocalDate day = day(e, "occurredAt");
            long tokens = ((Number) e.get("inputTokens")).longValue() + ((Number) e.get("outputTokens")).longValue();
            meteredByCustomerMonth.computeIfAbsent(e.get("customerId") + "/" + day.toString().substring(0, 7),
                    k -> new HashMap<>()).merge(model, tokens, Long::sum);
            servedByDay.computeIfAbsent(day.toString(), k -> new HashSet<>()).add(model);
        });
        Set<String> metered = new HashSet<>();
        servedByDay.values().forEach(metered::addAll);
        assertThat(metered).containsExactlyInAnyOrder("qwen-max", "qwen2.5-72b-instruct", "qwen3-235b-a22b", "qwen3-32b");

        // Each MaaS line names a model its customer was metered for in the line's month, and bills no more of it.
        List<Map<String, Object>> maas = items("/api/v1/ledger/lines")
                .filter(l -> "MAAS_TOKENS".equals(l.get("product"))).toList();
        assertThat(maas).isNotEmpty().allSatisfy(l -> {
            String month = ((String) l.get("bookedOn")).substring(0, 7);
            Map<String, Long> ofCustomer = meteredByCustomerMonth.getOrDefault(l.get("customerId") + "/" + month, Map.of());
            assertThat(ofCustomer).as("%s", l.get("lineId")).containsKey((String) l.get("model"));
            assertThat(((Number) l.get("tokens")).longValue()).as("%s", l.get("lineId"))
                    .isPositive().isLessThanOrEqualTo(ofCustomer.get((String) l.get("model")));
        });
        // One line per model a customer used in a month, in every month it was billed.
        Map<String, Set<String>> billedModels = new HashMap<>();
        maas.forEach(l -> billedModels.computeIfAbsent(l.get("customerId") + "/" + ((String) l.get("bookedOn"))
                .substring(0, 7), k -> new HashSet<>()).add((String) l.get("model")));
        billedModels.forEach((customerMonth, models) ->
                assertThat(models).as(customerMonth).isEqualTo(meteredByCustomerMonth.get(customerMonth).keySet()));

        // Each day's inference is spread over exactly the models served that day.
        List<Map<String, Object>> inference = items("/api/v1/resources/usage")
                .filter(r -> "INFERENCE".equals(r.get("purpose"))).toList();
        assertThat(inference).isNotEmpty().allSatisfy(r -> assertThat(metered).contains((String) r.get("modelId")));
        Map<String, Set<String>> costedByDay = new HashMap<>();
        inference.forEach(r -> costedByDay.computeIfAbsent((String) r.get("date"), k -> new HashSet<>())
                .add((String) r.get("modelId")));
        assertThat(costedByDay).isEqualTo(servedByDay);
    }

    @Test
    void theMarginPerMillionTokensHasAValueInEveryQuarter() {
        // margin-per-million-tokens of the group for each quarter the demo covers: Σ revenue of the lines naming a model
        // ÷ Σ their billed tokens − Σ inference cost of the costed models ÷ Σ their metered tokens
        // (docs/UNIT-ECONOMICS.md): each of the four sums is there.
        for (int quarter = 0; quarter < 8; quarter++) {
            String year = (2024 + quarter / 4) + "-";
            int q = quarter % 4 + 1;
            java.util.function.Predicate<String> inQuarter = day -> day.startsWith(year)
                    && (Integer.parseInt(day.substring(5, 7)) - 1) / 3 == q - 1;
            BigDecimal revenue = BigDecimal.ZERO;
            long billed = 0;
            for (Map<String, Object> l : items("/api/v1/ledger/lines").filter(l -> l.get("model") != null)
                    .filter(l -> inQuarter.test((String) l.get("bookedOn"))).toList()) {
                revenue = revenue.add((BigDecimal) l.get("amountCny"));
                billed += ((Number) l.get("tokens")).longValue();
            }
            BigDecimal cost = items("/api/v1/resources/usage")
                    .filter(r -> "INFERENCE".equals(r.get("purpose")) && r.get("modelId") != null)
                    .filter(r -> inQuarter.test((String) r.get("date"))).map(r -> (BigDecimal) r.get("costCny"))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            long served = items("/api/v1/usage/events").filter(e -> inQuarter.test(day(e, "occurredAt").toString()))
                    .mapToLong(e -> ((Number) e.get("inputTokens")).longValue() + ((Number) e.get("outputTokens")).longValue())
                    .sum();
            assertThat(billed).as("%sQ%d billed tokens", year, q).isPositive();
            assertThat(revenue).as("%sQ%d MaaS revenue naming a model", year, q).isPositive();
            assertThat(cost).as("%sQ%d inference cost naming a model", year, q).isPositive();
            assertThat(served).isPositive();
        }
    }

    @Test
    void splittingAMonthsMaasLineByModelKeepsItsTotals() {
        // The lines of a customer's month add up to one line of the month's billed tokens at 8 CNY per whole million.
        Map<String, long[]> byCustomerMonth = new HashMap<>();   // {tokens, fen}
        items("/api/v1/ledger/lines").filter(l -> "MAAS_TOKENS".equals(l.get("product"))).forEach(l -> {
            long[] sums = byCustomerMonth.computeIfAbsent(l.get("customerId") + "/" + l.get("bookedOn"), k -> new long[2]);
            sums[0] += ((Number) l.get("tokens")).longValue();
            sums[1] += ((BigDecimal) l.get("amountCny")).movePointRight(2).longValueExact();
        });
        assertThat(byCustomerMonth).isNotEmpty().allSatisfy((key, sums) ->
                assertThat(sums[1]).as(key).isEqualTo(sums[0] / 1_000_000L * 800L));
        assertThat(DemoDataSet.split(10, Map.of("a", 1, "b", 2))).containsEntry("a", 3L).containsEntry("b", 7L);
    }

    @Test
    void everyBatchFitsTheServicesLimits() {
        assertThat(steps.stream().flatMap(s -> s.requests().stream())).allSatisfy(r -> assertThat(r.items()).isLessThanOrEqualTo(10_000));
        // The services' own per-item rules: tongyi refuses a usage event of more than 100 million tokens either way.
        assertThat(items("/api/v1/usage/events")).allSatisfy(e -> {
            assertThat(((Number) e.get("inputTokens")).longValue()).isBetween(0L, 100_000_000L);
            assertThat(((Number) e.get("outputTokens")).longValue()).isBetween(0L, 100_000_000L);
        });
        assertThat(items("/api/v1/usage/events").map(e -> e.get("eventId")).distinct().count())
                .isEqualTo(items("/api/v1/usage/events").count());
    }

    /** The reporting-zone day of an event's instant. */
    private static LocalDate day(Map<String, Object> event, String field) {
        return Instant.parse((String) event.get(field)).atZone(DemoDataSet.ZONE).toLocalDate();
    }

    /**
     * An app's events of one kind as (user, reporting-zone day): from the native batches of {@code path}, or, for the
     * app fed by Segment calls, from its {@code track} calls named {@code segmentEvent}.
     */
    @SuppressWarnings("unchecked")
    private static Stream<Map.Entry<String, LocalDate>> events(String appId, String path, String segmentEvent) {
        String at = path.endsWith("ai-sessions") ? "startedAt" : "occurredAt";
        Stream<Map.Entry<String, LocalDate>> nativeEvents = items(path).filter(e -> appId.equals(e.get("appId")))
                .map(e -> Map.entry((String) e.get("userId"), day(e, at)));
        if (!appId.equals(QuarkSegmentCalls.APP)) {
            return nativeEvents;
        }
        return Stream.concat(nativeEvents, items("/api/v1/segment/batch")
                .flatMap(b -> ((List<Map<String, Object>>) b.get("batch")).stream())
                .filter(c -> segmentEvent.equals(c.get("event")))
                .map(c -> Map.entry((String) c.get("userId"), day(c, "timestamp"))));
    }

    /**
     * Week-4 retention (an open in the fourth week after the first-seen week) of 2025's weekly cohorts of an app, of
     * its users with an AI session in their first week and of the others: {aiUsers, aiBack, others, othersBack}.
     */
    private static long[] week4In2025(String appId) {
        Map<String, LocalDate> first = new HashMap<>();
        Map<String, Set<String>> opened = new HashMap<>();
        Map<String, Set<String>> usedAi = new HashMap<>();
        Function<LocalDate, LocalDate> week =
                d -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        events(appId, "/api/v1/installs", "Application Installed")
                .forEach(e -> first.merge(e.getKey(), e.getValue(), (a, b) -> a.isBefore(b) ? a : b));
        events(appId, "/api/v1/activity/events", "Application Opened").forEach(e -> {
            first.merge(e.getKey(), e.getValue(), (a, b) -> a.isBefore(b) ? a : b);
            opened.computeIfAbsent(week.apply(e.getValue()).toString(), k -> new HashSet<>()).add(e.getKey());
        });
        events(appId, "/api/v1/ai-sessions", "AI Session Ended")
                .forEach(e -> usedAi.computeIfAbsent(week.apply(e.getValue()).toString(), k -> new HashSet<>()).add(e.getKey()));
        long[] counts = new long[4];
        first.forEach((user, day) -> {
            LocalDate cohort = week.apply(day);
            if (cohort.getYear() != 2025 || cohort.plusWeeks(5).isAfter(DemoDataSet.LAST_DAY)) {
                return;
            }
            int part = usedAi.getOrDefault(cohort.toString(), Set.of()).contains(user) ? 0 : 2;
            counts[part]++;
            if (opened.getOrDefault(cohort.plusWeeks(4).toString(), Set.of()).contains(user)) {
                counts[part + 1]++;
            }
        });
        return counts;
    }

    @Test
    void inMostAppsAiUsersStayButFrom2025TheTongyiAppsLeaveSoonerThanItsOthers() {
        for (String app : List.of("quark", "taobao", "tmall", "amap", "fliggy", "eleme", "tongyi-app")) {
            long[] c = week4In2025(app);
            double lift = (double) c[1] / c[0] - (double) c[3] / c[2];
            if (app.equals("tongyi-app")) {
                assertThat(lift).as("%s: AI users stay less (%s)", app, Arrays.toString(c)).isLessThan(-0.05);
            } else {
                assertThat(lift).as("%s: AI users stay more (%s)", app, Arrays.toString(c)).isGreaterThan(0.05);
            }
        }
        // While its AI users keep growing, quarter after quarter: the gateway's "AI users up, lift not" alert.
        long[] aiUsers = new long[4];
        for (int q = 0; q < 4; q++) {
            int quarter = q;
            aiUsers[q] = items("/api/v1/ai-sessions").filter(e -> "tongyi-app".equals(e.get("appId")))
                    .filter(e -> day(e, "startedAt").getYear() == 2025 && (day(e, "startedAt").getMonthValue() - 1) / 3 == quarter)
                    .map(e -> e.get("userId")).distinct().count();
        }
        assertThat(aiUsers).isSorted().doesNotHaveDuplicates();
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneAppIsFedBySegmentCallsCarryingExactlyItsEvents() {
        assertThat(items("/api/v1/installs").filter(e -> "fliggy".equals(e.get("appId")))).isEmpty();
        assertThat(items("/api/v1/activity/events").filter(e -> "fliggy".equals(e.get("appId")))).isEmpty();
        assertThat(items("/api/v1/ai-sessions").filter(e -> "fliggy".equals(e.get("appId")))).isEmpty();
        Map<String, Object> app = items("/api/v1/apps/fliggy").findFirst().orElseThrow();
        assertThat(app).containsEntry("bundleIds", List.of(QuarkSegmentCalls.BUNDLE));

        List<Map<String, Object>> batches = steps.stream().flatMap(s -> s.requests().stream())
                .filter(r -> r.path().equals("/api/v1/segment/batch")).map(r -> (Map<String, Object>) r.body()).toList();
        assertThat(batches).isNotEmpty().allSatisfy(b -> assertThat(((Map<String, Object>) b.get("context")).get("app"))
                .isEqualTo(Map.of("namespace", QuarkSegmentCalls.BUNDLE, "name", "Fliggy", "version", "9.10.0")));
        List<Map<String, Object>> calls = batches.stream().flatMap(b -> ((List<Map<String, Object>>) b.get("batch")).stream()).toList();
        Map<String, Long> events = new HashMap<>();
        calls.forEach(c -> events.merge(c.get("type") + ":" + c.getOrDefault("event", ""), 1L, Long::sum));
        // The app's own events, each under a messageId made from its event's id, and calls quark ignores beside them.
        assertThat(calls).filteredOn(c -> "track".equals(c.get("type"))).allSatisfy(c -> {
            assertThat((String) c.get("messageId")).matches("demo-sg-demo-(install|open|session)-fliggy-.+");
            assertThat((String) c.get("userId")).startsWith("user-fliggy-");
        });
        long users = calls.stream().filter(c -> "track".equals(c.get("type"))).map(c -> c.get("userId")).distinct().count();
        assertThat(events.get("track:Application Installed")).isEqualTo(users);   // every user of the app installs once
        assertThat(events.get("track:Application Opened")).isGreaterThan(1_000);
        assertThat(events.get("track:AI Session Ended")).isPositive();
        assertThat(events.get("identify:")).isEqualTo(users);
        assertThat(events.get("screen:")).isPositive();
        assertThat(calls.stream().map(c -> c.get("messageId")).distinct().count()).isEqualTo(calls.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSyntheticAppOfTensOfMillionsOfUsersIsFedByDailySketches() {
        Map<String, Object> app = items("/api/v1/apps/" + QuarkDailyAggregates.APP).findFirst().orElseThrow();
        assertThat(app).containsEntry("feed", "AGGREGATES").containsEntry("businessUnit", "taobao");
        assertThat((String) app.get("name")).contains("synthetic");
        List<DemoDataSet.Request> days = steps.stream().flatMap(s -> s.requests().stream())
                .filter(r -> r.path().startsWith("/api/v1/apps/" + QuarkDailyAggregates.APP + "/days/")).toList();
        // Every day of 2024 and 2025 once, and one day of FY2026-Q1 sent again after the quarter's seal.
        assertThat(days).hasSize(732).allSatisfy(r -> assertThat(r.method()).isEqualTo("PUT"));
        org.apache.datasketches.hll.Union everyone = new org.apache.datasketches.hll.Union(QuarkDailyAggregates.LG_K);
        for (DemoDataSet.Request r : days) {
            Map<String, Object> day = (Map<String, Object>) r.body();
            Map<String, Object> s = (Map<String, Object>) day.get("aiSessions");
            long sessions = ((Number) s.get("sessions")).longValue();
            assertThat(((Number) s.get("resolved")).longValue() + ((Number) s.get("abandoned")).longValue()
                    + ((Number) s.get("escalated")).longValue() + ((Number) s.get("unknown")).longValue()).isEqualTo(sessions);
            org.apache.datasketches.hll.HllSketch active = sketch(day.get("activeUsers"));
            assertThat(active.getLgConfigK()).isEqualTo(QuarkDailyAggregates.LG_K);
            // quark's rules: a sketch holds users exactly when its count says there were some.
            assertThat(active.isEmpty()).isEqualTo(((Number) day.get("opens")).longValue() == 0);
            assertThat(sketch(day.get("aiUsers")).isEmpty()).isEqualTo(sessions == 0);
            everyone.update(sketch(day.get("newUsers")));
        }
        // Tens of millions of users over the two years, millions of them active on a day.
        assertThat(everyone.getEstimate()).isBetween(30e6, 60e6);
        assertThat(sketch(((Map<String, Object>) days.get(400).body()).get("activeUsers")).getEstimate()).isBetween(5e6, 15e6);
    }

    private static org.apache.datasketches.hll.HllSketch sketch(Object base64) {
        return org.apache.datasketches.hll.HllSketch.heapify(java.util.Base64.getDecoder().decode((String) base64));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theQuarterIsSealedOnceItsBillsAreInThenWhatArrivesAfterTheCloseIsSent() {
        List<String> labels = steps.stream().map(DemoDataSet.Step::label).toList();
        int exports = labels.indexOf("FOCUS billing exports, 2025-04 to 2025-06 (synthetic)");
        int seal = labels.indexOf("seal the review of FY2026-Q1");
        assertThat(exports).isNotNegative().isLessThan(seal);
        assertThat(labels.subList(seal + 1, labels.size())).hasSize(3);
        assertThat(steps.get(seal).requests()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/api/v1/executive/reviews/FY2026-Q1/seal");
        });
        // Each month of the quarter is billed before the seal; the late bill is June's, for an account of its own.
        List<String> bills = steps.get(exports).requests().stream().map(r -> (String) r.body()).toList();
        assertThat(bills).hasSize(3);
        assertThat(bills.get(0)).contains(",2025-04-01T00:00:00Z,2025-05-01T00:00:00Z,").contains("synthetic");
        String late = (String) steps.get(seal + 1).requests().get(0).body();
        assertThat(late).contains("fc-logistics-cn").contains(",2025-06-01T00:00:00Z,2025-07-01T00:00:00Z,")
                .doesNotContain("fc-retail-cn");
        // The day sent again has the sessions the first run lost, their outcome unknown.
        String dayPath = "/api/v1/apps/" + QuarkDailyAggregates.APP + "/days/" + AfterTheClose.RESENT_DAY;
        List<DemoDataSet.Request> sends = steps.stream().flatMap(s -> s.requests().stream())
                .filter(r -> r.path().equals(dayPath)).toList();
        assertThat(sends).hasSize(2);
        Map<String, Object> first = (Map<String, Object>) ((Map<String, Object>) sends.get(0).body()).get("aiSessions");
        Map<String, Object> again = (Map<String, Object>) ((Map<String, Object>) sends.get(1).body()).get("aiSessions");
        assertThat(((Number) again.get("sessions")).longValue() - ((Number) first.get("sessions")).longValue())
                .isEqualTo(AfterTheClose.SESSIONS_FOUND);
        // The late usage happened in the sealed quarter.
        List<Map<String, Object>> usage = (List<Map<String, Object>>) steps.get(labels.size() - 1).requests().get(0).body();
        java.time.Instant from = AfterTheClose.LATE_USAGE_FROM.atStartOfDay(DemoDataSet.ZONE).toInstant();
        assertThat(usage).hasSize(120).allSatisfy(e -> assertThat(java.time.Instant.parse((String) e.get("occurredAt")))
                .isBetween(from, from.plus(java.time.Duration.ofDays(AfterTheClose.LATE_USAGE_DAYS))));

        // A second run, the quarter sealed already: no seal again, and the day only in its version sent again.
        List<DemoDataSet.Step> rerun = new DemoDataSet(DemoDataSet.DEFAULT_SEED).steps(true);
        assertThat(rerun).extracting(DemoDataSet.Step::label).doesNotContain("seal the review of FY2026-Q1");
        assertThat(rerun.stream().flatMap(s -> s.requests().stream()).filter(r -> r.path().equals(dayPath)))
                .singleElement().satisfies(r -> assertThat(r.body()).isEqualTo(sends.get(1).body()));
    }
}
