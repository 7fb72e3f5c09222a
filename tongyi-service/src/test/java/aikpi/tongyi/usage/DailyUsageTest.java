package aikpi.tongyi.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DailyUsageTest {

    private static UsageEvent event(String id, String customer, String at, long in, long out) {
        return new UsageEvent(id, customer, "qwen-max", Instant.parse(at), in, out, null);
    }

    @Test
    void eventsEitherSideOfShanghaiMidnightFallOnDifferentDays() {
        List<UsageEvent> events = List.of(
                event("a", "acme", "2025-03-31T15:59:59Z", 10, 1), // 23:59:59 on 31 March in Shanghai
                event("b", "acme", "2025-03-31T16:00:00Z", 20, 2), // 00:00 on 1 April in Shanghai
                event("c", "acme", "2025-03-31T23:00:00Z", 30, 3));
        List<DailyUsage> rows = DailyUsage.rollUp(events, ZoneId.of("Asia/Shanghai"));
        assertThat(rows).containsExactly(
                new DailyUsage(LocalDate.of(2025, 3, 31), "acme", "qwen-max", 1, 10, 1),
                new DailyUsage(LocalDate.of(2025, 4, 1), "acme", "qwen-max", 2, 50, 5));
    }

    @Test
    void theSameEventsCutInUtcAllFallOnOneDay() {
        List<UsageEvent> events = List.of(
                event("a", "acme", "2025-03-31T15:59:59Z", 10, 1),
                event("b", "acme", "2025-03-31T16:00:00Z", 20, 2));
        assertThat(DailyUsage.rollUp(events, ZoneOffset.UTC))
                .containsExactly(new DailyUsage(LocalDate.of(2025, 3, 31), "acme", "qwen-max", 2, 30, 3));
    }

    @Test
    void rowsComeInKeyOrderSoWritersLockInTheSameOrder() {
        List<UsageEvent> events = List.of(
                event("a", "zeta", "2025-01-02T01:00:00Z", 1, 1),
                event("b", "acme", "2025-01-02T01:00:00Z", 1, 1),
                event("c", "zeta", "2025-01-01T01:00:00Z", 1, 1));
        assertThat(DailyUsage.rollUp(events, ZoneOffset.UTC)).extracting(r -> r.day() + "/" + r.customerId())
                .containsExactly("2025-01-01/zeta", "2025-01-02/acme", "2025-01-02/zeta");
    }
}
