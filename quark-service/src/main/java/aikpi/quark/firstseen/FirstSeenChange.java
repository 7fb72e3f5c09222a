package aikpi.quark.firstseen;

import io.micronaut.core.annotation.Nullable;
import java.time.LocalDate;

/**
 * A user's first day in a scope, as a write set it: newly seen ({@code previous} null), or seen earlier than
 * recorded ({@code previous} the day it replaced).
 */
public record FirstSeenChange(String scope, String userId, LocalDate day, @Nullable LocalDate previous) {
}
