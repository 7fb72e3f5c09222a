package aikpi.gateway.reviews;

import aikpi.gateway.conversion.KpiDefinition;
import aikpi.gateway.conversion.KpiDefinition.Nature;
import aikpi.gateway.projection.PeriodProjection.Projection;
import aikpi.gateway.reviews.Review.FloorReview;
import aikpi.gateway.reviews.Review.KpiReview;
import aikpi.gateway.reviews.Review.ScopeReview;
import aikpi.gateway.reviews.Review.Status;
import aikpi.gateway.targets.Target;
import aikpi.gateway.targets.Target.Direction;
import aikpi.gateway.targets.Target.QualityFloor;
import aikpi.gateway.targets.Target.TargetPeriod;
import aikpi.gateway.targets.TargetRules;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.PeriodKind;
import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The rules of a review, in plain Java (no I/O, no framework): the target in force, attainment, pace, status, the
 * quality floor (volume without quality earns nothing) and the weighted score. docs/REVIEWS.md states each rule with
 * worked examples, the same ones ReviewCalculatorTest checks.
 */
public final class ReviewCalculator {

    private static final int SCALE = Money.RATIO_SCALE;

    private ReviewCalculator() {
    }

    /** Where a period stands on the review's day. */
    public enum Progress { NOT_STARTED, RUNNING, FINISHED }

    /** How far into the period the review's day is: days elapsed (today included) of the period's days. */
    public record Timing(Progress progress, long elapsedDays, long days) {

        public BigDecimal share() {
            return BigDecimal.valueOf(elapsedDays).divide(BigDecimal.valueOf(days), SCALE, RoundingMode.HALF_UP);
        }
    }

    public static Timing timing(Period period, LocalDate today) {
        long days = period.lengthInDays();
        if (today.isBefore(period.firstDay())) {
            return new Timing(Progress.NOT_STARTED, 0, days);
        }
        if (today.isAfter(period.lastDay())) {
            return new Timing(Progress.FINISHED, days, days);
        }
        return new Timing(Progress.RUNNING, ChronoUnit.DAYS.between(period.firstDay(), today) + 1, days);
    }

    /**
     * A figure of one scope for the review's period: known with its value (null when the figure is undefined, such as
     * a rate with nothing to divide by: the target is then not met), or unknown because its source did not answer.
     */
    public record Actual(@Nullable BigDecimal value, boolean known, @Nullable String reason) {

        public static Actual of(@Nullable BigDecimal value) {
            return new Actual(value, true, value == null ? "no figure for the period (nothing to measure yet)" : null);
        }

        public static Actual undefined(String reason) {
            return new Actual(null, true, reason);
        }

        public static Actual unknown(String reason) {
            return new Actual(null, false, reason);
        }
    }

    /** The value of a target for a review period: a fiscal quarter (or the calendar quarter of the same days) or a fiscal year. */
    public static BigDecimal inForce(Target target, KpiDefinition kpi, Period review) {
        BigDecimal set = target.target();
        if (kpi.nature() != Nature.FLOW) {
            return set;
        }
        if (review.kind() == PeriodKind.FISCAL_YEAR) {
            return target.period() == TargetPeriod.QUARTER ? Money.plain(set.multiply(BigDecimal.valueOf(4))) : set;
        }
        if (target.period() == TargetPeriod.QUARTER) {
            return set;
        }
        Period year = Period.fiscalYear(review.fiscalYear());
        // Money stays in fen; other figures keep six decimals (a pro-rated count may be fractional).
        int scale = kpi.unit().equals("CNY") ? Money.SCALE : SCALE;
        return Money.plain(set.multiply(BigDecimal.valueOf(review.lengthInDays()))
                .divide(BigDecimal.valueOf(year.lengthInDays()), scale, RoundingMode.HALF_UP));
    }

    /**
     * Reviews one target.
     *
     * @param floor the figure of the target's quality floor KPI in the same scope and period; null when it has none
     */
    public static KpiReview review(Target target, KpiDefinition kpi, Period period, Actual actual,
                                   @Nullable Actual floor, Timing timing, ReviewRules rules) {
        BigDecimal goal = inForce(target, kpi, period);
        FloorReview floorReview = floorReview(target.qualityFloor(), floor);
        if (timing.progress() == Progress.NOT_STARTED) {
            return kpiReview(target, kpi, goal, actual.value(), null, null, null, Status.NOT_STARTED, floorReview,
                    false, null, true, "the period has not begun");
        }
        if (!actual.known()) {
            return kpiReview(target, kpi, goal, null, null, null, null, Status.UNKNOWN, floorReview, false, null,
                    false, actual.reason());
        }
        if (actual.value() == null) {
            // The source answered and there is nothing to measure (a rate without sessions, a quarter whose group
            // revenue is not reported yet): no figure yet while the period runs; nothing delivered once it is over.
            boolean over = timing.progress() == Progress.FINISHED;
            return kpiReview(target, kpi, goal, null, null, null, null, over ? Status.OFF_TRACK : Status.UNKNOWN,
                    floorReview, false, over ? BigDecimal.ZERO : null, true, actual.reason());
        }
        BigDecimal value = actual.value();
        boolean atLeast = target.direction() == Direction.AT_LEAST;
        boolean met = atLeast ? value.compareTo(goal) >= 0 : value.compareTo(goal) <= 0;
        BigDecimal raw = atLeast ? (goal.signum() > 0 ? Money.ratio(value, goal) : null)
                : (value.signum() > 0 && goal.signum() >= 0 ? Money.ratio(goal, value) : null);
        BigDecimal attainment = bounded(raw, rules);

        boolean running = timing.progress() == Progress.RUNNING;
        BigDecimal expected = null;
        BigDecimal pace = null;
        if (running && kpi.nature() == Nature.FLOW) {
            expected = Money.plain(goal.multiply(BigDecimal.valueOf(timing.elapsedDays()))
                    .divide(BigDecimal.valueOf(timing.days()), kpi.unit().equals("CNY") ? Money.SCALE : SCALE,
                            RoundingMode.HALF_UP));
            pace = Money.ratio(value, expected);
        }
        Status status = status(kpi, atLeast, met, raw, expected, value, pace, timing, rules);

        boolean counted;
        BigDecimal scored;
        boolean known = true;
        String reason = null;
        if (floorReview == null || Boolean.TRUE.equals(floorReview.met())) {
            counted = true;
            scored = attainment != null ? attainment : (met ? BigDecimal.ONE : BigDecimal.ZERO);
        } else if (floorReview.met() == null && floor != null && !floor.known()) {
            counted = false;
            scored = null;
            known = false;
            reason = "the quality floor's figure " + floorReview.kpiId() + " is unknown: " + floor.reason();
        } else {
            counted = false;
            scored = BigDecimal.ZERO;
            reason = floorReview.actual() == null
                    ? "not counted: no " + floorReview.kpiId() + " figure shows the quality floor holds"
                    : "not counted: " + floorReview.kpiId() + " is " + floorReview.actual().toPlainString()
                    + ", outside its floor " + band(floorReview);
        }
        return kpiReview(target, kpi, goal, value, attainment, expected, pace, status, floorReview, counted, scored,
                known, reason);
    }

    private static Status status(KpiDefinition kpi, boolean atLeast, boolean met, BigDecimal rawAttainment,
                                 BigDecimal expected, BigDecimal value, BigDecimal pace, Timing timing,
                                 ReviewRules rules) {
        if (timing.progress() == Progress.FINISHED) {
            return met ? Status.MET : Status.OFF_TRACK;
        }
        if (kpi.nature() == Nature.LEVEL) {
            return met ? Status.ON_TRACK : byProgress(rawAttainment, rules);
        }
        if (atLeast) {
            return met ? Status.MET : byProgress(pace, rules);
        }
        if (!met) {
            return Status.OFF_TRACK;
        }
        // An AT_MOST flow within its whole budget: how far under the budget to date it is.
        return value.signum() <= 0 ? Status.ON_TRACK : byProgress(Money.ratio(expected, value), rules);
    }

    private static Status byProgress(BigDecimal progress, ReviewRules rules) {
        if (progress == null) {
            return Status.OFF_TRACK;
        }
        if (progress.compareTo(rules.onTrack()) >= 0) {
            return Status.ON_TRACK;
        }
        return progress.compareTo(rules.atRisk()) >= 0 ? Status.AT_RISK : Status.OFF_TRACK;
    }

    private static BigDecimal bounded(BigDecimal raw, ReviewRules rules) {
        if (raw == null) {
            return null;
        }
        return raw.max(BigDecimal.ZERO).min(rules.attainmentCap()).setScale(SCALE, RoundingMode.HALF_UP);
    }

    private static FloorReview floorReview(QualityFloor floor, Actual actual) {
        if (floor == null) {
            return null;
        }
        BigDecimal value = actual == null ? null : actual.value();
        Boolean met;
        if (value != null) {
            met = floor.holds(value);
        } else {
            met = actual != null && actual.known() ? Boolean.FALSE : null;
        }
        return new FloorReview(floor.kpiId(), floor.min(), floor.max(), value, met);
    }

    private static String band(FloorReview floor) {
        if (floor.min() != null && floor.max() != null) {
            return floor.min().toPlainString() + "…" + floor.max().toPlainString();
        }
        return floor.min() != null ? "≥ " + floor.min().toPlainString() : "≤ " + floor.max().toPlainString();
    }

    private static KpiReview kpiReview(Target t, KpiDefinition kpi, BigDecimal goal, BigDecimal actual,
                                       BigDecimal attainment, BigDecimal expected, BigDecimal pace, Status status,
                                       FloorReview floor, boolean counted, BigDecimal scored, boolean known,
                                       String reason) {
        return new KpiReview(kpi.id(), t.scope(), kpi.unit(), kpi.nature().name(), goal, t.target(), t.period(),
                t.version(), t.direction(), actual, attainment, expected, pace, status, t.weight(), floor, counted,
                scored, known, reason, null, null, null, null, null, null);
    }

    /**
     * A running flow's review with its projected period end beside its pace. The projection's status is ON_TRACK
     * only when the projection meets the target (MET when the actual already has); AT_RISK when only the 80%
     * interval reaches it; OFF_TRACK otherwise, and for an AT_MOST flow already over its whole budget.
     */
    public static KpiReview projected(KpiReview k, @Nullable Projection projection, ReviewRules rules) {
        if (projection == null || k.actual() == null || k.expectedToDate() == null) {
            return k;
        }
        BigDecimal goal = k.target();
        BigDecimal value = projection.projected();
        boolean atLeast = k.direction() == Direction.AT_LEAST;
        BigDecimal raw = atLeast ? (goal.signum() > 0 ? Money.ratio(value, goal) : null)
                : (value.signum() > 0 && goal.signum() >= 0 ? Money.ratio(goal, value) : null);
        Status status;
        if (atLeast) {
            status = value.compareTo(goal) >= 0 ? (k.status() == Status.MET ? Status.MET : Status.ON_TRACK)
                    : projection.high().compareTo(goal) >= 0 ? Status.AT_RISK : Status.OFF_TRACK;
        } else {
            status = k.actual().compareTo(goal) > 0 ? Status.OFF_TRACK
                    : value.compareTo(goal) <= 0 ? Status.ON_TRACK
                    : projection.low().compareTo(goal) <= 0 ? Status.AT_RISK : Status.OFF_TRACK;
        }
        return k.withProjection(projection.method().name(), Money.plain(value), Money.plain(projection.low()),
                Money.plain(projection.high()), bounded(raw, rules), status);
    }

    /**
     * A scope's score over its reviewed targets; complete unless a figure it needs is unknown.
     */
    public static ScopeReview score(String scope, List<KpiReview> kpis, ReviewRules rules) {
        BigDecimal weights = BigDecimal.ZERO;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal sumAtPace = BigDecimal.ZERO;
        boolean complete = true;
        int counted = 0;
        for (KpiReview k : kpis) {
            complete &= k.known();
            if (k.scored() == null) {
                continue;
            }
            if (k.counted()) {
                counted++;
            }
            weights = weights.add(k.weight());
            sum = sum.add(k.weight().multiply(k.scored()));
            sumAtPace = sumAtPace.add(k.weight().multiply(atPace(k, rules)));
        }
        return new ScopeReview(scope, null, Money.ratio(sum, weights), Money.ratio(sumAtPace, weights), complete,
                kpis.size(), counted, kpis);
    }

    /** What a KPI adds at pace: a running flow's pace (expectedToDate ÷ actual for AT_MOST), bounded as attainment. */
    static BigDecimal atPace(KpiReview k, ReviewRules rules) {
        if (!k.counted() || k.expectedToDate() == null) {
            return k.scored();
        }
        BigDecimal progress = k.direction() == Direction.AT_LEAST ? k.pace()
                : k.actual().signum() > 0 ? Money.ratio(k.expectedToDate(), k.actual()) : null;
        if (progress == null) {
            return k.status() == Status.OFF_TRACK ? BigDecimal.ZERO : BigDecimal.ONE;
        }
        return bounded(progress, rules);
    }

    /** The group first (unranked), then the business units by score, highest first; a unit with no score last. */
    public static List<ScopeReview> rank(List<ScopeReview> scopes) {
        List<ScopeReview> ranked = new ArrayList<>();
        scopes.stream().filter(s -> s.scope().equals(TargetRules.GROUP)).forEach(ranked::add);
        List<ScopeReview> units = scopes.stream().filter(s -> !s.scope().equals(TargetRules.GROUP))
                .sorted(Comparator.comparing(ScopeReview::score, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(ScopeReview::scope))
                .toList();
        int rank = 0;
        for (ScopeReview u : units) {
            ranked.add(new ScopeReview(u.scope(), u.score() == null ? null : ++rank, u.score(), u.scoreAtPace(),
                    u.complete(), u.targets(), u.counted(), u.kpis()));
        }
        return ranked;
    }
}
