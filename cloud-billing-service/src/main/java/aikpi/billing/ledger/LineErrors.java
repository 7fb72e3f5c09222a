package aikpi.billing.ledger;

import aikpi.platform.problem.ItemError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The offending lines of one batch, collected so that one answer names them all. */
final class LineErrors {

    private final List<ItemError> errors = new ArrayList<>();

    void add(int index, String id, String field, String message) {
        errors.add(new ItemError(index, id, field, message));
    }

    /** Records an error when {@code value} is null or blank; answers whether it was present. */
    boolean require(int index, String id, String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            add(index, id, field, "is required");
            return false;
        }
        return true;
    }

    int size() {
        return errors.size();
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    void addAll(List<ItemError> more) {
        errors.addAll(more);
    }

    /** The errors by line index; the errors of one line keep the order in which they were found. */
    List<ItemError> sorted() {
        List<ItemError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt(ItemError::index));
        return List.copyOf(sorted);
    }
}
