package aikpi.quark.retention;

import aikpi.quark.retention.UserSets.Count;
import aikpi.quark.rollup.Interval;
import aikpi.vocabulary.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.datasketches.theta.Sketch;

/**
 * The retention rules, on sets of users ({@link UserSetSource}): cohort tables, N-day retention, lifecycle and the
 * period summary with the AI lift. Plain Java; the sets come from storage or, in tests, from hand-made data.
 *
 * <p>A window that has not ended by {@code asOf} (today in the reporting zone) is partial; one not begun is left out.
 */
public final class RetentionCalculator {

    /** Week 4 is the retention the AI lift compares: a month on, past the novelty of a first week. */
    static final int SUMMARY_WEEK = 4;

    private final UserSetSource sets;
    private final LocalDate asOf;
    private boolean estimated;

    public RetentionCalculator(UserSetSource sets, LocalDate asOf) {
        this.sets = sets;
        this.asOf = asOf;
    }

    /** Whether any figure computed so far is an estimate. */
    public boolean estimated() {
        return estimated;
    }

    private Count count(Sketch set) {
        Count c = UserSets.count(set);
        estimated |= c.estimate();
        return c;
    }

    /** A part of a cohort: all of them, or those with (or without) an AI session in its first window. */
    private Sketch members(Interval interval, LocalDate cohort, CohortPart part) {
        Sketch all = sets.cohort(interval, cohort);
        return switch (part) {
            case ALL -> all;
            case AI -> UserSets.both(all, sets.active(Activity.AI_SESSION, interval, cohort));
            case NON_AI -> UserSets.minus(all, sets.active(Activity.AI_SESSION, interval, cohort));
        };
    }

    /**
     * The cohorts starting on {@code cohortStarts} (window starts of {@code interval}) and their offsets 0..{@code offsets}
     * (those begun by today).
     *
     * @param exactSize a cohort's exact size by its start (whole cohorts only), or null to count the cohort's set
     */
    public List<CohortTable.Cohort> cohorts(Interval interval, List<LocalDate> cohortStarts, int offsets, Activity returnOn,
                                            CohortPart part, Function<LocalDate, Long> exactSize) {
        List<CohortTable.Cohort> rows = new ArrayList<>();
        for (LocalDate cohort : cohortStarts) {
            Sketch members = members(interval, cohort, part);
            Long exact = part == CohortPart.ALL && exactSize != null ? exactSize.apply(cohort) : null;
            Count counted = exact != null ? null : count(members);
            long size = exact != null ? exact : counted.users();
            List<CohortTable.Cell> cells = new ArrayList<>();
            for (int k = 0; k <= offsets; k++) {
                LocalDate start = interval.plus(cohort, k);
                if (start.isAfter(asOf)) {
                    break;
                }
                LocalDate end = interval.last(start);
                Count retained = count(UserSets.both(members, sets.active(returnOn, interval, start)));
                cells.add(new CohortTable.Cell(k, start, end, retained.users(), Money.ratio(retained.users(), size),
                        !end.isBefore(asOf), low(retained), high(retained)));
            }
            rows.add(new CohortTable.Cohort(cohort, interval.last(cohort), size, counted == null || !counted.estimate(), cells));
        }
        return rows;
    }

    /**
     * Of the users first seen on {@code day}, those active on day N and on day N or later, for each N.
     *
     * @param cohortSize the exact number of users first seen on the day
     */
    public List<DayRetention.Figure> days(LocalDate day, List<Integer> ns, Activity returnOn, long cohortSize) {
        Sketch cohort = sets.cohort(Interval.DAY, day);
        List<DayRetention.Figure> figures = new ArrayList<>();
        for (int n : ns) {
            LocalDate date = day.plusDays(n);
            if (date.isAfter(asOf)) {
                figures.add(new DayRetention.Figure(n, date, true, null, null));
                continue;
            }
            Count onDay = count(UserSets.both(cohort, sets.active(returnOn, Interval.DAY, date)));
            Count onOrAfter = count(UserSets.both(cohort, activeFrom(returnOn, date)));
            figures.add(new DayRetention.Figure(n, date, !date.isBefore(asOf), share(onDay, cohortSize),
                    share(onOrAfter, cohortSize)));
        }
        return figures;
    }

    /**
     * The users active on {@code from} or any day after it up to today: the windows covering those days, largest first
     * where they fit (days up to a Monday or a month's start, then weeks up to a month's start, then months).
     */
    private Sketch activeFrom(Activity activity, LocalDate from) {
        List<Sketch> windows = new ArrayList<>();
        LocalDate d = from;
        while (!d.isAfter(asOf)) {
            Interval interval;
            if (d.getDayOfMonth() == 1) {
                interval = Interval.MONTH;
            } else if (d.equals(Interval.WEEK.start(d)) && !Interval.WEEK.last(d).isAfter(Interval.MONTH.last(d))) {
                interval = Interval.WEEK;
            } else {
                interval = Interval.DAY;
            }
            windows.add(sets.active(activity, interval, d));
            d = interval.plus(d, 1);
        }
        return UserSets.union(windows);
    }

    /** The lifecycle of each window of {@code interval} starting on {@code starts} (in order). */
    public List<Lifecycle.Step> lifecycle(Interval interval, List<LocalDate> starts) {
        List<Lifecycle.Step> steps = new ArrayList<>();
        for (LocalDate start : starts) {
            Sketch now = sets.active(Activity.OPEN, interval, start);
            Sketch before = sets.active(Activity.OPEN, interval, interval.plus(start, -1));
            long active = count(now).users();
            long wasActive = count(before).users();
            long fresh = count(UserSets.both(sets.cohort(interval, start), now)).users();
            // Estimates need not add up; the split is clamped so it always sums to the active users.
            long returning = Math.min(count(UserSets.both(now, before)).users(), Math.min(active - fresh, wasActive));
            long resurrecting = Math.max(0, active - fresh - returning);
            long dormant = -Math.max(0, wasActive - returning);
            LocalDate end = interval.last(start);
            steps.add(new Lifecycle.Step(start, end, !end.isBefore(asOf), active, fresh, Math.max(0, returning),
                    resurrecting, dormant));
        }
        return steps;
    }

    /**
     * The weekly cohorts a period's summary counts: those starting (on a Monday) in the period whose week 4 ended by
     * the period's last day and by yesterday.
     */
    public static List<LocalDate> summaryCohorts(LocalDate firstDay, LocalDate lastDay, LocalDate asOf) {
        LocalDate lastComplete = lastDay.isBefore(asOf) ? lastDay : asOf.minusDays(1);
        LocalDate monday = Interval.WEEK.start(firstDay);
        if (monday.isBefore(firstDay)) {
            monday = monday.plusWeeks(1);
        }
        List<LocalDate> cohorts = new ArrayList<>();
        for (LocalDate c = monday; !Interval.WEEK.last(Interval.WEEK.plus(c, SUMMARY_WEEK)).isAfter(lastComplete);
             c = c.plusWeeks(1)) {
            cohorts.add(c);
        }
        return cohorts;
    }

    /**
     * A period's summary over its weekly cohorts ({@link #summaryCohorts}): week-1 and week-4 retention (an app open),
     * and week 4 of the cohorts' AI users against the others.
     *
     * @param exactSize a weekly cohort's exact size by its Monday
     */
    public RetentionSummary summary(List<LocalDate> mondays, Function<LocalDate, Long> exactSize) {
        long users = 0;
        long aiUsers = 0;
        long nonAiUsers = 0;
        long week1 = 0;
        long week4 = 0;
        long aiWeek4 = 0;
        long nonAiWeek4 = 0;
        boolean withAi = sets.hasAiUsers();
        for (LocalDate c : mondays) {
            Sketch members = sets.cohort(Interval.WEEK, c);
            Sketch ai = withAi ? UserSets.both(members, sets.active(Activity.AI_SESSION, Interval.WEEK, c))
                    : UserSets.empty().compact();
            Sketch backInWeek4 = UserSets.both(members, sets.active(Activity.OPEN, Interval.WEEK,
                    Interval.WEEK.plus(c, SUMMARY_WEEK)));
            Long exact = exactSize.apply(c);
            long size = exact != null ? exact : count(members).users();
            long aiSize = Math.min(size, count(ai).users());
            long back = count(backInWeek4).users();
            // The AI users back are among all those back: the smaller sets make the cheaper intersection, and the
            // others' figures are what remains (one set operation fewer per figure, the same sets either way).
            long aiBack = Math.min(back, count(UserSets.both(ai, backInWeek4)).users());
            users += size;
            aiUsers += aiSize;
            nonAiUsers += size - aiSize;
            week1 += count(UserSets.both(members, sets.active(Activity.OPEN, Interval.WEEK, Interval.WEEK.plus(c, 1)))).users();
            week4 += back;
            aiWeek4 += aiBack;
            nonAiWeek4 += back - aiBack;
        }
        BigDecimal ai = withAi ? Money.ratio(aiWeek4, aiUsers) : null;
        BigDecimal nonAi = withAi ? Money.ratio(nonAiWeek4, nonAiUsers) : null;
        BigDecimal lift = ai == null || nonAi == null ? null : Money.percentagePoints(ai.subtract(nonAi));
        // The counts behind the shares go out with them: a caller adding up apps or units needs them, not the shares.
        return new RetentionSummary(mondays.size(), users, aiUsers, withAi ? nonAiUsers : null, week4,
                withAi ? aiWeek4 : null, withAi ? nonAiWeek4 : null, Money.ratio(week1, users), Money.ratio(week4, users), ai,
                nonAi, lift, estimated, estimated ? UserSets.RELATIVE_STANDARD_ERROR : null,
                withAi ? null : RetentionSummary.NO_AI_USERS);
    }

    private static DayRetention.Share share(Count c, long cohortSize) {
        return new DayRetention.Share(c.users(), Money.ratio(c.users(), cohortSize), low(c), high(c));
    }

    private static Long low(Count c) {
        return c.estimate() ? c.low() : null;
    }

    private static Long high(Count c) {
        return c.estimate() ? c.high() : null;
    }
}
