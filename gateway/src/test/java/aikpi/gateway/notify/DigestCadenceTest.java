package aikpi.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.gateway.notify.digests.DigestCadence;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The digest slots, worked by hand in Asia/Shanghai (UTC+8): 09:00 there is 01:00 UTC. */
class DigestCadenceTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalTime NINE = LocalTime.of(9, 0);

    static String slot(DigestCadence c, String now) {
        return c.latestSlot(Instant.parse(now), SHANGHAI, NINE).toInstant().toString();
    }

    @Test
    void aDailySlotIsTodaysNineOClockOnceItHasPassedElseYesterdays() {
        // 2025-06-03 08:59 in Shanghai: today's 09:00 has not come, so yesterday's.
        assertThat(slot(DigestCadence.DAILY, "2025-06-03T00:59:00Z")).isEqualTo("2025-06-02T01:00:00Z");
        assertThat(slot(DigestCadence.DAILY, "2025-06-03T01:00:00Z")).isEqualTo("2025-06-03T01:00:00Z");
        // 2025-06-03 23:30 UTC is already 2025-06-04 07:30 in Shanghai: the 3rd's slot still.
        assertThat(slot(DigestCadence.DAILY, "2025-06-03T23:30:00Z")).isEqualTo("2025-06-03T01:00:00Z");
    }

    @Test
    void aWeeklySlotIsTheLastMondaysNineOClock() {
        // Monday 2025-06-02 08:00 in Shanghai: the Monday before, 2025-05-26.
        assertThat(slot(DigestCadence.WEEKLY, "2025-06-02T00:00:00Z")).isEqualTo("2025-05-26T01:00:00Z");
        assertThat(slot(DigestCadence.WEEKLY, "2025-06-02T01:00:00Z")).isEqualTo("2025-06-02T01:00:00Z");
        // Sunday 2025-06-08 23:00 in Shanghai.
        assertThat(slot(DigestCadence.WEEKLY, "2025-06-08T15:00:00Z")).isEqualTo("2025-06-02T01:00:00Z");
        // Sunday 2025-06-08 17:00 UTC is Monday 01:00 in Shanghai: not yet nine.
        assertThat(slot(DigestCadence.WEEKLY, "2025-06-08T17:00:00Z")).isEqualTo("2025-06-02T01:00:00Z");
    }

    @Test
    void aSubscriptionNamesItsCadence() {
        assertThat(DigestCadence.of("weekly")).contains(DigestCadence.WEEKLY);
        assertThat(DigestCadence.of("none")).isEmpty();
    }
}
