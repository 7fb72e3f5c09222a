package aikpi.vocabulary;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The business dates a client may send (a release, an onboarding, a launch, a snapshot, a voucher's validity): wide
 * enough for any real one, and inside the range every database of the suite stores unchanged. A date far outside it
 * (year 1, or year 999,999,999) is a unit or parsing error at the sender.
 */
public final class CalendarDates {

    public static final LocalDate EARLIEST = LocalDate.of(1990, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

    private CalendarDates() {
    }

    public static boolean isInRange(LocalDate date) {
        return !date.isBefore(EARLIEST) && !date.isAfter(LATEST);
    }

    /** What is wrong with {@code date} as a business date, or nothing when it is in range. */
    public static Optional<String> problem(LocalDate date) {
        return isInRange(date) ? Optional.empty()
                : Optional.of("must be a date from " + EARLIEST + " to " + LATEST + " (was " + date + ")");
    }

    /**
     * A date a client wrote ({@code 2025-03-14}) in a query or a path, in range; a 400 naming the parameter otherwise.
     */
    public static LocalDate parse(String parameter, String text) {
        try {
            return check(parameter, LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(parameter + " must be a date as 2025-03-14; got '" + text + "'.");
        }
    }

    /** Answers {@code date} when it is absent or in range; otherwise a 400 naming the field and the range. */
    public static LocalDate check(String field, LocalDate date) {
        if (date != null) {
            problem(date).ifPresent(p -> {
                throw new InvalidRequestException(field + " " + p + ".");
            });
        }
        return date;
    }
}
