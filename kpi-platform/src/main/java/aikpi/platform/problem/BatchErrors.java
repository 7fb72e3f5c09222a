package aikpi.platform.problem;

import aikpi.vocabulary.CalendarDates;
import aikpi.vocabulary.InvalidRequestException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects what is wrong with the items of one batch so that a single answer names every offending item, and
 * nothing of the batch is stored when any is wrong.
 */
public final class BatchErrors {

    private final List<ItemError> errors = new ArrayList<>();

    /** Refuses a missing or empty batch and one larger than {@code limit} (413) before any item is looked at. */
    public static void checkSize(List<?> batch, int limit) {
        if (batch == null || batch.isEmpty()) {
            throw new InvalidRequestException("The batch is empty: send a JSON array of at least one item.");
        }
        if (batch.size() > limit) {
            throw new PayloadTooLargeException(batch.size(), limit);
        }
    }

    public void add(int index, String id, String field, String message) {
        errors.add(new ItemError(index, id, field, message));
    }

    /** Records an error when {@code value} is null or blank; answers whether it was present. */
    public boolean require(int index, String id, String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            add(index, id, field, "is required");
            return false;
        }
        return true;
    }

    /** Records an error unless {@code 0 <= value <= max}. */
    public void requireCount(int index, String id, String field, Long value, long max) {
        if (require(index, id, field, value)) {
            if (value < 0) {
                add(index, id, field, "must not be negative (was " + value + ")");
            } else if (value > max) {
                add(index, id, field, "is implausibly large (" + value + " > " + max + ")");
            }
        }
    }

    /** Records an error when a business date is missing or outside {@link CalendarDates}; answers whether it is usable. */
    public boolean requireDate(int index, String id, String field, LocalDate value) {
        if (!require(index, id, field, value)) {
            return false;
        }
        Optional<String> problem = CalendarDates.problem(value);
        problem.ifPresent(p -> add(index, id, field, p));
        return problem.isEmpty();
    }

    /** Records an error when an id is longer than the column that stores it. */
    public void requireId(int index, String id, String field, String value, int maxLength) {
        if (require(index, id, field, value) && value.length() > maxLength) {
            add(index, id, field, "is longer than " + maxLength + " characters");
        }
    }

    /** The errors recorded so far, in the order they were found. */
    public List<ItemError> errors() {
        return List.copyOf(errors);
    }

    /** How many errors are recorded so far. */
    public int size() {
        return errors.size();
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new BatchRejectedException(errors);
        }
    }
}
