package aikpi.billing.vouchers;

import aikpi.vocabulary.CalendarDates;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.StoredText;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a voucher must look like before it is stored. */
public final class VoucherRules {

    /** Customer and business unit ids are lower-case slugs, the same in every service. */
    public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9.\\-]{0,63}");
    public static final int MAX_VOUCHER_ID_LENGTH = 128;

    private VoucherRules() {
    }

    /** Checks a voucher id and its terms; throws one 400 naming every problem. */
    public static void check(String voucherId, VoucherRequest r) {
        List<String> problems = new ArrayList<>();
        if (voucherId.isBlank() || voucherId.length() > MAX_VOUCHER_ID_LENGTH) {
            problems.add("voucherId must have 1 to " + MAX_VOUCHER_ID_LENGTH + " characters");
        } else if (!StoredText.isStorable(voucherId)) {
            // the path's id is stored as the voucher's, so the text rule of every body applies to it
            problems.add("voucherId " + StoredText.problem(voucherId));
        }
        if (r.customerId() == null || r.customerId().isBlank()) {
            problems.add("customerId is required");
        } else if (!SLUG.matcher(r.customerId()).matches()) {
            problems.add("customerId must be a lower-case slug (was '" + r.customerId() + "')");
        }
        if (r.customerKind() == null) {
            problems.add("customerKind is required (INVESTEE, PARTNER or OTHER)");
        }
        if (r.amountCny() == null) {
            problems.add("amountCny is required");
        } else if (r.amountCny().signum() <= 0) {
            problems.add("amountCny must be more than zero (was " + r.amountCny().toPlainString() + ")");
        } else if (!Money.isStorable(r.amountCny())) {
            problems.add("amountCny must be an amount in CNY with at most two decimals (fen), was "
                    + r.amountCny().toPlainString());
        }
        boolean issued = checkDate("issuedOn", r.issuedOn(), problems);
        boolean expires = checkDate("expiresOn", r.expiresOn(), problems);
        if (issued && expires && r.expiresOn().isBefore(r.issuedOn())) {
            problems.add("expiresOn (" + r.expiresOn() + ") is before issuedOn (" + r.issuedOn() + ")");
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(String.join("; ", problems) + ".");
        }
    }

    /** Adds what is wrong with a required business date to {@code problems}; answers whether it is usable. */
    private static boolean checkDate(String field, LocalDate date, List<String> problems) {
        if (date == null) {
            problems.add(field + " is required");
            return false;
        }
        Optional<String> problem = CalendarDates.problem(date);
        problem.ifPresent(p -> problems.add(field + " " + p));
        return problem.isEmpty();
    }
}
