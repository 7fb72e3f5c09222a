package aikpi.billing.completeness;

import aikpi.billing.focus.BillingClose;
import aikpi.billing.focus.FocusImportStore;
import aikpi.billing.focus.FocusImportStore.MonthUnit;
import aikpi.platform.changes.DataVersion;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.reporting.ReportingZone;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How complete the ledger is for a period, by the close of its billing months ({@link BillingClose}): a month is
 * complete once it is final and a FOCUS file brought it.
 */
@Singleton
public class CompletenessService {

    private final FocusImportStore imports;
    private final BillingClose close;
    private final ReportingZone zone;
    private final Clock clock;

    public CompletenessService(FocusImportStore imports, BillingClose close, ReportingZone zone, Clock clock) {
        this.imports = imports;
        this.close = close;
        this.zone = zone;
        this.clock = clock;
    }

    public Completeness completeness(Period period) {
        // Taken before anything is read: a change received while the answer is computed is listed after it, never lost.
        String dataVersion = DataVersion.now(clock);
        Instant now = clock.instant();
        List<YearMonth> months = period.months();
        Map<YearMonth, List<MonthUnit>> units = imports.units(months.get(0), months.get(months.size() - 1)).stream()
                .collect(Collectors.groupingBy(MonthUnit::month));
        List<Completeness.Month> answer = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        notes.add("A billing month (the UTC month of a FOCUS BillingPeriodStart) is final " + close.closeDay()
                + " days after it ends in " + zone.zoneId() + " (kpi.billing.close-day); after that it is not restated, "
                + "only corrected (ChargeClass=Correction rows, booked in the open period).");
        notes.add("A month counts as imported once a FOCUS file brought it for any billing account: the service "
                + "cannot know which accounts are still to come. Ledger lines posted one by one are not counted here.");
        notes.add("lateItems counts the FOCUS rows of first imports received after their month was final, by the day "
                + "received (" + zone.zoneId() + ").");
        LocalDate dataThrough = null;
        boolean complete = true;
        Map<LocalDate, Long> late = new TreeMap<>();
        for (YearMonth month : months) {
            List<MonthUnit> of = units.getOrDefault(month, List.of());
            boolean isFinal = close.isFinal(month, now);
            boolean imported = of.stream().anyMatch(u -> !u.correction());
            long restatements = of.stream().filter(u -> u.replaced() != null).map(MonthUnit::importId).distinct()
                    .count();
            of.stream().filter(MonthUnit::late).forEach(u -> late.merge(
                    u.receivedAt().atZone(zone.zoneId()).toLocalDate(), u.rows(), Long::sum));
            answer.add(new Completeness.Month(month.toString(), isFinal, imported, restatements));
            if (!isFinal) {
                notes.add(month + " is final from " + close.finalOn(month) + ".");
            }
            if (!imported) {
                notes.add(month + " has no FOCUS import yet.");
            }
            if (complete && isFinal && imported) {
                LocalDate last = month.atEndOfMonth();
                dataThrough = last.isAfter(period.lastDay()) ? period.lastDay() : last;
            } else {
                complete = false;
            }
        }
        List<Completeness.DayCount> byDay = late.entrySet().stream()
                .map(e -> new Completeness.DayCount(e.getKey(), e.getValue())).toList();
        return new Completeness(period.label(), period.firstDay(), period.lastDay(), zone.zoneId().getId(),
                dataThrough, complete, new Completeness.LateItems(
                        byDay.stream().mapToLong(Completeness.DayCount::items).sum(), byDay), answer, notes,
                dataVersion);
    }
}
