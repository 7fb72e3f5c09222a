package aikpi.gateway.conversion;

import aikpi.gateway.Figures;
import aikpi.gateway.sources.SourceFanOut;
import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import aikpi.gateway.sources.SourceCalls;
import aikpi.gateway.sources.SourceFetcher;
import aikpi.gateway.sources.SourceStatus;
import aikpi.gateway.sources.SourcesUnavailableException;
import aikpi.gateway.sources.billing.BillingOperations;
import aikpi.gateway.sources.quark.QuarkOperations;
import aikpi.gateway.sources.tongyi.TongyiOperations;
import aikpi.vocabulary.Period;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fan-out with the clients replaced by test doubles: sources that fail, hang or recover. */
class FanOutTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final TongyiOperations tongyi = mock(TongyiOperations.class);
    private final QuarkOperations quark = mock(QuarkOperations.class);
    private final BillingOperations billing = mock(BillingOperations.class);
    private MutableClock clock;
    private AiConversionService service;

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2025-06-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock();
        when(tongyi.completeness(anyString())).thenAnswer(Figures.EVERY_PERIOD_FINAL);
        when(tongyi.unitCosts(anyString())).thenAnswer(Figures.NO_UNIT_COSTS);
        when(quark.completeness(anyString())).thenAnswer(Figures.EVERY_PERIOD_FINAL);
        when(billing.completeness(anyString())).thenAnswer(Figures.EVERY_PERIOD_FINAL);
        when(billing.maasRevenueByModel(anyString())).thenAnswer(Figures.NO_MODEL_REVENUE);
        SourceCalls calls = new SourceCalls(32, 256, Duration.ofSeconds(1), Duration.ofSeconds(2));
        SourceFetcher fetcher = new SourceFetcher(TIMEOUT, Duration.ofSeconds(15), Duration.ofHours(1), clock, calls);
        service = new AiConversionService(new SourceFanOut(tongyi, quark, billing, fetcher), calls, 16);
    }

    private void allHealthy() {
        when(tongyi.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(
                tongyi(100, 10, 100, 40, 20, 1_000_000, "5.00")));
        when(quark.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(
                quark(group(null, 2, 100, 300, "0.500000", 50, 5, "0.050000"))));
        when(billing.attribution(anyString())).thenReturn(CompletableFuture.completedFuture(
                billing("1000.00", "110.00", "0.110000", "10.00", "8.00", "2.00", "5.00", "5.00", 2, List.of())));
    }

    private static <T> CompletableFuture<T> refused() {
        return CompletableFuture.failedFuture(new ConnectException("Connection refused"));
    }

    private static <T> CompletableFuture<T> hanging() {
        return new CompletableFuture<>();
    }

    private AiConversionView view(String period) {
        return service.view(Period.parse(period)).join();
    }

    @Test
    void identicalViewsAskedAtOnceAreOneComputation() {
        CompletableFuture<Void> answer = new CompletableFuture<>();
        when(tongyi.kpis(anyString())).thenAnswer(i -> answer.thenApply(x -> tongyi(100, 10, 100, 40, 20, 1_000_000, "5.00")));
        when(quark.kpis(anyString())).thenAnswer(i -> answer.thenApply(x ->
                quark(group(null, 2, 100, 300, "0.500000", 50, 5, "0.050000"))));
        when(billing.attribution(anyString())).thenAnswer(i -> answer.thenApply(x ->
                billing("1000.00", "110.00", "0.110000", "10.00", "8.00", "2.00", "5.00", "5.00", 2, List.of())));
        CompletableFuture<AiConversionView> first = service.view(Period.parse("2025-Q1"));
        CompletableFuture<AiConversionView> second = service.view(Period.parse("2025-Q1"));
        answer.complete(null);
        assertThat(first.join()).isSameAs(second.join());
        verify(tongyi, times(1)).kpis("2025-Q1");
    }

    @Test
    void allThreeAnsweringGiveACompleteView() {
        allHealthy();
        AiConversionView v = view("2025-Q1");
        assertThat(v.complete()).isTrue();
        assertThat(v.sources().values()).allSatisfy(s -> assertThat(s.status()).isEqualTo(SourceStatus.OK));
        assertThat(v.cloud().share()).isEqualByComparingTo("0.11");
        assertThat(v.toC().funnel().aiSessions()).isEqualTo(100);
        assertThat(v.toB().funnel().tokens()).isEqualTo(1_000_000);
    }

    @Test
    void oneSourceDownLeavesItsFiguresNullAndMarksIt() {
        allHealthy();
        when(billing.attribution(anyString())).thenReturn(refused());
        AiConversionView v = view("2025-Q1");
        assertThat(v.complete()).isFalse();
        assertThat(v.sources().get("cloud-billing-service").status()).isEqualTo(SourceStatus.UNAVAILABLE);
        assertThat(v.sources().get("cloud-billing-service").detail()).contains("unreachable");
        assertThat(v.cloud().share()).isNull();
        assertThat(v.ai().marginCny()).isNull();
        assertThat(v.toC().funnel().aiSessions()).isEqualTo(100);
    }

    @Test
    void oneSlowSourceIsCutOffAtTheTimeoutAndTheViewStillAnswers() {
        allHealthy();
        when(quark.kpis(anyString())).thenReturn(hanging());
        long start = System.nanoTime();
        AiConversionView v = view("2025-Q1");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(v.sources().get("quark-service").status()).isEqualTo(SourceStatus.TIMEOUT);
        assertThat(v.toC().funnel().aiSessions()).isNull();
        assertThat(v.cloud().share()).isNotNull();
        // Calls run in parallel: a hung source costs one timeout, not one per call.
        assertThat(elapsedMs).isLessThan(TIMEOUT.toMillis() * 4);
    }

    @Test
    void twoSourcesFailingStillAnswerWithTheThird() {
        allHealthy();
        when(tongyi.kpis(anyString())).thenReturn(hanging());
        when(billing.attribution(anyString())).thenReturn(refused());
        AiConversionView v = view("2025-Q1");
        assertThat(v.complete()).isFalse();
        assertThat(v.sources().get("tongyi-service").status()).isEqualTo(SourceStatus.TIMEOUT);
        assertThat(v.sources().get("cloud-billing-service").status()).isEqualTo(SourceStatus.UNAVAILABLE);
        assertThat(v.toC().resolutionRate()).isEqualByComparingTo("0.5");
    }

    @Test
    void allThreeFailingIsAnError() {
        when(tongyi.kpis(anyString())).thenReturn(refused());
        when(quark.kpis(anyString())).thenReturn(hanging());
        when(billing.attribution(anyString())).thenReturn(refused());
        assertThatThrownBy(() -> view("2025-Q1")).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(SourcesUnavailableException.class);
    }

    @Test
    void aFailingSourceIsServedFromItsLastAnswerMarkedStale() {
        allHealthy();
        AiConversionView fresh = view("2025-Q1");
        clock.now = clock.now.plus(Duration.ofMinutes(5));   // past the 15 s cache, within the hour of max-stale
        when(quark.kpis(anyString())).thenReturn(refused());
        AiConversionView v = view("2025-Q1");
        assertThat(v.sources().get("quark-service").status()).isEqualTo(SourceStatus.STALE);
        assertThat(v.sources().get("quark-service").asOf()).isEqualTo(fresh.sources().get("quark-service").asOf());
        assertThat(v.stale()).isTrue();
        assertThat(v.toC().funnel().aiSessions()).isEqualTo(100);
    }

    @Test
    void aRecentAnswerIsReusedWithoutCallingAgain() {
        allHealthy();
        view("2025-Q1");
        when(tongyi.kpis(anyString())).thenReturn(refused());   // would fail if called
        AiConversionView v = view("2025-Q1");
        assertThat(v.sources().get("tongyi-service").status()).isEqualTo(SourceStatus.OK);
    }

    @Test
    void monthsAreAnsweredWithoutTheQuarterlyLedger() {
        allHealthy();
        AiConversionView v = view("2025-02");
        assertThat(v.sources().get("cloud-billing-service").status()).isEqualTo(SourceStatus.NOT_APPLICABLE);
        assertThat(v.complete()).isTrue();
        assertThat(v.cloud().share()).isNull();
    }

    @Test
    void theTrendAsksEveryQuarterAndAcceptsFiscalNames() {
        allHealthy();
        var points = service.trend(Period.parse("FY2025-Q1"), Period.parse("2024-Q4")).join();
        assertThat(points).extracting(TrendPoint::period).containsExactly("2024-Q2", "2024-Q3", "2024-Q4");
        assertThat(points).extracting(TrendPoint::fiscalPeriod).containsExactly("FY2025-Q1", "FY2025-Q2", "FY2025-Q3");
        assertThat(points.get(0).cloudShare()).isEqualByComparingTo("0.11");
    }
}
