package aikpi.gateway.notify.rules;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import aikpi.gateway.Figures;
import aikpi.gateway.SourceDoubles;
import aikpi.gateway.notify.NoticeTypes;
import aikpi.gateway.notify.RecordingOutbox;
import aikpi.gateway.notify.RecordingOutbox.Recorded;
import aikpi.gateway.sources.billing.Attribution.BusinessUnitSpend;
import aikpi.gateway.targets.Target.Direction;
import aikpi.gateway.targets.Target.QualityFloor;
import aikpi.gateway.targets.Target.TargetPeriod;
import aikpi.gateway.targets.TargetRequest;
import aikpi.gateway.targets.TargetService;
import aikpi.testing.MovableClock;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules against source doubles, on 2025-06-01 (FY2025-Q4 has ended, FY2026-Q1 runs), each test on a context of
 * its own. quark's figures for FY2025-Q4 are what a test sets; every other quarter keeps the first ones (100 AI
 * sessions, 300 turns, resolution 0.5), so FY2025-Q4's vanity alerts compare the test's figures with those. The
 * quark unit's AI sessions target for FY2025 is 80 a quarter with a resolution floor of 0.4.
 */
@MicronautTest(transactional = false, rebuildContext = true)
@Property(name = "gateway.cache.ttl", value = "0s")
@Property(name = "gateway.cache.max-stale", value = "0s")
@Property(name = "gateway.notify.enabled", value = "true")
@Property(name = "gateway.notify.initial-delay", value = "1h")
@Property(name = RecordingOutbox.PROPERTY, value = "true")
class NoticeEvaluationTest extends SourceDoubles {

    static final String WATCHED = "FY2025-Q4";

    @Inject
    NoticeEvaluation evaluation;

    @Inject
    NoticeSchedule schedule;

    @Inject
    RecordingOutbox outbox;

    @Inject
    TargetService targets;

    @Inject
    Clock clock;

    volatile long sessions = 100;
    volatile long turns = 300;
    volatile String resolution = "0.500000";
    volatile boolean quarkDown;

    @MockBean(Clock.class)
    Clock reviewDay() {
        return new MovableClock(Instant.parse("2025-06-01T04:00:00Z"));
    }

    void later(Duration d) {
        MovableClock movable = (MovableClock) clock;
        movable.set(movable.instant().plus(d));
    }

    @BeforeEach
    void figuresAndTargets() {
        when(tongyiClient.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(
                tongyi(100, 10, 100, 40, 20, 1_000_000, "5.00")));
        when(tongyiClient.usageByBusinessUnit(anyString())).thenReturn(CompletableFuture.completedFuture(
                tokens("quark", 700L)));
        when(quarkClient.kpis(anyString())).thenAnswer(call -> {
            String period = call.getArgument(0);
            if (period == null || period.isBlank()) {
                return null;
            }
            if (quarkDown) {
                return CompletableFuture.failedFuture(new ConnectException("refused"));
            }
            boolean watched = period.equals(WATCHED) || period.equals("2025-Q1");
            return CompletableFuture.completedFuture(quark(group(null, 4, 200, 600, "0.400000", 80, 10, "0.050000"),
                    group("quark", 2, watched ? sessions : 100, watched ? turns : 300,
                            watched ? resolution : "0.500000", 50, 5, "0.050000")));
        });
        when(quarkClient.completeness(anyString())).thenAnswer(call -> {
            String period = call.getArgument(0);
            if (period == null || period.isBlank()) {
                return null;
            }
            return quarkDown ? CompletableFuture.failedFuture(new ConnectException("refused"))
                    : Figures.finalAnswer(period);
        });
        when(billingClient.attribution(anyString())).thenReturn(CompletableFuture.completedFuture(
                billing("280154000000.00", "31742000000.00", "0.113302", "10.00", "8.00", "2.00", "5.00", "5.00", 2,
                        List.of(new BusinessUnitSpend("quark", new BigDecimal("12.34"))))));
        targets.put(2025, "quark", "toc-ai-sessions", new TargetRequest(new BigDecimal("80"), Direction.AT_LEAST,
                BigDecimal.ONE, TargetPeriod.QUARTER, new QualityFloor("assistant-resolution-rate",
                new BigDecimal("0.4"), null), "synthetic: notice test"), "exec");
    }

    List<Recorded> statusNotices() {
        return outbox.notices(NoticeTypes.STATUS_CHANGED).stream()
                .filter(n -> "quark".equals(n.scope()) && WATCHED.equals(n.period())).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStatusChangeIsToldOnceAcrossEvaluationsAndFirstSightOnlyRecords() {
        evaluation.evaluate();
        assertThat(outbox.notices()).as("first sight").isEmpty();

        sessions = 50;
        later(Duration.ofMinutes(5));
        evaluation.evaluate();
        later(Duration.ofMinutes(5));
        evaluation.evaluate();
        evaluation.evaluate();

        assertThat(statusNotices()).singleElement().satisfies(n -> {
            assertThat(n.kpiId()).isEqualTo("toc-ai-sessions");
            assertThat((Map<String, Object>) n.data().get("before")).containsEntry("value", "MET")
                    .containsEntry("figure", "100");
            assertThat((Map<String, Object>) n.data().get("after")).containsEntry("value", "OFF_TRACK")
                    .containsEntry("figure", "50");
            assertThat(n.data()).containsEntry("link", "/dashboard/index.html?period=2025-Q1")
                    .containsKey("reason");
        });
    }

    @Test
    void aFloorBrokenAndRestoredAreEachToldOnceAndAVanityAlertOnce() {
        evaluation.evaluate();
        turns = 900;
        resolution = "0.300000";
        later(Duration.ofMinutes(5));
        evaluation.evaluate();
        evaluation.evaluate();

        assertThat(outbox.notices(NoticeTypes.FLOOR_BROKEN)).singleElement().satisfies(n -> {
            assertThat(n.scope()).isEqualTo("quark");
            assertThat(n.period()).isEqualTo(WATCHED);
            assertThat(n.data()).containsEntry("floorKpiId", "assistant-resolution-rate")
                    .containsEntry("counted", false);
        });
        assertThat(outbox.notices(NoticeTypes.VANITY_FIRED).stream()
                .filter(n -> WATCHED.equals(n.period()) && n.scope().equals("quark")).toList())
                .singleElement().satisfies(n -> assertThat(n.data()).containsKeys("volume", "quality", "message"));

        // Restored within the damping interval: recorded, not told; still restored after it: told once.
        resolution = "0.500000";
        turns = 300;
        later(Duration.ofMinutes(10));
        evaluation.evaluate();
        assertThat(outbox.notices(NoticeTypes.FLOOR_RESTORED)).isEmpty();
        later(Duration.ofHours(1));
        evaluation.evaluate();
        evaluation.evaluate();
        assertThat(outbox.notices(NoticeTypes.FLOOR_RESTORED)).singleElement()
                .satisfies(n -> assertThat(n.kpiId()).isEqualTo("toc-ai-sessions"));
        assertThat(outbox.notices(NoticeTypes.FLOOR_BROKEN)).hasSize(1);
    }

    @Test
    void aSourceDownMakesItsKpisUnknownWhichSayNothingAndIsStaleOnlyAfterTheThreshold() {
        sessions = 50;
        evaluation.evaluate();
        quarkDown = true;
        later(Duration.ofMinutes(5));
        evaluation.evaluate();
        later(Duration.ofMinutes(14));
        evaluation.evaluate();
        // (FY2026-Q1's AI sessions rose on FY2025-Q4's 50: that vanity alert fired on the first round.)
        assertThat(outbox.notices()).as("UNKNOWN and a short outage say nothing")
                .allSatisfy(n -> assertThat(n.type()).isEqualTo(NoticeTypes.VANITY_FIRED));

        later(Duration.ofMinutes(2));
        evaluation.evaluate();
        evaluation.evaluate();
        assertThat(outbox.notices(NoticeTypes.SOURCE_STALE)).singleElement().satisfies(n -> {
            assertThat(n.data()).containsEntry("source", "quark-service").containsEntry("status", "UNAVAILABLE");
            assertThat(n.period()).isNull();
        });

        // Back with the same figures: the status was never told otherwise, so nothing; recovered told once.
        quarkDown = false;
        later(Duration.ofHours(1));
        evaluation.evaluate();
        evaluation.evaluate();
        assertThat(outbox.notices(NoticeTypes.SOURCE_RECOVERED)).singleElement()
                .satisfies(n -> assertThat(n.data()).containsEntry("source", "quark-service"));
        assertThat(outbox.notices(NoticeTypes.STATUS_CHANGED)).isEmpty();
        assertThat(outbox.notices(NoticeTypes.SOURCE_STALE)).hasSize(1);
    }

    @Test
    void aDayExpectedCompleteThatIsNotIsToldOnceAndItsCompletionOnce() {
        // On 2025-06-01 12:00 in Shanghai, with 48 h of lateness, 2025-05-29 is expected complete.
        when(quarkClient.completeness(anyString())).thenAnswer(call -> {
            String period = call.getArgument(0);
            if (period == null || period.isBlank()) {
                return null;
            }
            return period.equals("FY2026-Q1") ? Figures.notFinal(period, "2025-05-20") : Figures.finalAnswer(period);
        });
        evaluation.evaluate();
        evaluation.evaluate();
        assertThat(outbox.notices(NoticeTypes.SOURCE_STALE)).singleElement().satisfies(n -> {
            assertThat(n.period()).isEqualTo("FY2026-Q1");
            assertThat(n.data()).containsEntry("rule", "LATE_DAY").containsEntry("source", "quark-service")
                    .containsEntry("expectedThrough", "2025-05-29").containsEntry("dataThrough", "2025-05-20")
                    .containsEntry("link", "/dashboard/index.html?period=2025-Q2");
        });

        when(quarkClient.completeness(anyString())).thenAnswer(call -> {
            String period = call.getArgument(0);
            if (period == null || period.isBlank()) {
                return null;
            }
            return period.equals("FY2026-Q1") ? Figures.notFinal(period, "2025-05-29") : Figures.finalAnswer(period);
        });
        later(Duration.ofHours(1));
        evaluation.evaluate();
        evaluation.evaluate();
        assertThat(outbox.notices(NoticeTypes.SOURCE_RECOVERED)).singleElement()
                .satisfies(n -> assertThat(n.data()).containsEntry("rule", "LATE_DAY"));
    }

    @Test
    void evaluationsAtTheSameMomentTellEachChangeOnce() throws Exception {
        evaluation.evaluate();
        sessions = 50;
        turns = 900;
        resolution = "0.300000";
        later(Duration.ofMinutes(5));

        // Two replicas' scheduled rounds (ShedLock lets one run) and two unguarded rounds, all at once.
        ExecutorService replicas = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> rounds = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                boolean scheduled = i % 2 == 0;
                rounds.add(replicas.submit(() -> {
                    start.await();
                    if (scheduled) {
                        schedule.evaluate();
                    } else {
                        evaluation.evaluate();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : rounds) {
                f.get();
            }
        } finally {
            replicas.shutdownNow();
        }
        schedule.evaluate();

        assertThat(statusNotices()).hasSize(1);
        assertThat(outbox.notices(NoticeTypes.FLOOR_BROKEN)).hasSize(1);
        assertThat(outbox.notices().stream().map(Recorded::id).distinct().count())
                .isEqualTo(outbox.notices().size());
    }
}
