package aikpi.quark.activity;

import aikpi.quark.firstseen.UserSighting;
import aikpi.vocabulary.Sha256;
import java.time.Instant;

/**
 * A validated install or app open, ready to store. {@code userId} is a pseudonymous id. Its identity is its id and
 * {@code keyedAt}, the producer's own stamp of when it happened, which a retry repeats unchanged: the time the event
 * is counted at ({@code occurredAt}) unless a format corrects that time on arrival (Segment's clock-skew correction
 * of {@code originalTimestamp}), which would differ between a call and its retry.
 */
public record UserEvent(String eventId, String appId, String userId, Instant occurredAt, Instant keyedAt) {

    /** The stored form of the id: the SHA-256 of its UTF-8 bytes, 32 bytes whatever the id's length. */
    byte[] key() {
        return Sha256.ofText(eventId);
    }

    /** What makes two events of one batch the same event. */
    record Identity(String eventId, Instant keyedAt) {
    }

    Identity identity() {
        return new Identity(eventId, keyedAt);
    }

    /** The same event identified by the producer's own stamp rather than by the (corrected) time it is counted at. */
    public UserEvent keyedAt(Instant producerStamp) {
        return new UserEvent(eventId, appId, userId, occurredAt, producerStamp);
    }

    public UserSighting sighting() {
        return UserSighting.inApp(appId, userId, occurredAt);
    }
}
