package aikpi.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
                .flatMap(s -> s.requests().stream()).toList();
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
            String day = java.time.Instant.parse((String) s.get("startedAt")).atZone(DemoDataSet.ZONE).toLocalDate().toString();
            if (day.compareTo("2025-07-01") >= 0 && day.compareTo("2025-09-30") <= 0) {
                q2[0]++;
                q2[1] += "RESOLVED".equals(s.get("outcome")) ? 1 : 0;
                q2[2] += "UNKNOWN".equals(s.get("outcome")) ? 0 : 1;
            }
        });
        assertThat(BigDecimal.valueOf(q2[0])).as("sessions reach the target").isGreaterThanOrEqualTo(target);
        assertThat(BigDecimal.valueOf(q2[1]).divide(BigDecimal.valueOf(q2[2]), 6, java.math.RoundingMode.HALF_UP))
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
        assertThat(events.get("track:Application Installed")).isEqualTo(200);   // every user of the app installs once
        assertThat(events.get("track:Application Opened")).isGreaterThan(1_000);
        assertThat(events.get("track:AI Session Ended")).isPositive();
        assertThat(events.get("identify:")).isEqualTo(200);
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
        assertThat(days).hasSize(731).allSatisfy(r -> assertThat(r.method()).isEqualTo("PUT"));
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
}
