package aikpi.gateway.notify.rules;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import aikpi.gateway.Figures;
import aikpi.gateway.SourceDoubles;
import aikpi.gateway.notify.NoticeTypes;
import aikpi.gateway.notify.RecordingOutbox;
import aikpi.gateway.sources.billing.Attribution.BusinessUnitSpend;
import aikpi.gateway.targets.Target.Direction;
import aikpi.gateway.targets.Target.QualityFloor;
import aikpi.gateway.targets.Target.TargetPeriod;
import aikpi.gateway.targets.TargetRequest;
import aikpi.gateway.targets.TargetService;
import aikpi.testing.MovableClock;
import aikpi.vocabulary.Period;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code GATEWAY_NOTIFY_PERIODS}: a quarter long past (FY2025-Q2, on 2025-06-01 while FY2026-Q1 runs) is watched as
 * the running and the last finished one are, so its floor breaking is told; an unwatched one is not looked at.
 */
@MicronautTest(transactional = false, rebuildContext = true)
@Property(name = "gateway.cache.ttl", value = "0s")
@Property(name = "gateway.cache.max-stale", value = "0s")
@Property(name = "gateway.notify.enabled", value = "true")
@Property(name = "gateway.notify.initial-delay", value = "1h")
@Property(name = "gateway.notify.periods", value = "2024-Q3")
@Property(name = RecordingOutbox.PROPERTY, value = "true")
class WatchedPeriodsTest extends SourceDoubles {

    @Inject
    NoticeEvaluation evaluation;

    @Inject
    RecordingOutbox outbox;

    @Inject
    TargetService targets;

    volatile String resolution = "0.500000";

    @MockBean(Clock.class)
    Clock reviewDay() {
        return new MovableClock(Instant.parse("2025-06-01T04:00:00Z"));
    }

    @Test
    void aWatchedPastQuarterIsEvaluatedAndItsFloorBreakTold() {
        when(tongyiClient.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(
                tongyi(100, 10, 100, 40, 20, 1_000_000, "5.00")));
        when(tongyiClient.usageByBusinessUnit(anyString())).thenReturn(CompletableFuture.completedFuture(
                tokens("quark", 700L)));
        when(quarkClient.kpis(anyString())).thenAnswer(call -> {
            String period = call.getArgument(0);
            if (period == null || period.isBlank()) {
                return null;
            }
            boolean watched = period.equals("FY2025-Q2") || period.equals("2024-Q3");
            return CompletableFuture.completedFuture(quark(group(null, 4, 200, 600, "0.400000", 80, 10, "0.050000"),
                    group("quark", 2, 100, 300, watched ? resolution : "0.500000", 50, 5, "0.050000")));
        });
        when(quarkClient.completeness(anyString())).thenAnswer(call -> {
            String period = call.getArgument(0);
            return period == null || period.isBlank() ? null : Figures.finalAnswer(period);
        });
        when(billingClient.attribution(anyString())).thenReturn(CompletableFuture.completedFuture(
                billing("280154000000.00", "31742000000.00", "0.113302", "10.00", "8.00", "2.00", "5.00", "5.00", 2,
                        List.of(new BusinessUnitSpend("quark", new BigDecimal("12.34"))))));
        targets.put(2025, "quark", "toc-ai-sessions", new TargetRequest(new BigDecimal("80"), Direction.AT_LEAST,
                BigDecimal.ONE, TargetPeriod.QUARTER, new QualityFloor("assistant-resolution-rate",
                new BigDecimal("0.4"), null), "synthetic: notice test"), "exec");

        Set<String> periods = evaluation.observe().stream().map(Observation::period).collect(Collectors.toSet());
        // Watched: the running quarter, the last finished one and the named one; not the quarter between them.
        assertThat(periods).contains("FY2026-Q1", "FY2025-Q4", "FY2025-Q2").doesNotContain("FY2025-Q3");

        evaluation.evaluate();
        assertThat(outbox.notices()).as("first sight").isEmpty();
        resolution = "0.300000";
        evaluation.evaluate();
        assertThat(outbox.notices(NoticeTypes.FLOOR_BROKEN)).singleElement().satisfies(n -> {
            assertThat(n.scope()).isEqualTo("quark");
            assertThat(n.period()).isEqualTo("FY2025-Q2");
            assertThat(n.kpiId()).isEqualTo("toc-ai-sessions");
        });
    }

    @Test
    void onlyQuartersMayBeWatched() {
        assertThat(NoticeEvaluation.watched(" FY2026-Q2, 2025-Q3 ,"))
                .containsExactly(Period.parse("FY2026-Q2"), Period.parse("FY2026-Q2"));
        assertThat(NoticeEvaluation.watched("")).isEmpty();
        assertThatThrownBy(() -> NoticeEvaluation.watched("2025-07")).hasMessageContaining("names quarters");
    }
}
