package aikpi.platform.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One offending row of a rejected file: the line of the file it starts on (the header is line 1), the column at
 * fault (null when the row as a whole is wrong) and what is wrong with it.
 */
@Serdeable
public record LineError(long line, @Nullable String column, String message) {
}
