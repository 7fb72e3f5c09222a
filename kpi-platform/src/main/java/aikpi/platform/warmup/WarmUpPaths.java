package aikpi.platform.warmup;

import aikpi.vocabulary.Period;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The paths a start-up warm-up asks, with their periods filled in from the day: {@code {quarter}} the calendar quarter
 * running, {@code {fiscalQuarter}} the same days as a fiscal quarter, {@code {previousFiscalQuarter}} the one before,
 * {@code {fiscalYear}} the fiscal year running; and from the latest day the service holds data for
 * ({@link LatestDataDay}): {@code {dataQuarter}}, {@code {dataFiscalQuarter}} and {@code {dataFiscalYear}}, the periods
 * holding it. A path naming a data period is left out when the service holds no data, and a path asked twice (the
 * latest data in the running quarter) is asked once. Plain Java.
 */
public final class WarmUpPaths {

    private WarmUpPaths() {
    }

    public static List<String> expand(List<String> paths, LocalDate today) {
        return expand(paths, today, Optional.empty());
    }

    public static List<String> expand(List<String> paths, LocalDate today, Optional<LocalDate> latestDataDay) {
        return paths.stream()
                .filter(p -> latestDataDay.isPresent() || !p.contains("{data"))
                .map(p -> fill(p, "", today))
                .map(p -> latestDataDay.map(day -> fill(p, "data", day)).orElse(p))
                .distinct().toList();
    }

    /** Fills in the placeholders of {@code prefix} ("" or "data") with the periods holding {@code day}. */
    private static String fill(String path, String prefix, LocalDate day) {
        Period quarter = Period.calendarQuarter(day.getYear(), (day.getMonthValue() - 1) / 3 + 1);
        Period fiscalQuarter = quarter.asFiscalQuarter();
        return path
                .replace(placeholder(prefix, "quarter"), quarter.label())
                .replace(placeholder(prefix, "fiscalQuarter"), fiscalQuarter.label())
                .replace(placeholder(prefix, "previousFiscalQuarter"), fiscalQuarter.previous().label())
                .replace(placeholder(prefix, "fiscalYear"), Period.fiscalYear(fiscalQuarter.fiscalYear()).label());
    }

    private static String placeholder(String prefix, String name) {
        return "{" + (prefix.isEmpty() ? name : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1)) + "}";
    }
}
