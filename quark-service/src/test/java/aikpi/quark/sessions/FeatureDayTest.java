package aikpi.quark.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureDayTest {

    private static AiSession s(String feature, String at, int turns, Outcome outcome, Integer rating, String value) {
        return new AiSession("id", "quark", feature, "ann", Instant.parse(at), turns, 1, outcome, rating,
                value != null, value == null ? null : new BigDecimal(value));
    }

    @Test
    void sessionsEitherSideOfShanghaiMidnightFallOnDifferentDays() {
        List<FeatureDay> rows = FeatureDay.rollUp(List.of(
                s("ai-camera", "2025-03-31T15:59:59Z", 2, Outcome.RESOLVED, 4, "9.90"),   // Mar 31, 23:59:59
                s("ai-camera", "2025-03-31T16:00:00Z", 3, Outcome.UNKNOWN, null, null),    // Apr 1, 00:00
                s("ai-camera", "2025-04-01T10:00:00Z", 5, Outcome.ABANDONED, 2, "0.10"),
                s("super-box", "2025-04-01T10:00:00Z", 1, Outcome.RESOLVED, null, null)), ZoneId.of("Asia/Shanghai"));
        assertThat(rows).extracting(r -> r.featureId() + "@" + r.day())
                .containsExactly("ai-camera@2025-03-31", "ai-camera@2025-04-01", "super-box@2025-04-01");
        SessionTotals april = rows.get(1).totals();
        assertThat(april.sessions()).isEqualTo(2);
        assertThat(april.turns()).isEqualTo(8);
        assertThat(april.agentCalls()).isEqualTo(2);
        assertThat(april.resolved()).isZero();
        assertThat(april.knownOutcome()).isEqualTo(1);
        assertThat(april.rated()).isEqualTo(1);
        assertThat(april.ratingSum()).isEqualTo(2);
        assertThat(april.conversions()).isEqualTo(1);
        assertThat(april.conversionValueCny()).isEqualTo(new BigDecimal("0.10"));
        assertThat(rows.get(0).day()).isEqualTo(LocalDate.of(2025, 3, 31));
        assertThat(rows.get(0).totals().conversionValueCny()).isEqualTo(new BigDecimal("9.90"));
    }
}
