package aikpi.quark.days;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import aikpi.quark.days.DayRejectedException.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.theta.UpdateSketch;
import org.junit.jupiter.api.Test;

/** The rules of a day of daily aggregates, in plain Java. */
class DayRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 6, 30);
    private static final LocalDate DAY = LocalDate.of(2025, 6, 1);

    private static String hll(int lgK, TgtHllType type, String... users) {
        HllSketch s = new HllSketch(lgK, type);
        for (String u : users) {
            s.update(u);
        }
        return Base64.getEncoder().encodeToString(s.toCompactByteArray());
    }

    private static String hll(String... users) {
        return hll(12, TgtHllType.HLL_8, users);
    }

    private static String theta(long seed, boolean compact, String... users) {
        UpdateSketch s = UpdateSketch.builder().setSeed(seed).build();
        for (String u : users) {
            s.update(u);
        }
        return Base64.getEncoder().encodeToString(compact ? s.compact().toByteArray() : s.toByteArray());
    }

    private static DayRequest.Sessions sessions(long sessions, long resolved, long abandoned, long escalated, long unknown) {
        long some = Math.min(1, sessions);
        return new DayRequest.Sessions(sessions, 3 * sessions, sessions, resolved, abandoned, escalated, unknown, some,
                4 * some, some, some == 0 ? BigDecimal.ZERO : new BigDecimal("12.50"));
    }

    private static DayRequest valid() {
        return new DayRequest(2L, 5L, sessions(3, 1, 1, 0, 1), hll("a", "b", "c"), hll("a", "b"), hll("a", "c"),
                theta(9001L, true, "a", "b", "c"));
    }

    private static List<String> fields(DayRequest body, LocalDate day) {
        DayRejectedException e = catchThrowableOfType(DayRejectedException.class,
                () -> DayRules.check("big", day, body, TODAY));
        assertThat(e).as("refused").isNotNull();
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aValidDayIsReadWithItsSketches() {
        AppDay d = DayRules.check("big", DAY, valid(), TODAY);
        assertThat(d.installs()).isEqualTo(2);
        // Sketches of a few users hold them exactly.
        assertThat(Math.round(d.activeUsers().getEstimate())).isEqualTo(3);
        assertThat(Math.round(d.newUsers().getEstimate())).isEqualTo(2);
        assertThat(d.activeUsersTheta().getEstimate()).isEqualTo(3.0);
        // As quark counts its own sessions: the known outcomes are all but the unknown one.
        assertThat(d.sessions().totals().knownOutcome()).isEqualTo(2);
        assertThat(d.sessions().totals().resolved()).isEqualTo(1);
        // Today (a day that has begun) and any lgK up to 21, HLL_4 or HLL_6 too, are taken.
        DayRequest fine = new DayRequest(0L, 1L, sessions(0, 0, 0, 0, 0), hll(21, TgtHllType.HLL_4, "a"),
                hll(4, TgtHllType.HLL_6, "a"), hll(), null);
        assertThat(DayRules.check("big", TODAY, fine, TODAY).activeUsers().getLgConfigK()).isEqualTo(21);
    }

    @Test
    void sketchesThatDoNotDeserialiseOrAreOfAnotherFamilyAreNamed() {
        String theta = theta(9001L, true, "a");
        byte[] lgK22 = Base64.getDecoder().decode(hll(21, TgtHllType.HLL_8, "a"));
        lgK22[3] = 22;
        byte[] truncated = java.util.Arrays.copyOf(Base64.getDecoder().decode(hll(16, TgtHllType.HLL_8,
                java.util.stream.IntStream.range(0, 20_000).mapToObj(i -> "u" + i).toArray(String[]::new))), 200);
        DayRequest body = new DayRequest(2L, 5L, sessions(3, 1, 1, 0, 1),
                "not base64 at all!", theta, Base64.getEncoder().encodeToString(lgK22),
                hll("a"));
        assertThat(fields(body, DAY)).containsExactly("activeUsers", "newUsers", "aiUsers", "activeUsersTheta");
        DayRejectedException e = catchThrowableOfType(DayRejectedException.class, () -> DayRules.check("big", DAY, body, TODAY));
        assertThat(e.errors()).extracting(FieldError::message).satisfiesExactly(
                m -> assertThat(m).contains("not base64"),
                m -> assertThat(m).contains("COMPACT sketch, not an HLL sketch"),
                m -> assertThat(m).contains("lgK 22"),
                m -> assertThat(m).contains("HLL sketch, not a Theta CompactSketch"));

        DayRequest more = new DayRequest(2L, 5L, sessions(3, 1, 1, 0, 1),
                Base64.getEncoder().encodeToString(truncated), Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}),
                Base64.getEncoder().encodeToString(new byte[] {1, 2, 99, 4, 5, 6, 7, 8, 9}), theta(9001L, false, "a"));
        DayRejectedException e2 = catchThrowableOfType(DayRejectedException.class, () -> DayRules.check("big", DAY, more, TODAY));
        assertThat(e2.errors()).extracting(FieldError::message).satisfiesExactly(
                m -> assertThat(m).contains("does not deserialise as an HLL sketch"),
                m -> assertThat(m).contains("not a DataSketches sketch (3 bytes)"),
                m -> assertThat(m).contains("not a DataSketches sketch"),
                m -> assertThat(m).contains("updatable Theta sketch"));

        DayRequest seeded = new DayRequest(2L, 5L, sessions(3, 1, 1, 0, 1), hll("a"), hll("a"), hll("a"),
                theta(42L, true, "a", "b"));
        DayRejectedException e3 = catchThrowableOfType(DayRejectedException.class, () -> DayRules.check("big", DAY, seeded, TODAY));
        assertThat(e3.errors()).extracting(FieldError::message).singleElement().asString().contains("another seed");
    }

    @Test
    void countsFollowQuarksSessionRulesAddedUp() {
        DayRequest.Sessions bad = new DayRequest.Sessions(3L, 400_000L, 3_000_001L, 1L, 1L, 0L, 0L, 4L, 3L, 4L,
                new BigDecimal("1.234"));
        DayRequest body = new DayRequest(-1L, null, bad, hll("a"), hll("a"), hll("a"), null);
        assertThat(fields(body, DAY)).containsExactly("installs", "opens", "aiSessions.conversionValueCny");

        DayRequest.Sessions sums = new DayRequest.Sessions(3L, 400_000L, 3_000_001L, 1L, 1L, 0L, 0L, 4L, 3L, 4L,
                new BigDecimal("12.50"));
        assertThat(fields(new DayRequest(0L, 1L, sums, hll("a"), hll("a"), hll("a"), null), DAY)).containsExactly(
                "aiSessions", "aiSessions.turns", "aiSessions.agentCalls", "aiSessions.rated", "aiSessions.converted");
        DayRequest.Sessions ratings = new DayRequest.Sessions(3L, 3L, 0L, 3L, 0L, 0L, 0L, 2L, 11L, 0L, new BigDecimal("0.01"));
        assertThat(fields(new DayRequest(0L, 1L, ratings, hll("a"), hll("a"), hll("a"), null), DAY))
                .containsExactly("aiSessions.ratingSum", "aiSessions.conversionValueCny");
        assertThat(fields(new DayRequest(0L, 1L, null, hll("a"), null, hll("a"), null), DAY))
                .containsExactly("aiSessions", "newUsers");
        assertThat(fields(new DayRequest(1_000_000_000_001L, 1L, sessions(3, 1, 1, 0, 1), hll("a"), hll("a"), hll("a"),
                null), DAY)).containsExactly("installs");
    }

    @Test
    void aSketchHoldsUsersExactlyWhenItsCountSaysThereWereSome() {
        DayRequest body = new DayRequest(0L, 0L, sessions(3, 1, 1, 0, 1), hll("a"), hll("a"), hll(),
                theta(9001L, true));
        assertThat(fields(body, DAY)).containsExactly("activeUsers", "aiUsers", "newUsers", "activeUsersTheta");
        DayRequest none = new DayRequest(0L, 2L, sessions(0, 0, 0, 0, 0), hll(), hll(), hll("a"), null);
        assertThat(fields(none, DAY)).containsExactly("activeUsers", "aiUsers");
    }

    @Test
    void aDayInTheFutureOrOutsideTheBusinessCalendarIsRefused() {
        assertThat(fields(valid(), TODAY.plusDays(1))).containsExactly("date");
        assertThat(fields(valid(), LocalDate.of(1989, 12, 31))).containsExactly("date");
    }
}
