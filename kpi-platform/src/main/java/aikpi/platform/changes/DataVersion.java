package aikpi.platform.changes;

import aikpi.vocabulary.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A storing service's data version: the instant, on its clock, at which a reader took its figures. Every write a
 * service takes records when it was received, so "what changed since this version" is what was received after it.
 * The instant is kept to the microsecond, the precision of the databases' timestamps. A reader that takes the version
 * before it reads the figures can never miss a change: at worst it lists one its figures already hold.
 */
public final class DataVersion {

    private DataVersion() {
    }

    /** The data version now. */
    public static String now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS).toString();
    }

    /** A {@code since} parameter read back as the instant it names; anything else is a 400. */
    public static Instant parse(String since) {
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new InvalidRequestException("since must be a data version as a completeness answer gives it (an "
                    + "ISO-8601 instant such as 2026-04-06T00:00:00.123456Z), not '" + since + "'.");
        }
    }
}
