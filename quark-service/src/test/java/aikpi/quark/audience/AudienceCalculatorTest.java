package aikpi.quark.audience;

import aikpi.quark.rollup.Interval;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.quark.audience.AudienceCalculator.ActiveFigures;
import aikpi.vocabulary.Period;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dau, mau, stickiness, activeUsers and aiUsers on small data sets worked out by hand. */
class AudienceCalculatorTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Long after every period used here: all their days have begun. */
    private static final LocalDate LATER = LocalDate.of(2030, 1, 1);

    private static ActiveFigures active(InMemorySketches data, String period, LocalDate today, List<String> apps) {
        return AudienceCalculator.active(new PeriodWindow(Period.parse(period), today),
                data.source(AudienceGroup.activeUsersOf(apps)));
    }

    @Test
    void aUserActiveOnTwoDaysInTwoMonths() {
        InMemorySketches data = new InMemorySketches(SHANGHAI)
                .open("quark", "ann", "2025-01-10T02:00:00Z")
                .open("quark", "ann", "2025-01-10T09:00:00Z")   // twice the same day: one active user that day
                .open("quark", "ann", "2025-02-20T02:00:00Z")
                .open("quark", "bob", "2025-01-10T03:00:00Z");
        ActiveFigures q1 = active(data, "2025-Q1", LATER, List.of("quark"));
        // Days: Jan 10 {ann, bob} = 2, Feb 20 {ann} = 1: 3 user-days over 90 days.
        assertThat(q1.dau()).isEqualByComparingTo("0.03");
        assertThat(q1.daysCounted()).isEqualTo(90);
        // Months: Jan {ann, bob} = 2, Feb {ann} = 1, Mar 0: 3 / 3.
        assertThat(q1.mau()).isEqualByComparingTo("1.00");
        assertThat(q1.monthsCounted()).isEqualTo(3);
        // (3 / 90) / (3 / 3) = 1/30, from the unrounded means.
        assertThat(q1.stickiness()).isEqualByComparingTo("0.033333");
        // Ann counts once over the quarter.
        assertThat(q1.activeUsers()).isEqualTo(2);

        ActiveFigures feb = active(data, "2025-02", LATER, List.of("quark"));
        assertThat(feb.dau()).isEqualByComparingTo("0.04");           // 1 / 28 = 0.0357
        assertThat(feb.mau()).isEqualByComparingTo("1");
        assertThat(feb.stickiness()).isEqualByComparingTo("0.035714"); // 1 / 28
        assertThat(feb.activeUsers()).isEqualTo(1);
    }

    @Test
    void eventsEitherSideOfMidnightInTheReportingZoneFallOnDifferentDays() {
        InMemorySketches shanghai = new InMemorySketches(SHANGHAI)
                .open("quark", "ann", "2025-03-31T15:59:59Z")   // 23:59:59 on Mar 31 in Shanghai
                .open("quark", "bob", "2025-03-31T16:00:00Z");  // 00:00 on Apr 1 in Shanghai
        assertThat(active(shanghai, "2025-03-31", LATER, List.of("quark")).activeUsers()).isEqualTo(1);
        assertThat(active(shanghai, "2025-04-01", LATER, List.of("quark")).activeUsers()).isEqualTo(1);
        assertThat(active(shanghai, "2025-Q1", LATER, List.of("quark")).activeUsers()).isEqualTo(1);
        assertThat(active(shanghai, "2025-Q2", LATER, List.of("quark")).activeUsers()).isEqualTo(1);

        InMemorySketches utc = new InMemorySketches(ZoneOffset.UTC)
                .open("quark", "ann", "2025-03-31T15:59:59Z")
                .open("quark", "bob", "2025-03-31T16:00:00Z");
        ActiveFigures day = active(utc, "2025-03-31", LATER, List.of("quark"));
        assertThat(day.activeUsers()).isEqualTo(2);
        assertThat(day.dau()).isEqualByComparingTo("2");
        assertThat(active(utc, "2025-Q2", LATER, List.of("quark")).activeUsers()).isZero();
    }

    @Test
    void aDayPeriodCountsTheMonthOnlyOverItsOwnDay() {
        InMemorySketches data = new InMemorySketches(ZoneOffset.UTC)
                .open("quark", "ann", "2025-05-01T02:00:00Z")
                .open("quark", "bob", "2025-05-02T02:00:00Z");
        ActiveFigures may2 = active(data, "2025-05-02", LATER, List.of("quark"));
        assertThat(may2.dau()).isEqualByComparingTo("1");
        assertThat(may2.mau()).isEqualByComparingTo("1");   // bob only: ann's May 1 is outside the period
        assertThat(may2.stickiness()).isEqualByComparingTo("1");
    }

    @Test
    void aRunningPeriodAveragesOnlyTheDaysAndMonthsBegun() {
        InMemorySketches data = new InMemorySketches(ZoneOffset.UTC)
                .open("quark", "ann", "2025-04-01T02:00:00Z")
                .open("quark", "bob", "2025-04-02T02:00:00Z")
                .open("quark", "ann", "2025-05-03T02:00:00Z");
        // Today is May 10: Q2 has run 30 + 10 days over two months.
        ActiveFigures q2 = active(data, "2025-Q2", LocalDate.of(2025, 5, 10), List.of("quark"));
        assertThat(q2.daysCounted()).isEqualTo(40);
        assertThat(q2.monthsCounted()).isEqualTo(2);
        assertThat(q2.dau()).isEqualByComparingTo("0.08");     // 3 / 40 = 0.075
        assertThat(q2.mau()).isEqualByComparingTo("1.50");     // (2 + 1) / 2
        assertThat(q2.stickiness()).isEqualByComparingTo("0.050000");
        assertThat(q2.activeUsers()).isEqualTo(2);

        ActiveFigures future = active(data, "2025-Q3", LocalDate.of(2025, 5, 10), List.of("quark"));
        assertThat(future.daysCounted()).isZero();
        assertThat(future.dau()).isNull();
        assertThat(future.mau()).isNull();
        assertThat(future.stickiness()).isNull();
        assertThat(future.activeUsers()).isZero();
    }

    @Test
    void aUserOfTwoAppsCountsOnceInTheirTotals() {
        InMemorySketches data = new InMemorySketches(ZoneOffset.UTC)
                .open("taobao", "ann", "2025-01-05T02:00:00Z")
                .open("tmall", "ann", "2025-01-05T03:00:00Z")
                .open("tmall", "bob", "2025-01-05T04:00:00Z")
                .open("tmall", "ann", "2025-01-06T04:00:00Z");
        ActiveFigures both = active(data, "2025-01", LATER, List.of("taobao", "tmall"));
        // Jan 5 {ann, bob} = 2 (not 1 + 2), Jan 6 {ann} = 1.
        assertThat(both.dau()).isEqualByComparingTo("0.10");   // 3 / 31
        assertThat(both.mau()).isEqualByComparingTo("2");
        assertThat(both.activeUsers()).isEqualTo(2);
        assertThat(active(data, "2025-01", LATER, List.of("taobao")).activeUsers()).isEqualTo(1);
        // Every app (null) is the same as both here.
        assertThat(active(data, "2025-01", LATER, null)).isEqualTo(both);
    }

    @Test
    void nothingActiveGivesZerosAndNoStickiness() {
        ActiveFigures none = active(new InMemorySketches(SHANGHAI), "2025-Q1", LATER, List.of("quark"));
        assertThat(none.dau()).isEqualByComparingTo("0");
        assertThat(none.mau()).isEqualByComparingTo("0");
        assertThat(none.stickiness()).isNull();
        assertThat(none.activeUsers()).isZero();
    }

    @Test
    void aiUsersAreDistinctAcrossFeaturesAndSessions() {
        InMemorySketches data = new InMemorySketches(SHANGHAI)
                .session("quark", "ai-camera", "ann", "2025-01-05T02:00:00Z")
                .session("quark", "ai-camera", "ann", "2025-02-05T02:00:00Z")
                .session("quark", "super-box", "ann", "2025-03-05T02:00:00Z")
                .session("quark", "super-box", "bob", "2025-03-31T16:00:00Z");   // Apr 1 in Shanghai
        PeriodWindow q1 = new PeriodWindow(Period.parse("2025-Q1"), LATER);
        assertThat(AudienceCalculator.distinct(q1.wholePeriod(), data.source(AudienceGroup.aiUsersOf(List.of("quark")))))
                .isEqualTo(1);
        assertThat(AudienceCalculator.distinct(q1.wholePeriod(),
                data.source(AudienceGroup.aiUsersOfFeature("quark", "super-box")))).isEqualTo(1);
        PeriodWindow april = new PeriodWindow(Period.parse("2025-04"), LATER);
        assertThat(AudienceCalculator.distinct(april.wholePeriod(),
                data.source(AudienceGroup.aiUsersOfFeature("quark", "super-box")))).isEqualTo(1);
        assertThat(AudienceCalculator.distinct(april.wholePeriod(),
                data.source(AudienceGroup.aiUsersOfFeature("quark", "ai-camera")))).isZero();
        // AI sessions are not app opens.
        assertThat(active(data, "2025-Q1", LATER, List.of("quark")).activeUsers()).isZero();
    }

    @Test
    void averagesRunOverTheDaysAndMonthsGivenOnly() {
        InMemorySketches data = new InMemorySketches(ZoneOffset.UTC)
                .open("big", "ann", "2025-03-01T02:00:00Z")
                .open("big", "bob", "2025-03-01T03:00:00Z")
                .open("big", "bob", "2025-03-02T02:00:00Z")
                .open("big", "cat", "2025-03-02T03:00:00Z");
        PeriodWindow q1 = new PeriodWindow(Period.parse("2025-Q1"), LATER);
        List<LocalDate> sent = List.of(LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 2));
        List<BucketRange> march = List.of(new BucketRange(Interval.MONTH, LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 1)));
        ActiveFigures f = AudienceCalculator.active(sent, march, q1.wholePeriod(), data.source(AudienceGroup.activeUsersOf(List.of("big"))));
        // Two days of two users each; one month of three.
        assertThat(f.dau()).isEqualByComparingTo("2.00");
        assertThat(f.mau()).isEqualByComparingTo("3.00");
        assertThat(f.daysCounted()).isEqualTo(2);
        assertThat(f.monthsCounted()).isEqualTo(1);
        assertThat(f.activeUsers()).isEqualTo(3);
        assertThat(AudienceCalculator.active(List.of(), List.of(), q1.wholePeriod(),
                data.source(AudienceGroup.activeUsersOf(List.of("big")))).dau()).isNull();
    }
}
