package aikpi.quark.completeness;

import aikpi.platform.changes.DataVersion;
import aikpi.platform.store.Transactions;
import aikpi.quark.apps.App;
import aikpi.quark.apps.AppRepository;
import aikpi.quark.apps.Feed;
import aikpi.quark.completeness.Completeness.DayItems;
import aikpi.quark.completeness.Completeness.Missing;
import aikpi.quark.days.AppDayStore;
import aikpi.quark.rollup.LateItemsStore;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.reporting.ReportingZone;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * How complete quark's data is for a period. Apps fed by events: a day is complete {@code kpi.ingest.lateness} after
 * it ends, and events received later are counted late ({@link LateItemsStore}). Apps fed by daily aggregates: a day is
 * complete once the app sent it; the days of the period since its launch that have ended and are not sent are listed.
 */
@Singleton
public class CompletenessService {

    private final Transactions transactions;
    private final AppRepository apps;
    private final LateItemsStore late;
    private final AppDayStore days;
    private final ReportingZone zone;
    private final Clock clock;

    public CompletenessService(Transactions transactions, AppRepository apps, LateItemsStore late, AppDayStore days,
                               ReportingZone zone, Clock clock) {
        this.transactions = transactions;
        this.apps = apps;
        this.late = late;
        this.days = days;
        this.zone = zone;
        this.clock = clock;
    }

    public Completeness of(Period period) {
        // Before anything is read: a change received meanwhile is listed since this version, never lost.
        String dataVersion = DataVersion.now(clock);
        ZoneId zoneId = zone.zoneId();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zoneId);
        LocalDate from = period.firstDay();
        LocalDate to = period.lastDay();
        List<App> fedByDays = apps.findAllOrderByAppId().stream().filter(a -> a.feed() == Feed.AGGREGATES).toList();
        record Read(Map<String, Set<LocalDate>> sent, SortedMap<LocalDate, Long> late) {
        }
        Read read = transactions.read(c -> new Read(days.sentDays(from, to), late.byDayReceived(from, to, zoneId)));

        // Complete through: the events' last complete day, and the day before the first day an app has not sent.
        LocalDate through = min(to, late.lastCompleteDay(now, zoneId));
        List<Missing> missing = new ArrayList<>();
        for (App app : fedByDays) {
            Set<LocalDate> sent = read.sent().getOrDefault(app.appId(), Set.of());
            List<LocalDate> notSent = new ArrayList<>();
            for (LocalDate d = max(from, app.launchedOn()); !d.isAfter(to); d = d.plusDays(1)) {
                if (!sent.contains(d)) {
                    through = min(through, d.minusDays(1));
                    if (d.isBefore(today)) {
                        notSent.add(d);
                    }
                }
            }
            if (!notSent.isEmpty()) {
                missing.add(new Missing(app.appId(), notSent));
            }
        }
        LocalDate dataThrough = through.isBefore(from) ? null : through;

        List<DayItems> byDay = new ArrayList<>();
        read.late().forEach((day, items) -> byDay.add(new DayItems(day, items)));
        long total = byDay.stream().mapToLong(DayItems::items).sum();
        return new Completeness(period.label(), from, to, zoneId.getId(), dataThrough, to.equals(dataThrough), dataVersion,
                new Completeness.LateItemsStore(total, byDay), missing, notes(period, today));
    }

    private List<String> notes(Period period, LocalDate today) {
        List<String> notes = new ArrayList<>();
        if (!period.lastDay().isBefore(today)) {
            notes.add("The period has not ended: its days after yesterday cannot be complete yet.");
        }
        notes.add("Apps fed by events: a day is complete " + late.lateness() + " after it ends in " + zone.zoneId()
                + " (kpi.ingest.lateness); an event received later is stored and counted, and counted in lateItems on "
                + "the day it was received. Events stored before quark kept when they were received are never late.");
        notes.add("Apps fed by daily aggregates: a day is complete once the app sent it (PUT /api/v1/apps/{appId}/days/"
                + "{date}); days before an app's launch are not expected. Each app is taken with the feed it has now.");
        return notes;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
