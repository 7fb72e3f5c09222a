package aikpi.billing.fx;

import aikpi.billing.ledger.LedgerLine;
import aikpi.vocabulary.InvalidRequestException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * What a rate must be: an ISO 4217 currency other than CNY (CNY needs no rate), a day not in the future, CNY per unit
 * above zero with at most {@value #MAX_DECIMALS} decimals ({@code NUMERIC(38,10)}), and a source.
 */
public final class FxRateRules {

    public static final int MAX_DECIMALS = 10;
    static final int MAX_SOURCE = 500;
    private static final BigDecimal MAX_RATE = new BigDecimal("1E27");

    private FxRateRules() {
    }

    /** The ISO 4217 code {@code text} names (upper case), or a message saying why it is none. */
    public static String currency(String text, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add("currency is missing");
            return null;
        }
        String code = text.strip();
        if (!code.matches("[A-Z]{3}")) {
            problems.add("currency must be an ISO 4217 code of three capital letters, such as USD (was '" + code + "')");
            return null;
        }
        try {
            Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            problems.add("currency '" + code + "' is not an ISO 4217 currency");
            return null;
        }
        return code;
    }

    /** The rate's problems, in the order a writer fixes them; empty when it may be stored. */
    public static List<String> check(String currencyText, String dayText, BigDecimal cnyPerUnit, String source,
                                     LocalDate today) {
        List<String> problems = new ArrayList<>();
        String code = currency(currencyText, problems);
        if (LedgerLine.CNY.equals(code)) {
            problems.add("CNY needs no rate: the ledger books CNY at 1");
        }
        LocalDate day = day(dayText, problems);
        if (day != null && day.isAfter(today)) {
            problems.add("date " + day + " is in the future; a rate is set for a day that has begun (today is " + today + ")");
        }
        if (cnyPerUnit == null) {
            problems.add("cnyPerUnit is missing");
        } else if (cnyPerUnit.signum() <= 0) {
            problems.add("cnyPerUnit must be above zero (was " + cnyPerUnit.toPlainString() + ")");
        } else if (cnyPerUnit.stripTrailingZeros().scale() > MAX_DECIMALS) {
            problems.add("cnyPerUnit has more than " + MAX_DECIMALS + " decimals (was " + cnyPerUnit.toPlainString() + ")");
        } else if (cnyPerUnit.compareTo(MAX_RATE) >= 0) {
            problems.add("cnyPerUnit is implausibly large (" + cnyPerUnit.toPlainString() + ")");
        }
        if (source == null || source.isBlank()) {
            problems.add("source is missing: say where the rate comes from");
        } else if (source.strip().length() > MAX_SOURCE) {
            problems.add("source is longer than " + MAX_SOURCE + " characters");
        }
        return problems;
    }

    static LocalDate day(String text, List<String> problems) {
        if (text == null || text.isBlank()) {
            problems.add("date is missing");
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(text.strip());
            if (day.getYear() < 1990) {
                problems.add("date " + day + " is before 1990");
                return null;
            }
            return day;
        } catch (DateTimeParseException e) {
            problems.add("date must be a day such as 2025-03-14 (was '" + text.strip() + "')");
            return null;
        }
    }

    /** A single rate's problems as one 400. */
    static void require(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("The rate is refused and nothing was stored: " + String.join("; ", problems) + ".");
        }
    }
}
