package aikpi.quark.retention;

import aikpi.quark.rollup.Interval;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every retention definition on a small data set worked out by hand. Weeks (ISO, Monday start) of 2025: W0 = Jan 6,
 * W1 = Jan 13, W2 = Jan 20, W3 = Jan 27, W4 = Feb 3, W5 = Feb 10. Today is Wednesday Feb 12 (W5 is running).
 *
 * <pre>
 *   a  opens Jan 6 (W0), Jan 14 (W1), Feb 4 (W4); AI session Jan 6 (W0)
 *   b  opens Jan 7 (W0), Jan 21 (W2: skips W1, comes back), Feb 5 (W4)
 *   c  opens Jan 8 (W0) only; AI session Jan 8 (W0)
 *   d  opens Jan 15 (W1), Jan 22 (W2), Jan 29 (W3); AI session Jan 22 (W2: not in its first week)
 *   e  installs Jan 9 (W0) without opening; opens Jan 20 (W2)
 * </pre>
 */
class RetentionCalculatorTest {

    static final LocalDate TODAY = LocalDate.parse("2025-02-12");
    static final LocalDate W0 = LocalDate.parse("2025-01-06");
    static final LocalDate W1 = LocalDate.parse("2025-01-13");

    static HandMadeUserSets handWorked() {
        return new HandMadeUserSets()
                .open("a", "2025-01-06", "2025-01-14", "2025-02-04").ai("a", "2025-01-06")
                .open("b", "2025-01-07", "2025-01-21", "2025-02-05")
                .open("c", "2025-01-08").ai("c", "2025-01-08")
                .open("d", "2025-01-15", "2025-01-22", "2025-01-29").ai("d", "2025-01-22")
                .install("e", "2025-01-09").open("e", "2025-01-20");
    }

    private static List<CohortTable.Cohort> weekly(Activity returnOn, CohortPart segment) {
        return new RetentionCalculator(handWorked(), TODAY).cohorts(Interval.WEEK, List.of(W0, W1), 6, returnOn, segment,
                null);
    }

    private static List<Long> users(CohortTable.Cohort cohort) {
        return cohort.offsets().stream().map(CohortTable.Cell::users).toList();
    }

    @Test
    void aWeeklyCohortIsTheUsersFirstSeenThatWeekAndEachOffsetCountsThoseWhoOpenedTheAppInThatWeek() {
        List<CohortTable.Cohort> table = weekly(Activity.OPEN, CohortPart.ALL);
        CohortTable.Cohort w0 = table.get(0);
        // a, b, c, and e (first seen by its install) started in W0.
        assertThat(w0.size()).isEqualTo(4);
        assertThat(w0.sizeExact()).isTrue();
        // W0: a b c opened (e only installed); W1: a; W2: b (back after skipping W1) and e; W3: nobody; W4: a and b;
        // W5: nobody yet. W6 has not begun, so it is left out though 6 offsets were asked for.
        assertThat(users(w0)).containsExactly(3L, 1L, 2L, 0L, 2L, 0L);
        assertThat(w0.offsets().get(0).share()).isEqualByComparingTo("0.75");
        assertThat(w0.offsets().get(2).share()).isEqualByComparingTo("0.5");
        assertThat(w0.offsets().stream().map(CohortTable.Cell::partial).toList())
                .containsExactly(false, false, false, false, false, true);
        assertThat(w0.offsets().get(5).start()).isEqualTo("2025-02-10");
        assertThat(w0.offsets().get(5).end()).isEqualTo("2025-02-16");

        CohortTable.Cohort w1 = table.get(1);
        assertThat(w1.size()).isEqualTo(1);
        assertThat(users(w1)).containsExactly(1L, 1L, 1L, 0L, 0L);
        assertThat(w0.offsets()).allSatisfy(cell -> assertThat(cell.low()).isNull());
    }

    @Test
    void theAiSegmentIsTheCohortsUsersWithAnAiSessionInItsFirstWeekAndNonAiTheRest() {
        List<CohortTable.Cohort> ai = weekly(Activity.OPEN, CohortPart.AI);
        // W0's AI users: a and c. Back in W1: a; in W4: a.
        assertThat(ai.get(0).size()).isEqualTo(2);
        assertThat(users(ai.get(0))).containsExactly(2L, 1L, 0L, 0L, 1L, 0L);
        // d's AI session was in its second week: W1's cohort has no AI user.
        assertThat(ai.get(1).size()).isZero();
        assertThat(ai.get(1).offsets().get(0).share()).isNull();

        List<CohortTable.Cohort> nonAi = weekly(Activity.OPEN, CohortPart.NON_AI);
        // b and e: both back in W2, b in W4.
        assertThat(nonAi.get(0).size()).isEqualTo(2);
        assertThat(users(nonAi.get(0))).containsExactly(1L, 0L, 2L, 0L, 1L, 0L);
        assertThat(nonAi.get(1).size()).isEqualTo(1);
    }

    @Test
    void returningOnAnAiSessionCountsOnlyTheWeeksWithOne() {
        List<CohortTable.Cohort> table = weekly(Activity.AI_SESSION, CohortPart.ALL);
        // W0: a and c had AI sessions; nobody of W0 had one later. W1's d had one in W2 (offset 1).
        assertThat(users(table.get(0))).containsExactly(2L, 0L, 0L, 0L, 0L, 0L);
        assertThat(users(table.get(1))).containsExactly(0L, 1L, 0L, 0L, 0L);
    }

    @Test
    void monthlyCohortsCutByCalendarMonth() {
        HandMadeUserSets sets = handWorked().open("f", "2025-02-01").open("a", "2025-03-01");
        List<CohortTable.Cohort> table = new RetentionCalculator(sets, LocalDate.parse("2025-03-02")).cohorts(
                Interval.MONTH, List.of(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-02-01")), 3, Activity.OPEN,
                CohortPart.ALL, null);
        // January: a b c d e; February: a and b (Feb 4, Feb 5) of them; March (running): a.
        assertThat(table.get(0).size()).isEqualTo(5);
        assertThat(users(table.get(0))).containsExactly(5L, 2L, 1L);
        assertThat(table.get(0).offsets().get(2).partial()).isTrue();
        // February: f.
        assertThat(table.get(1).size()).isEqualTo(1);
        assertThat(users(table.get(1))).containsExactly(1L, 0L);
    }

    @Test
    void anExactSizeFromTheFirstSeenStoreIsTheDenominatorOfWholeCohorts() {
        Function<LocalDate, Long> sizes = start -> start.equals(W0) ? 8L : 1L;
        List<CohortTable.Cohort> table = new RetentionCalculator(handWorked(), TODAY).cohorts(Interval.WEEK, List.of(W0),
                1, Activity.OPEN, CohortPart.ALL, sizes);
        assertThat(table.get(0).size()).isEqualTo(8);
        assertThat(table.get(0).offsets().get(0).share()).isEqualByComparingTo("0.375");
    }

    @Test
    void nDayRetentionCountsTheDayItselfAndEveryDayFromIt() {
        // Jan 6's cohort: a. a opened Jan 14 (day 8) and Feb 4 (day 29).
        RetentionCalculator calculator = new RetentionCalculator(handWorked(), TODAY);
        List<DayRetention.Figure> days = calculator.days(W0, List.of(1, 8, 29, 30, 37, 40), Activity.OPEN, 1);
        assertThat(days.get(0).onDay().users()).isZero();
        assertThat(days.get(0).onOrAfter().users()).isEqualTo(1);
        assertThat(days.get(1).onDay().users()).isEqualTo(1);
        assertThat(days.get(1).onDay().share()).isEqualByComparingTo("1");
        assertThat(days.get(2).onDay().users()).isEqualTo(1);
        assertThat(days.get(3).date()).isEqualTo("2025-02-05");
        assertThat(days.get(3).onDay().users()).isZero();
        assertThat(days.get(3).onOrAfter().users()).isZero();
        assertThat(days.get(3).partial()).isFalse();
        // Day 37 is today: partial. Day 40 is still to come: no figures.
        assertThat(days.get(4).partial()).isTrue();
        assertThat(days.get(4).onDay()).isNotNull();
        assertThat(days.get(5).partial()).isTrue();
        assertThat(days.get(5).onDay()).isNull();
        assertThat(days.get(5).onOrAfter()).isNull();
    }

    @Test
    void onOrAfterReachesAcrossWeeksAndMonthsUpToToday() {
        // b, first seen Jan 7: back Jan 21 and Feb 5. From day 2 (Jan 9) on, b came back.
        HandMadeUserSets sets = handWorked().open("b", "2025-04-17");
        RetentionCalculator calculator = new RetentionCalculator(sets, LocalDate.parse("2025-05-01"));
        List<DayRetention.Figure> days = calculator.days(LocalDate.parse("2025-01-07"), List.of(2, 30, 99, 100, 114),
                Activity.OPEN, 1);
        assertThat(days.stream().map(f -> f.onOrAfter().users()).toList()).containsExactly(1L, 1L, 1L, 1L, 0L);
        assertThat(days.stream().map(f -> f.onDay().users()).toList()).containsExactly(0L, 0L, 0L, 1L, 0L);
    }

    @Test
    void lifecycleSplitsEachWeeksActiveUsersIntoNewReturningAndResurrectingAndCountsTheDormant() {
        RetentionCalculator calculator = new RetentionCalculator(handWorked(), TODAY);
        List<LocalDate> weeks = List.of(W0, W1, LocalDate.parse("2025-01-20"), LocalDate.parse("2025-01-27"),
                LocalDate.parse("2025-02-03"), LocalDate.parse("2025-02-10"));
        List<Lifecycle.Step> steps = calculator.lifecycle(Interval.WEEK, weeks);
        // {active, new, returning, resurrecting, dormant}
        // W0: a b c new. W1: d new, a returning; b c dormant. W2: d returning; b back, e's first open (seen in W0 by
        // its install): both resurrecting; a dormant. W3: d returning; b e dormant. W4: a b resurrecting; d dormant.
        // W5 (running): nobody yet; a b dormant.
        assertThat(steps.stream().map(s -> List.of(s.active(), s.newUsers(), s.returning(), s.resurrecting(), s.dormant()))
                .toList()).containsExactly(
                List.of(3L, 3L, 0L, 0L, 0L),
                List.of(2L, 1L, 1L, 0L, -2L),
                List.of(3L, 0L, 1L, 2L, -1L),
                List.of(1L, 0L, 1L, 0L, -2L),
                List.of(2L, 0L, 0L, 2L, -1L),
                List.of(0L, 0L, 0L, 0L, -2L));
        assertThat(steps).allSatisfy(s -> assertThat(s.newUsers() + s.returning() + s.resurrecting()).isEqualTo(s.active()));
        assertThat(steps.get(5).partial()).isTrue();
        assertThat(steps.get(4).partial()).isFalse();
    }

    @Test
    void lifecycleByDayComparesWithTheDayBefore() {
        RetentionCalculator calculator = new RetentionCalculator(handWorked(), TODAY);
        List<Lifecycle.Step> steps = calculator.lifecycle(Interval.DAY,
                List.of(LocalDate.parse("2025-01-14"), LocalDate.parse("2025-01-15")));
        // Jan 14: a came back after a week away (resurrecting); Jan 13 had nobody. Jan 15: d new; a dormant.
        assertThat(List.of(steps.get(0).active(), steps.get(0).resurrecting(), steps.get(0).dormant())).containsExactly(1L, 1L, 0L);
        assertThat(List.of(steps.get(1).active(), steps.get(1).newUsers(), steps.get(1).dormant())).containsExactly(1L, 1L, -1L);
    }

    @Test
    void thePeriodSummaryCountsTheCohortsThatCompletedWeekFourAndComparesAiUsersWithTheRest() {
        // Q1 to date: W0's week 4 (Feb 3-9) ended by yesterday; W1's (Feb 10-16) has not.
        List<LocalDate> cohorts = RetentionCalculator.summaryCohorts(LocalDate.parse("2025-01-01"),
                LocalDate.parse("2025-03-31"), TODAY);
        assertThat(cohorts).containsExactly(W0);
        RetentionSummary summary = new RetentionCalculator(handWorked(), TODAY).summary(cohorts, d -> null);
        assertThat(summary.cohorts()).isEqualTo(1);
        assertThat(summary.cohortUsers()).isEqualTo(4);
        assertThat(summary.aiCohortUsers()).isEqualTo(2);
        assertThat(summary.week1()).isEqualByComparingTo("0.25");   // a
        assertThat(summary.week4()).isEqualByComparingTo("0.5");    // a, b
        assertThat(summary.aiWeek4()).isEqualByComparingTo("0.5");  // a of a, c
        assertThat(summary.nonAiWeek4()).isEqualByComparingTo("0.5"); // b of b, e
        assertThat(summary.aiLiftPp()).isEqualByComparingTo("0");
        assertThat(summary.estimate()).isFalse();
        // The counts behind the shares: a, b back of a, b, c, e; a of the AI users a, c; b of the others b, e.
        assertThat(summary.week4Users()).isEqualTo(2);
        assertThat(summary.aiWeek4Users()).isEqualTo(1);
        assertThat(summary.nonAiCohortUsers()).isEqualTo(2);
        assertThat(summary.nonAiWeek4Users()).isEqualTo(1);

        // c comes back in W4 too: AI users now stay better than the rest.
        RetentionSummary lifted = new RetentionCalculator(handWorked().open("c", "2025-02-06"), TODAY)
                .summary(cohorts, d -> null);
        assertThat(lifted.aiWeek4()).isEqualByComparingTo("1");
        assertThat(lifted.aiLiftPp()).isEqualByComparingTo(new BigDecimal("50.00"));
        assertThat(lifted.week4Users()).isEqualTo(3);          // a, b, c
        assertThat(lifted.aiWeek4Users()).isEqualTo(2);        // a, c
        assertThat(lifted.nonAiWeek4Users()).isEqualTo(1);     // b
        assertThat(lifted.nonAiCohortUsers()).isEqualTo(2);    // b, e
    }

    @Test
    void aPeriodTooShortOrTooRecentHasNoCohortToSummarise() {
        assertThat(RetentionCalculator.summaryCohorts(LocalDate.parse("2025-01-06"), LocalDate.parse("2025-01-31"),
                TODAY)).isEmpty();
        // A cohort whose week 4 ends on the period's last day counts; one day later it would not.
        assertThat(RetentionCalculator.summaryCohorts(LocalDate.parse("2025-01-06"), LocalDate.parse("2025-02-09"),
                TODAY)).containsExactly(W0);
        assertThat(RetentionCalculator.summaryCohorts(LocalDate.parse("2025-01-06"), LocalDate.parse("2025-02-08"),
                TODAY)).isEmpty();
        // A Monday before the period's first day does not start a cohort of it.
        assertThat(RetentionCalculator.summaryCohorts(LocalDate.parse("2025-01-07"), LocalDate.parse("2025-03-31"),
                TODAY)).isEmpty();
    }
}
