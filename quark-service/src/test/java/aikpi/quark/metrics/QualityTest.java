package aikpi.quark.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.quark.sessions.AiSession;
import aikpi.quark.sessions.Outcome;
import aikpi.quark.sessions.SessionTotals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Volume and quality of AI sessions, worked out by hand. */
class QualityTest {

    private static AiSession s(int turns, int agentCalls, Outcome outcome, Integer rating, boolean converted, String value) {
        return new AiSession("s", "quark", "ai-camera", "ann", Instant.parse("2025-01-05T02:00:00Z"), turns, agentCalls,
                outcome, rating, converted, value == null ? null : new BigDecimal(value));
    }

    private static SessionTotals totals(List<AiSession> sessions) {
        return sessions.stream().map(SessionTotals::of).reduce(SessionTotals.NONE, SessionTotals::plus);
    }

    @Test
    void unknownOutcomesAndUnratedSessionsAreLeftOutOfTheirRatios() {
        SessionTotals t = totals(List.of(
                s(4, 1, Outcome.RESOLVED, 5, true, "88.80"),
                s(6, 0, Outcome.ABANDONED, null, false, null),
                s(3, 2, Outcome.UNKNOWN, 2, false, null),
                s(2, 0, Outcome.UNKNOWN, null, true, null),
                s(5, 7, Outcome.ESCALATED, 1, false, null),
                s(1, 0, Outcome.RESOLVED, null, true, "11.20")));
        Volume v = Volume.of(t);
        assertThat(v).isEqualTo(new Volume(6, 21, 10));
        Quality q = Quality.of(t);
        // Known outcomes: 2 resolved, 1 abandoned, 1 escalated; the two UNKNOWN are not in the denominator.
        assertThat(q.resolvedSessions()).isEqualTo(2);
        assertThat(q.knownOutcomeSessions()).isEqualTo(4);
        assertThat(q.resolutionRate()).isEqualByComparingTo("0.5");
        // All 21 turns, including those of unresolved and unknown sessions, per resolved session.
        assertThat(q.turnsPerResolved()).isEqualByComparingTo("10.5");
        // Rated: 5, 2, 1; three sessions unrated.
        assertThat(q.ratedSessions()).isEqualTo(3);
        assertThat(q.avgRating()).isEqualByComparingTo("2.666667");
        assertThat(q.conversions()).isEqualTo(3);
        assertThat(q.conversionRate()).isEqualByComparingTo("0.5");
        assertThat(q.conversionValueCny()).isEqualTo(new BigDecimal("100.00"));
        assertThat(q.avgRating().scale()).isEqualTo(6);
    }

    @Test
    void withoutSessionsEveryRatioIsUndefinedNotZeroOrNaN() {
        Quality q = Quality.of(SessionTotals.NONE);
        assertThat(q.resolutionRate()).isNull();
        assertThat(q.turnsPerResolved()).isNull();
        assertThat(q.avgRating()).isNull();
        assertThat(q.conversionRate()).isNull();
        assertThat(q.conversionValueCny()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void sessionsWithOnlyUnknownOutcomesHaveNoResolutionRate() {
        Quality q = Quality.of(totals(List.of(s(3, 0, Outcome.UNKNOWN, null, false, null))));
        assertThat(q.resolutionRate()).isNull();
        assertThat(q.turnsPerResolved()).isNull();
        assertThat(q.avgRating()).isNull();
        assertThat(q.conversionRate()).isEqualByComparingTo("0");
    }
}
