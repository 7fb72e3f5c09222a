package aikpi.gateway.targets;

import aikpi.vocabulary.InvalidPeriodException;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.PeriodKind;

/**
 * Fiscal years as targets name them: {@code FY2026} (2025-04-01 … 2026-03-31), read by the period grammar, within the
 * suite's 1990–2199.
 */
public final class FiscalYears {

    public static final int EARLIEST = 1990;
    public static final int LATEST = 2199;

    private FiscalYears() {
    }

    /** @throws InvalidRequestException unless {@code text} is {@code FYnnnn} with nnnn in 1990..2199 */
    public static int parse(String text) {
        Period period;
        try {
            period = Period.parse(text);
        } catch (InvalidPeriodException e) {
            period = null;
        }
        if (period == null || period.kind() != PeriodKind.FISCAL_YEAR) {
            throw new InvalidRequestException("'" + text + "' is not a fiscal year: write FY2026 for the year "
                    + "2025-04-01 … 2026-03-31.");
        }
        int year = period.fiscalYear();
        if (year < EARLIEST || year > LATEST) {
            throw new InvalidRequestException("'" + text + "' lies outside the fiscal years FY" + EARLIEST + " … FY"
                    + LATEST + ".");
        }
        return year;
    }

    public static String label(int fiscalYear) {
        return Period.fiscalYear(fiscalYear).label();
    }
}
