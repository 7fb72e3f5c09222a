package aikpi.tongyi.changes;

import aikpi.platform.changes.DataChange;
import aikpi.tongyi.completeness.UsageCompleteness;
import aikpi.tongyi.usage.Lateness;
import aikpi.tongyi.usage.UsageStore;
import aikpi.vocabulary.Period;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * What the service received after a data version that changes a period's figures: the late usage events, per day of
 * use and instant received. Nothing else tongyi stores records when it was received (hub snapshots, customers, GPU
 * costs are replaced or added without a receipt), so late usage is the one change it can name.
 */
@Singleton
public class UsageChanges {

    private final UsageStore usage;
    private final UsageCompleteness completeness;

    public UsageChanges(UsageStore usage, UsageCompleteness completeness) {
        this.usage = usage;
        this.completeness = completeness;
    }

    /** The period's changes received strictly after {@code since}, oldest first. */
    public List<DataChange> since(Period period, Instant since) {
        completeness.requireBegun(period);
        return usage.lateArrivalsAfter(period.firstDay(), period.lastDay(), since).stream()
                .map(UsageChanges::lateEvents).toList();
    }

    static DataChange lateEvents(Lateness.LateArrival a) {
        String description = a.items() + (a.items() == 1 ? " usage event for " : " usage events for ") + a.usageDay()
                + " received " + a.receivedAt() + ", after the day was complete";
        return new DataChange(DataChange.KIND_LATE_EVENTS, a.receivedAt(), a.usageDay(), null, null, a.items(), null,
                null, null, null, description);
    }
}
