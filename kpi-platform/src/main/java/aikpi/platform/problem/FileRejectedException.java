package aikpi.platform.problem;

import java.util.List;

/**
 * A file that failed validation as a whole: nothing of it was stored, and its offending rows are named by line
 * number (up to a limit: {@code truncated} says more were found).
 */
public class FileRejectedException extends RuntimeException {

    private final transient List<LineError> errors;
    private final boolean truncated;

    public FileRejectedException(String detail, List<LineError> errors, boolean truncated) {
        super(detail);
        this.errors = List.copyOf(errors);
        this.truncated = truncated;
    }

    public List<LineError> errors() {
        return errors;
    }

    /** True when the file had more offending rows than are listed. */
    public boolean truncated() {
        return truncated;
    }
}
