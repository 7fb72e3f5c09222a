package aikpi.gateway.drivers;

import aikpi.gateway.drivers.DriverKpis.Kind;
import aikpi.gateway.drivers.Drivers.Driver;
import aikpi.gateway.drivers.ShiftShare.Part;
import aikpi.gateway.drivers.ShiftShare.Split;
import aikpi.vocabulary.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a KPI's change between two periods over the members of a dimension (docs/DRIVERS.md). A sum's member
 * contributes its own change; a ratio's member its shift-share rate and mix effects. The largest contributions are
 * listed, the rest summed as "others"; what no member accounts for is the residual row, with the source's reason.
 * Ratios are rounded to {@link Money#RATIO_SCALE} decimals once per figure, and the change is the difference of the
 * view's own (rounded) figures, so what rounding leaves is answered as {@code rounding}: change = Σ contributions +
 * rounding, exactly. A sum has nothing to round. A difference of two ratios in percentage points (the AI lift) is
 * split per member as 100 × (its shift-share contribution to the first ratio − that to the second), its rate and
 * mix effects likewise. Plain Java.
 */
public final class DriversCalculator {

    public static final int SCALE = Money.RATIO_SCALE;
    public static final String OTHERS = "others";
    public static final String RESIDUAL = "residual";
    /** Percentage points: 100 × a difference of ratios, two places to the right. */
    private static final int PP = 2;

    private DriversCalculator() {
    }

    /** The split, before it is dressed with what was asked. */
    public record Result(BigDecimal before, BigDecimal after, BigDecimal change, List<Driver> members, Driver others,
                         Driver residual, BigDecimal rounding) {
    }

    /** A KPI without a value in a period has no change to split (a ratio whose denominator is zero). */
    public static class NoFigureException extends RuntimeException {
        public NoFigureException(String message) {
            super(message);
        }
    }

    private record Row(String member, Part before, Part after, Part subtractedBefore, Part subtractedAfter,
                       Driver driver) {

        Row(String member, Part before, Part after, Driver driver) {
            this(member, before, after, Part.NONE, Part.NONE, driver);
        }
    }

    public static Result compute(String kpiId, Kind kind, String period0, Breakdown b0, String period1, Breakdown b1,
                                 int top) {
        if (kind == Kind.DIFFERENCE) {
            return difference(kpiId, period0, b0, period1, b1, top);
        }
        Set<String> names = new LinkedHashSet<>(b0.members().keySet());
        names.addAll(b1.members().keySet());
        List<Row> rows = new ArrayList<>();
        BigDecimal before;
        BigDecimal after;
        if (kind == Kind.SUM) {
            before = b0.whole().numerator();
            after = b1.whole().numerator();
            for (String name : names) {
                Part p0 = b0.members().getOrDefault(name, Part.NONE);
                Part p1 = b1.members().getOrDefault(name, Part.NONE);
                rows.add(new Row(name, p0, p1, sumDriver(name, p0, p1, null, null)));
            }
        } else {
            before = ratioFigure(kpiId, period0, b0);
            after = ratioFigure(kpiId, period1, b1);
            for (String name : names) {
                Part p0 = b0.members().getOrDefault(name, Part.NONE);
                Part p1 = b1.members().getOrDefault(name, Part.NONE);
                rows.add(new Row(name, p0, p1, ratioDriver(name, p0, p1, b0, b1, null, null)));
            }
        }
        BigDecimal change = after.subtract(before);

        Part rest0 = b0.unexplained();
        Part rest1 = b1.unexplained();
        Driver residual = null;
        if (!rest0.isNone() || !rest1.isNone()) {
            String note = b1.residual() != null ? b1.residual() : b0.residual();
            residual = kind == Kind.SUM ? sumDriver(RESIDUAL, rest0, rest1, null, note)
                    : ratioDriver(RESIDUAL, rest0, rest1, b0, b1, null, note);
        }

        rows.sort(Comparator.comparing((Row r) -> r.driver().contribution().abs()).reversed()
                .thenComparing(Row::member));
        List<Driver> shown = rows.stream().limit(top).map(Row::driver).toList();
        List<Row> rest = rows.stream().skip(top).toList();
        Driver others = rest.isEmpty() ? null : others(kind, rest, b0, b1);

        BigDecimal explained = rows.stream().map(r -> r.driver().contribution()).reduce(BigDecimal.ZERO, BigDecimal::add)
                .add(residual == null ? BigDecimal.ZERO : residual.contribution());
        BigDecimal rounding = change.subtract(explained);
        return new Result(before, after, change, shown, others, residual, rounding);
    }

    /**
     * The difference R − S of two ratios, in percentage points: a member contributes 100 × (its contribution to R − its
     * contribution to S), each by shift-share over the ratio's own weights, so the members add up to the change as
     * each ratio's do. Each ratio's split is rounded at two more decimals, so the points are at the answer's scale.
     */
    private static Result difference(String kpiId, String period0, Breakdown b0, String period1, Breakdown b1, int top) {
        Breakdown s0 = subtracted(b0);
        Breakdown s1 = subtracted(b1);
        BigDecimal before = differenceFigure(kpiId, period0, b0, s0);
        BigDecimal after = differenceFigure(kpiId, period1, b1, s1);
        Set<String> names = new LinkedHashSet<>(b0.members().keySet());
        names.addAll(b1.members().keySet());
        names.addAll(s0.members().keySet());
        names.addAll(s1.members().keySet());
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            Part p0 = b0.members().getOrDefault(name, Part.NONE);
            Part p1 = b1.members().getOrDefault(name, Part.NONE);
            Part q0 = s0.members().getOrDefault(name, Part.NONE);
            Part q1 = s1.members().getOrDefault(name, Part.NONE);
            rows.add(new Row(name, p0, p1, q0, q1, differenceDriver(name, p0, p1, q0, q1, b0, b1, s0, s1, null, null)));
        }
        Part rest0 = b0.unexplained();
        Part rest1 = b1.unexplained();
        Part restS0 = s0.unexplained();
        Part restS1 = s1.unexplained();
        Driver residual = null;
        if (!rest0.isNone() || !rest1.isNone() || !restS0.isNone() || !restS1.isNone()) {
            String note = b1.residual() != null ? b1.residual() : b0.residual();
            residual = differenceDriver(RESIDUAL, rest0, rest1, restS0, restS1, b0, b1, s0, s1, null, note);
        }
        rows.sort(Comparator.comparing((Row r) -> r.driver().contribution().abs()).reversed()
                .thenComparing(Row::member));
        List<Driver> shown = rows.stream().limit(top).map(Row::driver).toList();
        List<Row> rest = rows.stream().skip(top).toList();
        Driver others = null;
        if (!rest.isEmpty()) {
            BigDecimal contribution = rest.stream().map(r -> r.driver().contribution()).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal rate = rest.stream().map(r -> r.driver().rateEffect()).reduce(BigDecimal.ZERO, BigDecimal::add);
            Part p0 = rest.stream().map(Row::before).reduce(Part.NONE, Part::plus);
            Part p1 = rest.stream().map(Row::after).reduce(Part.NONE, Part::plus);
            Part q0 = rest.stream().map(Row::subtractedBefore).reduce(Part.NONE, Part::plus);
            Part q1 = rest.stream().map(Row::subtractedAfter).reduce(Part.NONE, Part::plus);
            others = new Driver(OTHERS, points(p0, q0), points(p1, q1), contribution, null, null, rate,
                    contribution.subtract(rate), rest.size(), null);
        }
        BigDecimal change = after.subtract(before);
        BigDecimal explained = rows.stream().map(r -> r.driver().contribution()).reduce(BigDecimal.ZERO, BigDecimal::add)
                .add(residual == null ? BigDecimal.ZERO : residual.contribution());
        return new Result(before, after, change, shown, others, residual, change.subtract(explained));
    }

    private static Breakdown subtracted(Breakdown b) {
        return b.subtracted() != null ? b.subtracted() : new Breakdown(null, Part.NONE, Map.of(), null);
    }

    private static BigDecimal differenceFigure(String kpiId, String period, Breakdown b, Breakdown s) {
        if (b.figure() != null) {
            return b.figure();
        }
        BigDecimal points = points(b.whole(), s.whole());
        if (points == null) {
            throw new NoFigureException(kpiId + " has no value in " + period + " (one of its ratios has a zero "
                    + "denominator): there is no change to split.");
        }
        return points;
    }

    /** 100 × (the first part's ratio − the second's) at the answer's scale, or null if either has no denominator. */
    static BigDecimal points(Part minuend, Part subtrahend) {
        BigDecimal r = minuend.rate();
        BigDecimal s = subtrahend.rate();
        return r == null || s == null ? null
                : r.subtract(s, ShiftShare.MATH).movePointRight(PP).setScale(SCALE, RoundingMode.HALF_UP);
    }

    private static Driver differenceDriver(String name, Part p0, Part p1, Part q0, Part q1, Breakdown b0, Breakdown b1,
                                           Breakdown s0, Breakdown s1, Integer count, String note) {
        // A ratio whose whole has no denominator in a period has no members there either: nothing to contribute.
        Split first = split(p0, p1, b0.whole().denominator(), b1.whole().denominator());
        Split second = split(q0, q1, s0.whole().denominator(), s1.whole().denominator());
        BigDecimal rate = first.rateEffect().subtract(second.rateEffect()).movePointRight(PP);
        BigDecimal contribution = first.contribution().subtract(second.contribution()).movePointRight(PP);
        return new Driver(name, points(p0, q0), points(p1, q1), contribution, null, null, rate,
                contribution.subtract(rate), count, note);
    }

    private static Split split(Part before, Part after, BigDecimal d0, BigDecimal d1) {
        if (d0.signum() == 0 || d1.signum() == 0) {
            BigDecimal zero = BigDecimal.ZERO.setScale(SCALE + PP);
            return new Split(zero, zero);
        }
        return ShiftShare.split(before, after, d0, d1, SCALE + PP);
    }

    private static BigDecimal ratioFigure(String kpiId, String period, Breakdown b) {
        if (b.figure() != null) {
            return b.figure();
        }
        if (b.whole().denominator().signum() == 0) {
            throw new NoFigureException(kpiId + " has no value in " + period + " (its denominator is zero): there is "
                    + "no change to split.");
        }
        return b.whole().rate().setScale(SCALE, RoundingMode.HALF_UP);
    }

    private static Driver sumDriver(String name, Part p0, Part p1, Integer count, String note) {
        return new Driver(name, p0.numerator(), p1.numerator(), p1.numerator().subtract(p0.numerator()), null, null,
                null, null, count, note);
    }

    private static Driver ratioDriver(String name, Part p0, Part p1, Breakdown b0, Breakdown b1, Integer count,
                                      String note) {
        BigDecimal d0 = b0.whole().denominator();
        BigDecimal d1 = b1.whole().denominator();
        Split split = ShiftShare.split(p0, p1, d0, d1, SCALE);
        return new Driver(name, rounded(p0.rate()), rounded(p1.rate()), split.contribution(),
                ShiftShare.weight(p0, d0, SCALE), ShiftShare.weight(p1, d1, SCALE), split.rateEffect(),
                split.mixEffect(), count, note);
    }

    /** The members past the top, as one row: their summed values (a sum) or their pooled ratio and weight. */
    private static Driver others(Kind kind, List<Row> rest, Breakdown b0, Breakdown b1) {
        BigDecimal contribution = rest.stream().map(r -> r.driver().contribution()).reduce(BigDecimal.ZERO, BigDecimal::add);
        Part p0 = rest.stream().map(Row::before).reduce(Part.NONE, Part::plus);
        Part p1 = rest.stream().map(Row::after).reduce(Part.NONE, Part::plus);
        if (kind == Kind.SUM) {
            return new Driver(OTHERS, p0.numerator(), p1.numerator(), contribution, null, null, null, null,
                    rest.size(), null);
        }
        // Each member's effects are summed as they were rounded, so the others' row adds up as the members' did.
        BigDecimal rate = rest.stream().map(r -> r.driver().rateEffect()).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Driver(OTHERS, rounded(p0.rate()), rounded(p1.rate()), contribution,
                ShiftShare.weight(p0, b0.whole().denominator(), SCALE),
                ShiftShare.weight(p1, b1.whole().denominator(), SCALE), rate, contribution.subtract(rate),
                rest.size(), null);
    }

    private static BigDecimal rounded(BigDecimal value) {
        return value == null ? null : value.setScale(SCALE, RoundingMode.HALF_UP);
    }
}
