package aikpi.platform.problem;

import java.util.List;

/** A batch that failed validation as a whole: nothing of it was stored, and every offending item is named. */
public class BatchRejectedException extends RuntimeException {

    private final transient List<ItemError> errors;

    public BatchRejectedException(List<ItemError> errors) {
        super(errors.size() + (errors.size() == 1 ? " item" : " items")
                + " of the batch are invalid; nothing was stored. First: item " + errors.get(0).index() + " "
                + errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public List<ItemError> errors() {
        return errors;
    }
}
