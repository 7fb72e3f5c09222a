package aikpi.quark.audience;

import aikpi.quark.rollup.Interval;
import aikpi.vocabulary.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Distinct-user figures of a period from per-bucket sketches. A bucket holding one group member's sketch is
 * read by its stored estimate; several members' sketches (apps of a unit, features of an app) are merged first,
 * so a user of two of them counts once.
 */
public final class AudienceCalculator {

    private AudienceCalculator() {
    }

    /** Daily and monthly actives of a period. Averages are over the days and months counted ({@link PeriodWindow}). */
    public record ActiveFigures(
            BigDecimal dau,
            BigDecimal mau,
            BigDecimal stickiness,
            long activeUsers,
            int daysCounted,
            int monthsCounted) {
    }

    public static ActiveFigures active(PeriodWindow window, SketchSource source) {
        return active(window.countedDays(), window.countedMonths(), window.wholePeriod(), source);
    }

    /**
     * Daily and monthly actives averaged over the given days and months only (for an app fed by daily aggregates: the
     * days its pipeline sent, and the months they fall in), and the distinct users of {@code whole}.
     */
    public static ActiveFigures active(List<LocalDate> days, List<BucketRange> months, List<BucketRange> whole,
                                       SketchSource source) {
        long activeUsers = distinct(whole, source);
        if (days.isEmpty()) {
            return new ActiveFigures(null, null, null, activeUsers, 0, 0);
        }
        // dau: the mean over the period's days of that day's distinct users.
        Set<LocalDate> counted = new HashSet<>(days);
        long dailySum = perDay(days.get(0), days.get(days.size() - 1), source).entrySet().stream()
                .filter(e -> counted.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        // mau: distinct users of each calendar month of the period, averaged over those months.
        long monthlySum = 0;
        for (BucketRange month : months) {
            monthlySum += distinct(List.of(month), source);
        }
        BigDecimal dau = mean(dailySum, days.size());
        BigDecimal mau = mean(monthlySum, months.size());
        // stickiness = dau ÷ mau, from the unrounded means: (dailySum / days) ÷ (monthlySum / months).
        BigDecimal stickiness = Money.ratio(BigDecimal.valueOf(dailySum).multiply(BigDecimal.valueOf(months.size())),
                BigDecimal.valueOf(monthlySum).multiply(BigDecimal.valueOf(days.size())));
        return new ActiveFigures(dau, mau, stickiness, activeUsers, days.size(), months.size());
    }

    /** Distinct users over the ranges together: one stored sketch is read by its estimate, several are merged. */
    public static long distinct(List<BucketRange> ranges, SketchSource source) {
        List<SketchSource.Cell> cells = new ArrayList<>();
        for (BucketRange r : ranges) {
            cells.addAll(source.cells(r));
        }
        if (cells.isEmpty()) {
            return 0;
        }
        return cells.size() == 1 ? cells.get(0).estimate() : source.distinct(ranges);
    }

    /** Distinct users of each day from {@code from} to {@code to} (days with none are 0). */
    static Map<LocalDate, Long> perDay(LocalDate from, LocalDate to, SketchSource source) {
        Map<LocalDate, Long> perDay = new TreeMap<>();
        Map<LocalDate, Integer> members = new TreeMap<>();
        for (SketchSource.Cell c : source.cells(new BucketRange(Interval.DAY, from, to))) {
            perDay.merge(c.bucketStart(), c.estimate(), Long::sum);
            members.merge(c.bucketStart(), 1, Integer::sum);
        }
        List<LocalDate> shared = members.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        if (!shared.isEmpty()) {
            perDay.putAll(source.distinctPerBucket(Interval.DAY, shared));
        }
        return perDay;
    }

    private static BigDecimal mean(long sum, int count) {
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
}
