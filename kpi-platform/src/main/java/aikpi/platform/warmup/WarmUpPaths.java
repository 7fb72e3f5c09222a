package aikpi.platform.warmup;

import aikpi.vocabulary.Period;
import java.time.LocalDate;
import java.util.List;

/**
 * The paths a start-up warm-up asks, with their periods filled in from the day: {@code {quarter}} the calendar quarter
 * running, {@code {fiscalQuarter}} the same days as a fiscal quarter, {@code {previousFiscalQuarter}} the one before,
 * {@code {fiscalYear}} the fiscal year running. Plain Java.
 */
public final class WarmUpPaths {

    private WarmUpPaths() {
    }

    public static List<String> expand(List<String> paths, LocalDate today) {
        Period quarter = Period.calendarQuarter(today.getYear(), (today.getMonthValue() - 1) / 3 + 1);
        Period fiscalQuarter = quarter.asFiscalQuarter();
        return paths.stream().map(p -> p
                .replace("{quarter}", quarter.label())
                .replace("{fiscalQuarter}", fiscalQuarter.label())
                .replace("{previousFiscalQuarter}", fiscalQuarter.previous().label())
                .replace("{fiscalYear}", Period.fiscalYear(fiscalQuarter.fiscalYear()).label())).toList();
    }
}
