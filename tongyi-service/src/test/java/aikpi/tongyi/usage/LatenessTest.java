package aikpi.tongyi.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a day is complete and which events are late, worked by hand in Shanghai (UTC+8) with 48 h of lateness. */
class LatenessTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    final Lateness lateness = new Lateness(Duration.ofHours(48));

    static UsageEvent event(String occurred, String received) {
        return new UsageEvent("e", "acme", "qwen-max", Instant.parse(occurred), 1, 1,
                received == null ? null : Instant.parse(received));
    }

    @Test
    void aDayIsCompleteItsLatenessAfterItEndsInTheReportingZone() {
        // 3 May ends at 4 May 00:00 in Shanghai, 3 May 16:00 UTC; 48 h later is 5 May 16:00 UTC.
        assertThat(lateness.completeAt(LocalDate.parse("2025-05-03"), SHANGHAI)).isEqualTo("2025-05-05T16:00:00Z");
        assertThat(lateness.lastCompleteDay(Instant.parse("2025-05-05T16:00:00Z"), SHANGHAI)).isEqualTo("2025-05-03");
        assertThat(lateness.lastCompleteDay(Instant.parse("2025-05-05T15:59:59Z"), SHANGHAI)).isEqualTo("2025-05-02");
    }

    @Test
    void anEventReceivedOnceItsDayWasCompleteIsLateAndAnUnknownReceiptNeverIs() {
        // 3 May 23:30 in Shanghai.
        assertThat(lateness.isLate(event("2025-05-03T15:30:00Z", "2025-05-05T15:59:59Z"), SHANGHAI)).isFalse();
        assertThat(lateness.isLate(event("2025-05-03T15:30:00Z", "2025-05-05T16:00:00Z"), SHANGHAI)).isTrue();
        assertThat(lateness.isLate(event("2025-05-03T15:30:00Z", null), SHANGHAI)).isFalse();
    }

    @Test
    void lateEventsAreCountedByDayOfUseAndDayReceivedInKeyOrder() {
        List<Lateness.LateUsage> rows = lateness.rollUp(List.of(
                event("2025-05-03T04:00:00Z", "2025-05-09T04:00:00Z"),
                event("2025-05-01T04:00:00Z", "2025-05-09T17:00:00Z"), // 10 May 01:00 in Shanghai
                event("2025-05-03T05:00:00Z", "2025-05-09T05:00:00Z"),
                event("2025-05-08T04:00:00Z", "2025-05-09T05:00:00Z")), SHANGHAI); // on time
        assertThat(rows).containsExactly(
                new Lateness.LateUsage(LocalDate.parse("2025-05-01"), LocalDate.parse("2025-05-10"), 1),
                new Lateness.LateUsage(LocalDate.parse("2025-05-03"), LocalDate.parse("2025-05-09"), 2));
    }

    @Test
    void lateArrivalsAreKeptByDayOfUseAndInstantReceivedToTheMicrosecond() {
        List<Lateness.LateArrival> rows = lateness.arrivals(List.of(
                event("2025-05-03T04:00:00Z", "2025-05-09T04:00:00.000000001Z"),
                event("2025-05-03T05:00:00Z", "2025-05-09T04:00:00.000001Z"),
                event("2025-05-01T04:00:00Z", "2025-05-09T04:00:00Z"),
                event("2025-05-08T04:00:00Z", "2025-05-09T04:00:00Z")), SHANGHAI); // on time
        assertThat(rows).containsExactly(
                new Lateness.LateArrival(LocalDate.parse("2025-05-01"), Instant.parse("2025-05-09T04:00:00Z"), 1),
                new Lateness.LateArrival(LocalDate.parse("2025-05-03"), Instant.parse("2025-05-09T04:00:00.000001Z"), 2));
        // A receipt a nanosecond after a data version (kept to the microsecond, rounded down) stays after it.
        assertThat(event("2025-05-03T04:00:00Z", "2025-05-09T04:00:00.123456001Z").receivedAt())
                .isEqualTo("2025-05-09T04:00:00.123457Z");
        assertThat(event("2025-05-03T04:00:00Z", "2025-05-09T04:00:00.123456Z").receivedAt())
                .isEqualTo("2025-05-09T04:00:00.123456Z");
    }
}
