package aikpi.tongyi.usage;

import aikpi.platform.ingest.DayCompleteness;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * When a day's usage is complete: {@code kpi.usage.lateness} (TONGYI_LATENESS, 48 h by default) after it ends in the
 * reporting zone. An event received after its day was complete is still stored and counted, and also counted as late
 * (an event whose receipt is unknown, stored before receipts were recorded, never is).
 */
@Singleton
public class Lateness {

    private final DayCompleteness rule;

    public Lateness(@Value("${kpi.usage.lateness:48h}") Duration lateness) {
        this.rule = new DayCompleteness(lateness);
    }

    public Duration duration() {
        return rule.lateness();
    }

    /** The instant from which {@code day}'s usage is complete. */
    public Instant completeAt(LocalDate day, ZoneId zone) {
        return rule.completeAt(day, zone);
    }

    /** The last day complete at {@code now}. */
    public LocalDate lastCompleteDay(Instant now, ZoneId zone) {
        return rule.lastCompleteDay(now, zone);
    }

    boolean isLate(UsageEvent e, ZoneId zone) {
        return rule.isLate(DailyUsage.dayIn(e.occurredAt(), zone), e.receivedAt(), zone);
    }

    /** Late events counted by (day of use, day received), in key order (the order writers touch the rows in). */
    List<LateUsage> rollUp(Collection<UsageEvent> events, ZoneId zone) {
        return byDayReceived(arrivals(events, zone), zone);
    }

    /** Late arrivals ({@link #arrivals}) counted by (day of use, day received), in key order. */
    static List<LateUsage> byDayReceived(List<LateArrival> arrivals, ZoneId zone) {
        Map<LateUsage, Long> items = new TreeMap<>(LateUsage.KEY_ORDER);
        for (LateArrival a : arrivals) {
            items.merge(new LateUsage(a.usageDay(), DailyUsage.dayIn(a.receivedAt(), zone), 0), a.items(), Long::sum);
        }
        return items.entrySet().stream()
                .map(en -> new LateUsage(en.getKey().usageDay(), en.getKey().receivedDay(), en.getValue())).toList();
    }

    /**
     * Late events counted by (day of use, instant received), in key order: what {@code usage_late_arrival} keeps of one
     * storing transaction, fine enough to tell what arrived after a data version.
     */
    List<LateArrival> arrivals(Collection<UsageEvent> events, ZoneId zone) {
        Map<LateArrival, Long> items = new TreeMap<>(LateArrival.KEY_ORDER);
        for (UsageEvent e : events) {
            if (isLate(e, zone)) {
                items.merge(new LateArrival(DailyUsage.dayIn(e.occurredAt(), zone), e.receivedAt(), 0), 1L, Long::sum);
            }
        }
        return items.entrySet().stream()
                .map(en -> new LateArrival(en.getKey().usageDay(), en.getKey().receivedAt(), en.getValue())).toList();
    }

    /** Late events of one day of use received at one instant. */
    public record LateArrival(LocalDate usageDay, Instant receivedAt, long items) {
        static final Comparator<LateArrival> KEY_ORDER = Comparator.comparing(LateArrival::usageDay)
                .thenComparing(LateArrival::receivedAt);
    }

    /** Late events of one day of use received on one day. */
    record LateUsage(LocalDate usageDay, LocalDate receivedDay, long items) {
        static final Comparator<LateUsage> KEY_ORDER = Comparator.comparing(LateUsage::usageDay)
                .thenComparing(LateUsage::receivedDay);
    }
}
