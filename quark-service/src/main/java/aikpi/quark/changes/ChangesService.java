package aikpi.quark.changes;

import aikpi.platform.changes.DataChange;
import aikpi.platform.changes.DataChanges;
import aikpi.platform.paging.Page;
import aikpi.platform.paging.PageRequest;
import aikpi.platform.store.Transactions;
import aikpi.quark.activity.UserEventStream;
import aikpi.quark.days.AppDayStore;
import aikpi.quark.days.AppDayStore.ReceivedVersion;
import aikpi.quark.rollup.LateItemsStore;
import aikpi.quark.rollup.LateItemsStore.LateArrival;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.reporting.ReportingZone;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What quark received after a data version that touches a period's figures: the days of apps fed by daily aggregates
 * sent after it, for the first time ({@link DataChange#KIND_DAY_SENT}) or again ({@link DataChange#KIND_DAY_SENT_AGAIN},
 * one change per version that replaced another), and the events received after their day was complete, per request,
 * stream and day ({@link DataChange#KIND_LATE_EVENTS}). Events received in time are not changes: a review sealed
 * before their day was complete was provisional.
 */
@Singleton
public class ChangesService {

    private final Transactions transactions;
    private final AppDayStore days;
    private final LateItemsStore late;
    private final ReportingZone zone;
    private final Clock clock;

    public ChangesService(Transactions transactions, AppDayStore days, LateItemsStore late, ReportingZone zone,
                          Clock clock) {
        this.transactions = transactions;
        this.days = days;
        this.late = late;
        this.zone = zone;
        this.clock = clock;
    }

    public Page<DataChange> since(Period period, Instant since, PageRequest page) {
        if (period.firstDay().isAfter(zone.today(clock))) {
            throw new InvalidRequestException("period " + period.label() + " has not begun (it starts on "
                    + period.firstDay() + "): nothing of it can have changed.");
        }
        List<DataChange> changes = transactions.read(c -> {
            List<DataChange> all = new ArrayList<>();
            for (ReceivedVersion v : days.versionsReceivedAfter(period.firstDay(), period.lastDay(), since)) {
                all.add(dayChange(v));
            }
            for (LateArrival a : late.arrivals(period.firstDay(), period.lastDay(), since)) {
                all.add(lateChange(a));
            }
            return all;
        });
        return DataChanges.page(changes, page);
    }

    static DataChange dayChange(ReceivedVersion v) {
        if (v.version() == 1) {
            return new DataChange(DataChange.KIND_DAY_SENT, v.receivedAt(), v.day(), v.appId(), null, null, null, 1,
                    null, null, v.appId() + "'s " + v.day() + " sent for the first time (version 1)");
        }
        int old = v.version() - 1;
        return new DataChange(DataChange.KIND_DAY_SENT_AGAIN, v.receivedAt(), v.day(), v.appId(), null, null, old,
                v.version(), null, null, v.appId() + "'s " + v.day() + " sent again: version " + v.version()
                        + " replaced version " + old);
    }

    static DataChange lateChange(LateArrival a) {
        return new DataChange(DataChange.KIND_LATE_EVENTS, a.receivedAt(), a.eventDay(), a.stream(), null, a.items(),
                null, null, null, null, a.items() + " " + itemsOf(a.stream(), a.items()) + " of " + a.eventDay()
                        + " received after the day was complete");
    }

    private static String itemsOf(String stream, long items) {
        String noun = stream.equals(UserEventStream.INSTALL.name()) ? "install"
                : stream.equals(UserEventStream.ACTIVITY.name()) ? "app open"
                : stream.equals(LateItemsStore.AI_SESSIONS) ? "AI session" : stream.toLowerCase() + " event";
        return items == 1 ? noun : noun + "s";
    }
}
