package aikpi.tongyi.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A day's usage of one model by one customer: the unit of the rollups that summaries read instead of raw events.
 * The day is the event's date in the reporting zone; in the monthly rollup it is the first day of the month.
 */
public record DailyUsage(LocalDate day, String customerId, String modelId, long events, long inputTokens,
                         long outputTokens) {

    /** Rollup key order: day, customer, model. Writers touch rows in this order so they never deadlock. */
    static final Comparator<DailyUsage> KEY_ORDER = Comparator.comparing(DailyUsage::day)
            .thenComparing(DailyUsage::customerId).thenComparing(DailyUsage::modelId);

    /** Adds up events into one row per (day in {@code zone}, customer, model), in key order. */
    public static List<DailyUsage> rollUp(Collection<UsageEvent> events, ZoneId zone) {
        return combine(events.stream()
                .map(e -> new DailyUsage(dayIn(e.occurredAt(), zone), e.customerId(), e.modelId(), 1,
                        e.inputTokens(), e.outputTokens()))
                .toList(), UnaryOperator.identity());
    }

    /** The same usage added up by calendar month: the day of each row is the first of its month. */
    public static List<DailyUsage> byMonth(Collection<DailyUsage> days) {
        return combine(days, day -> day.withDayOfMonth(1));
    }

    /** The same usage added up by day across every customer and model (whose ids are then empty). */
    public static List<DailyUsage> totalsByDay(Collection<DailyUsage> days) {
        return combine(days.stream().map(d -> new DailyUsage(d.day(), "", "", d.events(), d.inputTokens(),
                d.outputTokens())).toList(), UnaryOperator.identity());
    }

    private static List<DailyUsage> combine(Collection<DailyUsage> rows, UnaryOperator<LocalDate> bucket) {
        Map<DailyUsage, long[]> sums = new TreeMap<>(KEY_ORDER);
        for (DailyUsage r : rows) {
            DailyUsage key = new DailyUsage(bucket.apply(r.day()), r.customerId(), r.modelId(), 0, 0, 0);
            long[] s = sums.computeIfAbsent(key, k -> new long[3]);
            s[0] += r.events();
            s[1] += r.inputTokens();
            s[2] += r.outputTokens();
        }
        return sums.entrySet().stream()
                .map(en -> new DailyUsage(en.getKey().day(), en.getKey().customerId(), en.getKey().modelId(),
                        en.getValue()[0], en.getValue()[1], en.getValue()[2]))
                .toList();
    }

    static LocalDate dayIn(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }
}
