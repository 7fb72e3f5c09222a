package aikpi.gateway.reviews;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.gateway.conversion.KpiDefinition;
import aikpi.gateway.projection.PeriodProjection.Method;
import aikpi.gateway.projection.PeriodProjection.Projection;
import aikpi.gateway.reviews.Review.KpiReview;
import aikpi.gateway.reviews.Review.ScopeReview;
import aikpi.gateway.reviews.Review.Status;
import aikpi.gateway.reviews.ReviewCalculator.Actual;
import aikpi.gateway.reviews.ReviewCalculator.Progress;
import aikpi.gateway.reviews.ReviewCalculator.Timing;
import aikpi.gateway.targets.Target;
import aikpi.gateway.targets.Target.Direction;
import aikpi.gateway.targets.Target.QualityFloor;
import aikpi.gateway.targets.Target.TargetPeriod;
import aikpi.vocabulary.Period;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The review's rules on hand-worked examples (docs/REVIEWS.md works the same ones). */
class ReviewCalculatorTest {

    static final ReviewRules RULES = new ReviewRules(new BigDecimal("1.2"), BigDecimal.ONE, new BigDecimal("0.9"));
    /** FY2026-Q3: 2025-10-01 … 2025-12-31, 92 days. */
    static final Period Q3 = Period.parse("FY2026-Q3");
    /** 2025-11-15 is day 46 of 92: half the quarter, today included. */
    static final Timing HALF_WAY = ReviewCalculator.timing(Q3, LocalDate.parse("2025-11-15"));
    static final Timing OVER = ReviewCalculator.timing(Q3, LocalDate.parse("2026-01-05"));

    static Target target(String scope, KpiDefinition kpi, String value, Direction direction, String weight,
                         TargetPeriod period, QualityFloor floor) {
        return new Target("FY2026", scope, kpi.id(), 1, new BigDecimal(value), direction, new BigDecimal(weight),
                period, floor, null, "exec", Instant.EPOCH);
    }

    static Target sessions(String value) {
        return target("quark", KpiDefinition.AI_SESSIONS, value, Direction.AT_LEAST, "1", TargetPeriod.QUARTER, null);
    }

    static KpiReview review(Target t, String actual, Timing timing) {
        return ReviewCalculator.review(t, KpiDefinition.byId(t.kpiId()).orElseThrow(), Q3,
                Actual.of(actual == null ? null : new BigDecimal(actual)), null, timing, RULES);
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    @Test
    void timingCountsTodayAsElapsedInTheReportingZonesCalendar() {
        assertThat(HALF_WAY).isEqualTo(new Timing(Progress.RUNNING, 46, 92));
        assertThat(HALF_WAY.share()).isEqualByComparingTo("0.5");
        assertThat(ReviewCalculator.timing(Q3, LocalDate.parse("2025-10-01")).elapsedDays()).isEqualTo(1);
        assertThat(ReviewCalculator.timing(Q3, LocalDate.parse("2025-12-31")).progress()).isEqualTo(Progress.RUNNING);
        assertThat(ReviewCalculator.timing(Q3, LocalDate.parse("2025-09-30")).progress()).isEqualTo(Progress.NOT_STARTED);
        assertThat(OVER).isEqualTo(new Timing(Progress.FINISHED, 92, 92));
    }

    @Test
    void aYearFlowTargetIsProRatedByDaysForAQuarterAndAQuarterTargetCountsFourTimesInTheYear() {
        Target yearly = target("group", KpiDefinition.AI_SESSIONS, "365000", Direction.AT_LEAST, "1", TargetPeriod.YEAR, null);
        assertThat(ReviewCalculator.inForce(yearly, KpiDefinition.AI_SESSIONS, Q3)).isEqualByComparingTo("92000");
        assertThat(ReviewCalculator.inForce(yearly, KpiDefinition.AI_SESSIONS, Period.parse("FY2026")))
                .isEqualByComparingTo("365000");
        Target quarterly = sessions("1000");
        assertThat(ReviewCalculator.inForce(quarterly, KpiDefinition.AI_SESSIONS, Period.parse("FY2026")))
                .isEqualByComparingTo("4000");
        Target cash = target("group", KpiDefinition.AI_CASH_REVENUE, "7000000000", Direction.AT_LEAST, "1",
                TargetPeriod.YEAR, null);
        assertThat(ReviewCalculator.inForce(cash, KpiDefinition.AI_CASH_REVENUE, Q3).toPlainString())
                .as("money stays in fen: 7e9 × 92 ÷ 365").isEqualTo("1764383561.64");
        Target rate = target("quark", KpiDefinition.RESOLUTION_RATE, "0.6", Direction.AT_LEAST, "1", TargetPeriod.YEAR, null);
        assertThat(ReviewCalculator.inForce(rate, KpiDefinition.RESOLUTION_RATE, Q3)).isEqualByComparingTo("0.6");
        assertThat(ReviewCalculator.inForce(rate, KpiDefinition.RESOLUTION_RATE, Period.parse("FY2026")))
                .isEqualByComparingTo("0.6");
    }

    @Test
    void aRunningFlowIsJudgedByPaceAgainstTheShareOfDaysElapsed() {
        KpiReview behind = review(sessions("100000"), "45000", HALF_WAY);
        assertThat(behind.expectedToDate()).isEqualByComparingTo("50000");
        assertThat(behind.pace()).isEqualByComparingTo("0.9");
        assertThat(behind.attainment()).isEqualByComparingTo("0.45");
        assertThat(behind.status()).isEqualTo(Status.AT_RISK);
        assertThat(review(sessions("100000"), "44999", HALF_WAY).status()).isEqualTo(Status.OFF_TRACK);
        assertThat(review(sessions("100000"), "50000", HALF_WAY).status()).isEqualTo(Status.ON_TRACK);
        assertThat(review(sessions("100000"), "100000", HALF_WAY).status()).isEqualTo(Status.MET);
    }

    @Test
    void aFinishedPeriodIsMetOrMissedAndAttainmentStopsAtTheCap() {
        KpiReview over = review(sessions("100000"), "130000", OVER);
        assertThat(over.status()).isEqualTo(Status.MET);
        assertThat(over.attainment()).isEqualByComparingTo("1.2");
        assertThat(over.scored()).isEqualByComparingTo("1.2");
        assertThat(over.expectedToDate()).isNull();
        assertThat(over.pace()).isNull();
        KpiReview missed = review(sessions("100000"), "95000", OVER);
        assertThat(missed.status()).isEqualTo(Status.OFF_TRACK);
        assertThat(missed.attainment()).isEqualByComparingTo("0.95");
    }

    @Test
    void atMostIsTargetOverActualAndALevelIsComparedAsItStands() {
        Target effort = target("quark", KpiDefinition.TURNS_PER_RESOLVED, "4", Direction.AT_MOST, "1", TargetPeriod.QUARTER, null);
        KpiReview worse = review(effort, "5", HALF_WAY);
        assertThat(worse.attainment()).isEqualByComparingTo("0.8");
        assertThat(worse.expectedToDate()).isNull();
        assertThat(worse.pace()).isNull();
        assertThat(worse.status()).isEqualTo(Status.OFF_TRACK);
        assertThat(review(effort, "4.2", HALF_WAY).status()).isEqualTo(Status.AT_RISK);
        assertThat(review(effort, "4.2", HALF_WAY).attainment()).isEqualByComparingTo("0.952381");
        assertThat(review(effort, "3", HALF_WAY).status()).isEqualTo(Status.ON_TRACK);
        assertThat(review(effort, "3", HALF_WAY).attainment()).isEqualByComparingTo("1.2");
        assertThat(review(effort, "3", OVER).status()).isEqualTo(Status.MET);
    }

    @Test
    void anAtMostFlowIsOffTrackOnceOverItsWholeBudgetAndOtherwiseJudgedByExpectedOverActual() {
        Target cost = target("group", KpiDefinition.AI_RESOURCE_COST, "1000000", Direction.AT_MOST, "1",
                TargetPeriod.QUARTER, null);
        KpiReview spending = review(cost, "520000", HALF_WAY);
        assertThat(spending.expectedToDate()).isEqualByComparingTo("500000");
        assertThat(spending.pace()).isEqualByComparingTo("1.04");
        assertThat(spending.status()).isEqualTo(Status.AT_RISK); // 500,000 ÷ 520,000 = 0.961538
        assertThat(review(cost, "480000", HALF_WAY).status()).isEqualTo(Status.ON_TRACK);
        assertThat(review(cost, "1100000", HALF_WAY).status()).isEqualTo(Status.OFF_TRACK);
        assertThat(review(cost, "0", HALF_WAY).status()).isEqualTo(Status.ON_TRACK);
        assertThat(review(cost, "0", OVER).attainment()).as("target ÷ 0 is undefined").isNull();
        assertThat(review(cost, "0", OVER).scored()).as("met with nothing spent").isEqualByComparingTo("1");
    }

    @Test
    void aVolumeTargetWhoseQualityFloorFailsIsNotCountedAndScoresZero() {
        Target t = target("tongyi-app", KpiDefinition.AI_SESSIONS, "100000", Direction.AT_LEAST, "2",
                TargetPeriod.QUARTER, new QualityFloor(KpiDefinition.RESOLUTION_RATE.id(), dec("0.6"), null));
        KpiReview gamed = ReviewCalculator.review(t, KpiDefinition.AI_SESSIONS, Q3, Actual.of(dec("120000")),
                Actual.of(dec("0.42")), OVER, RULES);
        assertThat(gamed.status()).as("the volume itself was reached").isEqualTo(Status.MET);
        assertThat(gamed.attainment()).isEqualByComparingTo("1.2");
        assertThat(gamed.counted()).isFalse();
        assertThat(gamed.scored()).isEqualByComparingTo("0");
        assertThat(gamed.qualityFloor().met()).isFalse();
        assertThat(gamed.qualityFloor().actual()).isEqualByComparingTo("0.42");
        assertThat(gamed.reason()).contains("assistant-resolution-rate is 0.42").contains("≥ 0.6");

        KpiReview honest = ReviewCalculator.review(t, KpiDefinition.AI_SESSIONS, Q3, Actual.of(dec("120000")),
                Actual.of(dec("0.65")), OVER, RULES);
        assertThat(honest.counted()).isTrue();
        assertThat(honest.scored()).isEqualByComparingTo("1.2");

        KpiReview noEvidence = ReviewCalculator.review(t, KpiDefinition.AI_SESSIONS, Q3, Actual.of(dec("120000")),
                Actual.of(null), OVER, RULES);
        assertThat(noEvidence.counted()).as("a floor with no figure does not hold").isFalse();
        assertThat(noEvidence.scored()).isEqualByComparingTo("0");

        KpiReview floorUnknown = ReviewCalculator.review(t, KpiDefinition.AI_SESSIONS, Q3, Actual.of(dec("120000")),
                Actual.unknown("quark-service is UNAVAILABLE"), OVER, RULES);
        assertThat(floorUnknown.counted()).isFalse();
        assertThat(floorUnknown.scored()).as("left out, never zero, when the floor's source is down").isNull();
        assertThat(floorUnknown.known()).isFalse();
        assertThat(floorUnknown.qualityFloor().met()).isNull();
    }

    @Test
    void theScoreWeighsCountedAttainmentsAndLeavesUnknownFiguresOut() {
        Target a = target("taobao", KpiDefinition.AI_SESSIONS, "100", Direction.AT_LEAST, "2", TargetPeriod.QUARTER, null);
        Target b = target("taobao", KpiDefinition.CONVERSIONS, "100", Direction.AT_LEAST, "1", TargetPeriod.QUARTER, null);
        Target c = target("taobao", KpiDefinition.TURNS, "100", Direction.AT_LEAST, "1", TargetPeriod.QUARTER,
                new QualityFloor(KpiDefinition.RESOLUTION_RATE.id(), dec("0.5"), null));
        Target d = target("taobao", KpiDefinition.TOKENS, "100", Direction.AT_LEAST, "3", TargetPeriod.QUARTER, null);
        List<KpiReview> kpis = List.of(
                review(a, "130", OVER),                                               // 1.3 → capped 1.2
                review(b, "50", OVER),                                                // 0.5
                ReviewCalculator.review(c, KpiDefinition.TURNS, Q3, Actual.of(dec("200")), Actual.of(dec("0.4")),
                        OVER, RULES),                                                 // floor fails: 0
                ReviewCalculator.review(d, KpiDefinition.TOKENS, Q3, Actual.unknown("tongyi-service is TIMEOUT"),
                        null, OVER, RULES));                                          // unknown: left out
        ScopeReview scope = ReviewCalculator.score("taobao", kpis, RULES);
        // (2 × 1.2 + 1 × 0.5 + 1 × 0) ÷ (2 + 1 + 1)
        assertThat(scope.score()).isEqualByComparingTo("0.725");
        assertThat(scope.complete()).isFalse();
        assertThat(scope.counted()).isEqualTo(2);
        assertThat(scope.targets()).isEqualTo(4);
        assertThat(kpis.get(3).status()).isEqualTo(Status.UNKNOWN);
        assertThat(kpis.get(3).actual()).as("unknown, never zero").isNull();
    }

    @Test
    void scoreAtPaceUsesARunningFlowsPaceInPlaceOfItsAttainment() {
        ScopeReview scope = ReviewCalculator.score("quark", List.of(review(sessions("100000"), "45000", HALF_WAY)),
                RULES);
        assertThat(scope.score()).isEqualByComparingTo("0.45");
        assertThat(scope.scoreAtPace()).isEqualByComparingTo("0.9");
    }

    @Test
    void undefinedRatiosScoreOneWhenMetAndZeroWhenNot() {
        Target breakeven = target("group", KpiDefinition.AI_MARGIN, "0", Direction.AT_LEAST, "1", TargetPeriod.YEAR, null);
        KpiReview loss = review(breakeven, "-5", OVER);
        assertThat(loss.attainment()).isNull();
        assertThat(loss.status()).isEqualTo(Status.OFF_TRACK);
        assertThat(loss.scored()).isEqualByComparingTo("0");
        assertThat(review(breakeven, "10", OVER).scored()).isEqualByComparingTo("1");
        assertThat(review(breakeven, "10", OVER).status()).isEqualTo(Status.MET);
    }

    @Test
    void aFigureWithNothingToMeasureIsUnknownWhileRunningAndDeliversNothingOnceOver() {
        Target rate = target("amap", KpiDefinition.RESOLUTION_RATE, "0.6", Direction.AT_LEAST, "1", TargetPeriod.QUARTER, null);
        KpiReview running = review(rate, null, HALF_WAY);
        assertThat(running.status()).isEqualTo(Status.UNKNOWN);
        assertThat(running.scored()).isNull();
        assertThat(running.known()).as("the source answered").isTrue();
        KpiReview over = review(rate, null, OVER);
        assertThat(over.status()).isEqualTo(Status.OFF_TRACK);
        assertThat(over.scored()).isEqualByComparingTo("0");
        assertThat(ReviewCalculator.score("amap", List.of(running), RULES).complete()).isTrue();
        assertThat(ReviewCalculator.score("amap", List.of(running), RULES).score()).isNull();
    }

    @Test
    void aPeriodNotBegunIsNotStartedAndNotScored() {
        KpiReview early = review(sessions("100"), "0", ReviewCalculator.timing(Q3, LocalDate.parse("2025-09-01")));
        assertThat(early.status()).isEqualTo(Status.NOT_STARTED);
        assertThat(early.scored()).isNull();
    }

    @Test
    void unitsAreRankedByScoreWithTheGroupFirstAndUnscoredUnitsLast() {
        ScopeReview group = new ScopeReview("group", null, dec("0.5"), null, true, 1, 1, List.of());
        ScopeReview low = new ScopeReview("amap", null, dec("0.4"), null, true, 1, 1, List.of());
        ScopeReview high = new ScopeReview("taobao", null, dec("0.9"), null, true, 1, 1, List.of());
        ScopeReview none = new ScopeReview("eleme", null, null, null, true, 1, 0, List.of());
        List<ScopeReview> ranked = ReviewCalculator.rank(List.of(low, none, group, high));
        assertThat(ranked).extracting(ScopeReview::scope).containsExactly("group", "taobao", "amap", "eleme");
        assertThat(ranked).extracting(ScopeReview::rank).containsExactly(null, 1, 2, null);
    }

    static Projection projection(String projected, String low, String high) {
        return new Projection(Method.LINEAR, 45, 92, dec("400"), dec(projected), dec(low), dec(high));
    }

    @Test
    void theProjectionDecidesItsOwnStatusBesideThePace() {
        // Half way with 400 of 1000: the pace (400 ÷ 500 = 0.8) says OFF_TRACK.
        KpiReview behind = review(sessions("1000"), "400", HALF_WAY);
        assertThat(behind.status()).isEqualTo(Status.OFF_TRACK);

        KpiReview meets = ReviewCalculator.projected(behind, projection("1050", "980", "1120"), RULES);
        assertThat(meets.projectedStatus()).as("the projection meets the target").isEqualTo(Status.ON_TRACK);
        assertThat(meets.projectedAttainment()).isEqualByComparingTo("1.05");
        assertThat(meets.status()).as("the pace's status stays").isEqualTo(Status.OFF_TRACK);
        assertThat(meets.pace()).isEqualByComparingTo("0.8");

        KpiReview reach = ReviewCalculator.projected(behind, projection("950", "880", "1010"), RULES);
        assertThat(reach.projectedStatus()).as("only the interval reaches it").isEqualTo(Status.AT_RISK);
        assertThat(ReviewCalculator.projected(behind, projection("950", "880", "990"), RULES).projectedStatus())
                .isEqualTo(Status.OFF_TRACK);
        assertThat(ReviewCalculator.projected(behind, projection("1300", "1250", "1350"), RULES).projectedAttainment())
                .as("capped as attainment is").isEqualByComparingTo("1.2");
    }

    @Test
    void anAtMostFlowIsOnTrackWhenItsProjectionStaysWithinBudget() {
        Target budget = target("quark", KpiDefinition.BU_CLOUD_SPEND, "1000", Direction.AT_MOST, "1",
                TargetPeriod.QUARTER, null);
        KpiReview under = review(budget, "400", HALF_WAY);
        assertThat(ReviewCalculator.projected(under, projection("900", "850", "950"), RULES).projectedStatus())
                .isEqualTo(Status.ON_TRACK);
        assertThat(ReviewCalculator.projected(under, projection("1050", "980", "1120"), RULES).projectedStatus())
                .isEqualTo(Status.AT_RISK);
        KpiReview over = ReviewCalculator.projected(under, projection("1250", "1100", "1400"), RULES);
        assertThat(over.projectedStatus()).isEqualTo(Status.OFF_TRACK);
        assertThat(over.projectedAttainment()).isEqualByComparingTo("0.8"); // 1000 ÷ 1250
    }

    @Test
    void aLevelOrAFinishedPeriodGetsNoProjection() {
        KpiReview finished = review(sessions("1000"), "900", OVER);
        assertThat(ReviewCalculator.projected(finished, projection("1050", "980", "1120"), RULES).projected()).isNull();
        Target rate = target("quark", KpiDefinition.RESOLUTION_RATE, "0.6", Direction.AT_LEAST, "1",
                TargetPeriod.QUARTER, null);
        assertThat(ReviewCalculator.projected(review(rate, "0.5", HALF_WAY), projection("1", "1", "1"), RULES)
                .projected()).isNull();
    }
}
