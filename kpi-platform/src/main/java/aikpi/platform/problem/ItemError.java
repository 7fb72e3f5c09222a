package aikpi.platform.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One offending item of a rejected batch: its position in the batch, its client-chosen id when it has one,
 * the field at fault and what is wrong with it.
 */
@Serdeable
public record ItemError(int index, @Nullable String id, String field, String message) {
}
