package aikpi.billing.changes;

import aikpi.billing.focus.BillingClose;
import aikpi.billing.focus.FocusImportStore;
import aikpi.billing.fx.FxRebook;
import aikpi.billing.focus.FocusImportStore.ReceivedUnit;
import aikpi.billing.grouprevenue.GroupRevenue;
import aikpi.billing.grouprevenue.GroupRevenueRepository;
import aikpi.billing.ledger.LedgerStore;
import aikpi.billing.ledger.LedgerStore.Posting;
import aikpi.platform.changes.DataChange;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.reporting.ReportingZone;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the ledger received strictly after a data version that touches a period's figures: FOCUS imports of its billing
 * months, a final month's corrections, ledger lines posted for its days and its quarters' reported revenue.
 */
@Singleton
public class ChangesService {

    private final FocusImportStore imports;
    private final LedgerStore ledger;
    private final GroupRevenueRepository groupRevenue;
    private final BillingClose close;
    private final ReportingZone zone;
    private final Clock clock;
    private final FxRebook rebook;

    public ChangesService(FocusImportStore imports, LedgerStore ledger, GroupRevenueRepository groupRevenue,
                          BillingClose close, ReportingZone zone, Clock clock, FxRebook rebook) {
        this.rebook = rebook;
        this.imports = imports;
        this.ledger = ledger;
        this.groupRevenue = groupRevenue;
        this.close = close;
        this.zone = zone;
        this.clock = clock;
    }

    /** The changes, in no particular order ({@code DataChanges.page} sorts them). */
    public List<DataChange> since(Period period, Instant since) {
        ZoneId zoneId = zone.zoneId();
        if (period.start(zoneId).isAfter(clock.instant())) {
            throw new InvalidRequestException(period.label() + " has not begun (it starts on " + period.firstDay()
                    + " in " + zoneId + "): nothing of it can have changed.");
        }
        List<DataChange> changes = new ArrayList<>();
        imports(period, since, changes);
        for (Posting p : ledger.postedAfter(since, period.firstDay(), period.lastDay())) {
            changes.add(new DataChange(DataChange.KIND_LEDGER_LINES, p.recordedAt(), p.bookedOn(), null, null,
                    p.lines(), null, null, null, null, p.lines() + (p.lines() == 1 ? " ledger line" : " ledger lines")
                    + " posted directly (not imported), booked on " + p.bookedOn() + "."));
        }
        for (FxRebook.RebookedDay d : rebook.rebookedAfter(since, period.firstDay(), period.lastDay())) {
            changes.add(new DataChange(DataChange.KIND_FX_REBOOK, d.at(), d.bookedOn(), null, null, d.lines(), null,
                    null, d.by(), null, d.lines() + (d.lines() == 1 ? " ledger line" : " ledger lines") + " booked on "
                    + d.bookedOn() + " reconverted at corrected exchange rates (CNY " + d.deltaCny().toPlainString()
                    + ")."));
        }
        for (GroupRevenue r : groupRevenue.setAfter(since, period.firstDay(), period.lastDay())) {
            changes.add(new DataChange(DataChange.KIND_REPORTED_REVENUE, r.updatedAt(), null, r.quarter(), null, null,
                    null, null, null, null, "The reported revenue of " + r.quarter() + " was set: group CNY "
                    + r.groupRevenueCny().toPlainString() + ", cloud CNY " + r.cloudRevenueCny().toPlainString()
                    + " (source: " + r.source() + ")."));
        }
        return changes;
    }

    /** One change per import and billing month: the import, or the final month's corrections it brought. */
    private void imports(Period period, Instant since, List<DataChange> changes) {
        List<YearMonth> months = period.months();
        // A final month's corrections are booked on the first day of the month they were received in.
        YearMonth firstBooked = YearMonth.from(period.firstDay().getDayOfMonth() == 1
                ? period.firstDay() : period.firstDay().plusMonths(1));
        YearMonth lastBooked = YearMonth.from(period.lastDay());
        Instant bookedFrom = firstBooked.atDay(1).atStartOfDay(zone.zoneId()).toInstant();
        Instant bookedTo = firstBooked.isAfter(lastBooked) ? bookedFrom
                : lastBooked.plusMonths(1).atDay(1).atStartOfDay(zone.zoneId()).toInstant();
        Map<String, List<ReceivedUnit>> byImportAndMonth = new LinkedHashMap<>();
        for (ReceivedUnit u : imports.unitsReceivedAfter(since, months.get(0), months.get(months.size() - 1),
                bookedFrom, bookedTo)) {
            byImportAndMonth.computeIfAbsent(u.importId() + " " + u.month() + " " + u.correction(),
                    k -> new ArrayList<>()).add(u);
        }
        for (List<ReceivedUnit> units : byImportAndMonth.values()) {
            ReceivedUnit first = units.get(0);
            boolean ofPeriod = months.contains(first.month());
            if (first.correction()) {
                LocalDate booked = close.openPeriodStart(first.receivedAt());
                if (ofPeriod || period.contains(booked)) {
                    changes.add(correction(units, ofPeriod ? first.month().atDay(1) : booked, booked));
                }
            } else if (ofPeriod) {
                changes.add(importOf(units));
            }
        }
    }

    private static DataChange importOf(List<ReceivedUnit> units) {
        ReceivedUnit first = units.get(0);
        TreeSet<String> replaced = new TreeSet<>();
        long lateAccounts = 0;
        for (ReceivedUnit u : units) {
            if (u.replaced() != null) {
                replaced.add(u.replaced());
            }
            if (u.late()) {
                lateAccounts++;
            }
        }
        StringBuilder d = new StringBuilder("FOCUS import ").append(first.importId()).append(" brought billing month ")
                .append(first.month()).append(accounts(units)).append(": ").append(rows(units));
        if (!replaced.isEmpty()) {
            d.append("; it restated ").append(replaced.size() == 1 ? "import " : "imports ")
                    .append(String.join(", ", replaced)).append(", replacing its lines of the month");
        }
        if (lateAccounts > 0) {
            d.append(replaced.isEmpty() ? "; it was " : ", and was ").append("the month's first import")
                    .append(lateAccounts < units.size() ? " for " + lateAccounts + " of its accounts" : "")
                    .append(", received after the month was final (late)");
        }
        if (replaced.isEmpty() && lateAccounts == 0) {
            d.append("; the month's first import, before its close");
        }
        return change(DataChange.KIND_IMPORT, units, first.month().atDay(1), d.append('.').toString());
    }

    private static DataChange correction(List<ReceivedUnit> units, LocalDate day, LocalDate booked) {
        ReceivedUnit first = units.get(0);
        String d = "FOCUS import " + first.importId() + " brought corrections of the final billing month "
                + first.month() + accounts(units) + ": " + rows(units) + ", booked on " + booked + " in the open month "
                + YearMonth.from(booked) + ", not in " + first.month() + ".";
        return change(DataChange.KIND_CORRECTION, units, day, d);
    }

    private static DataChange change(String kind, List<ReceivedUnit> units, LocalDate day, String description) {
        ReceivedUnit first = units.get(0);
        long rows = units.stream().mapToLong(ReceivedUnit::rows).sum();
        String subject = units.size() == 1 ? first.account() : null;
        return new DataChange(kind, first.receivedAt(), day, subject, first.importId(), rows, null, null,
                first.sentBy(), first.sha256(), description);
    }

    private static String accounts(List<ReceivedUnit> units) {
        return units.size() == 1 ? " for billing account " + units.get(0).account()
                : " for " + units.size() + " billing accounts";
    }

    private static String rows(List<ReceivedUnit> units) {
        long rows = units.stream().mapToLong(ReceivedUnit::rows).sum();
        return rows + (rows == 1 ? " row" : " rows");
    }
}
