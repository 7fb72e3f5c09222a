package aikpi.gateway.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.gateway.conversion.TrendPoint;
import aikpi.vocabulary.Period;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutiveViewsWarmUpTest {

    private static TrendPoint point(String fiscal, Long tokens, Long aiSessions, BigDecimal aiRevenue) {
        return new TrendPoint(Period.parse(fiscal).asCalendarQuarter().label(), fiscal, false, null, null, null, null,
                aiRevenue, null, null, null, tokens, null, aiSessions, null, Map.of());
    }

    @Test
    void theLatestQuarterWithTokensSessionsOrRevenueIsWarmedBesideTheRunningOne() {
        List<TrendPoint> trend = List.of(
                point("FY2026-Q1", 10L, 5L, BigDecimal.TEN),
                point("FY2026-Q2", null, 3L, null),
                point("FY2026-Q3", 0L, 0L, BigDecimal.ZERO),
                point("FY2026-Q4", null, null, null));
        assertThat(ExecutiveViewsWarmUp.latestWithFigures(trend)).contains(Period.parse("FY2026-Q2"));
    }

    @Test
    void aQuarterWithRevenueAloneCounts() {
        List<TrendPoint> trend = List.of(point("FY2026-Q1", 10L, null, null),
                point("FY2026-Q2", null, null, new BigDecimal("-1.00")));
        assertThat(ExecutiveViewsWarmUp.latestWithFigures(trend)).contains(Period.parse("FY2026-Q2"));
    }

    @Test
    void noFiguresNoQuarter() {
        assertThat(ExecutiveViewsWarmUp.latestWithFigures(List.of(point("FY2026-Q1", 0L, null, null)))).isEmpty();
    }
}
