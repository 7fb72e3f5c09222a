package aikpi.billing.focus;

import aikpi.platform.problem.FileRejectedException;
import aikpi.platform.problem.LineError;
import java.util.ArrayList;
import java.util.List;

/** A file's bad cells by line and column: the first {@link FocusReader#MAX_ERRORS} listed, every one counted. */
final class LineErrors {

    private final List<LineError> listed = new ArrayList<>();
    private long found;

    void add(long line, String column, String message) {
        if (listed.size() < FocusReader.MAX_ERRORS) {
            listed.add(new LineError(line, column, message));
        }
        found++;
    }

    /** Every error found so far, listed or not: a row is bad when this grew while it was read. */
    long found() {
        return found;
    }

    List<LineError> listed() {
        return listed;
    }

    /** The file refused with {@code detail}, naming {@code errors} and saying whether more were found. */
    FileRejectedException reject(String detail, List<LineError> errors) {
        return new FileRejectedException(detail, errors, found > errors.size());
    }
}
