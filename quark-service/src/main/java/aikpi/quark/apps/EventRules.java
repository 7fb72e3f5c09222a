package aikpi.quark.apps;

import aikpi.platform.problem.BatchErrors;
import java.time.Duration;
import java.time.Instant;

/** Rules every ingested event's id and timestamp follow. */
public final class EventRules {

    /** Events may be at most this far ahead of the service's clock (clock skew at the sender). */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);
    /** No app of the suite reported before this; older timestamps are a unit or parsing error. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** The length of the id columns. */
    public static final int MAX_ID_LENGTH = 128;
    /** The length of app and feature id columns. */
    public static final int MAX_KEY_LENGTH = 64;

    private EventRules() {
    }

    /** Why events for an app fed by daily aggregates are refused. */
    public static String notEventFed(String appId) {
        return "app '" + appId + "' is fed by daily aggregates (feed AGGREGATES): it takes no events; send its days to "
                + "PUT /api/v1/apps/" + appId + "/days/{date}";
    }

    /** Records an error unless {@code at} is present, not before {@link #EARLIEST} and not after {@code latest}. */
    public static void checkInstant(BatchErrors errors, int index, String id, String field, Instant at, Instant latest) {
        if (errors.require(index, id, field, at)) {
            if (at.isAfter(latest)) {
                errors.add(index, id, field, "is more than 5 minutes in the future (" + at + ")");
            } else if (at.isBefore(EARLIEST)) {
                errors.add(index, id, field, "is before " + EARLIEST + " (" + at + ")");
            }
        }
    }
}
