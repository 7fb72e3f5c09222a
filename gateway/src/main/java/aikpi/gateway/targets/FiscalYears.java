package aikpi.gateway.targets;

import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.Period;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fiscal years as targets name them: {@code FY2026} (2025-04-01 … 2026-03-31), within the suite's 1990–2199. */
public final class FiscalYears {

    public static final int EARLIEST = 1990;
    public static final int LATEST = 2199;
    private static final Pattern FISCAL_YEAR = Pattern.compile("FY(\\d{4})");

    private FiscalYears() {
    }

    /** @throws InvalidRequestException unless {@code text} is {@code FYnnnn} with nnnn in 1990..2199 */
    public static int parse(String text) {
        Matcher m = FISCAL_YEAR.matcher(text == null ? "" : text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidRequestException("'" + text + "' is not a fiscal year: write FY2026 for the year "
                    + "2025-04-01 … 2026-03-31.");
        }
        int year = Integer.parseInt(m.group(1));
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
