package aikpi.quark.days;

import aikpi.platform.problem.NotFoundException;
import aikpi.platform.store.Transactions;
import aikpi.quark.apps.App;
import aikpi.quark.apps.AppConflictException;
import aikpi.quark.apps.AppLocks;
import aikpi.quark.apps.AppRepository;
import aikpi.quark.apps.Feed;
import aikpi.quark.days.AppDayStore.Current;
import aikpi.quark.days.AppDayStore.DayRow;
import aikpi.vocabulary.reporting.ReportingZone;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Takes the days of apps fed by daily aggregates: checks a day by {@link DayRules} (nothing is stored when anything
 * is wrong), then, under the app's lock, stores it as the day's next version and writes it into quark's aggregates,
 * in one transaction. A PUT of the figures already counted changes nothing.
 */
@Singleton
public class AppDayService {

    private final AppRepository apps;
    private final AppLocks locks;
    private final AppDayStore days;
    private final DayAggregates aggregates;
    private final Transactions transactions;
    private final ReportingZone zone;
    private final Clock clock;

    public AppDayService(AppRepository apps, AppLocks locks, AppDayStore days, DayAggregates aggregates,
                         Transactions transactions, ReportingZone zone, Clock clock) {
        this.apps = apps;
        this.locks = locks;
        this.days = days;
        this.aggregates = aggregates;
        this.transactions = transactions;
        this.zone = zone;
        this.clock = clock;
    }

    /** The day as stored, and whether this was its first version. */
    public record Stored(DayView day, boolean created) {
    }

    public Stored put(String appId, LocalDate day, DayRequest body) {
        App app = apps.findById(appId).orElseThrow(() -> new NotFoundException("app", appId));
        requireAggregates(appId, app.feed());
        DayRow row = DayRow.of(DayRules.check(appId, day, body, zone.today(clock)));
        return transactions.write(c -> {
            App locked = locks.lock(appId).orElseThrow(() -> new NotFoundException("app", appId));
            requireAggregates(appId, locked.feed());
            Optional<Current> before = days.current(appId, day);
            if (before.isPresent() && before.get().row().sameFigures(row)) {
                return new Stored(days.view(appId, day).orElseThrow(), false);
            }
            days.save(appId, day, row, before, clock.instant());
            aggregates.apply(appId, day, row, before.isPresent());
            return new Stored(days.view(appId, day).orElseThrow(), before.isEmpty());
        });
    }

    public DayView get(String appId, LocalDate day) {
        if (!apps.existsById(appId)) {
            throw new NotFoundException("app", appId);
        }
        return transactions.read(c -> days.view(appId, day))
                .orElseThrow(() -> new NotFoundException("day", appId + "/" + day));
    }

    private static void requireAggregates(String appId, Feed feed) {
        if (feed != Feed.AGGREGATES) {
            throw new AppConflictException("app '" + appId + "' is fed by events (feed " + feed + "): it takes no "
                    + "daily aggregates; make it feed AGGREGATES (PUT /api/v1/apps/" + appId + ") while it holds no events");
        }
    }
}
