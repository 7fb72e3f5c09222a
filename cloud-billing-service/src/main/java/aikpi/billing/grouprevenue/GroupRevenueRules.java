package aikpi.billing.grouprevenue;

import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** What a reported quarter must look like: a quarter by either name, and amounts that can be true. */
public final class GroupRevenueRules {

    static final int MAX_SOURCE_LENGTH = 500;

    private GroupRevenueRules() {
    }

    /**
     * The calendar quarter that {@code text} names: {@code 2024-Q4} and {@code FY2025-Q3} are the same quarter and
     * both answer {@code 2024-Q4}. Any other kind of period is refused (400, naming the accepted forms).
     */
    public static Period quarter(String text) {
        return Period.parse(text).asCalendarQuarter();
    }

    /** Checks the figures; throws one 400 naming every problem. */
    public static void check(GroupRevenueRequest r) {
        List<String> problems = new ArrayList<>();
        amount("groupRevenueCny", r.groupRevenueCny(), problems);
        amount("cloudRevenueCny", r.cloudRevenueCny(), problems);
        if (problems.isEmpty() && r.groupRevenueCny().signum() == 0) {
            problems.add("groupRevenueCny must be more than zero: a share of nothing is not a share");
        }
        if (problems.isEmpty() && r.cloudRevenueCny().compareTo(r.groupRevenueCny()) > 0) {
            problems.add("cloudRevenueCny (" + r.cloudRevenueCny().toPlainString() + ") cannot exceed groupRevenueCny ("
                    + r.groupRevenueCny().toPlainString() + "): cloud is part of the group");
        }
        if (r.source() == null || r.source().isBlank()) {
            problems.add("source is required (where the figures were reported, e.g. the quarterly results)");
        } else if (r.source().length() > MAX_SOURCE_LENGTH) {
            problems.add("source is longer than " + MAX_SOURCE_LENGTH + " characters");
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(String.join("; ", problems) + ".");
        }
    }

    private static void amount(String field, BigDecimal value, List<String> problems) {
        if (value == null) {
            problems.add(field + " is required");
        } else if (value.signum() < 0) {
            problems.add(field + " must not be negative (was " + value.toPlainString() + ")");
        } else if (!Money.isStorable(value)) {
            problems.add(field + " must be an amount in CNY with at most two decimals (fen), was " + value.toPlainString());
        }
    }
}
