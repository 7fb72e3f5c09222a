package aikpi.tongyi.usage;

import aikpi.vocabulary.Sha256;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A validated usage event, ready to store. Its identity is its id and the instant it happened: a retry or a replay
 * carries both unchanged, and the time in the key keeps the inserts of a batch near each other in the index.
 * {@code receivedAt} is when the service received it (null: unknown, stored before receipts were recorded), rounded up
 * to the microsecond the databases keep: stored and read back it is the same instant, and one received after a data
 * version (kept to the microsecond, rounded down) stays after it.
 */
public record UsageEvent(String eventId, String customerId, String modelId, Instant occurredAt, long inputTokens,
                         long outputTokens, Instant receivedAt) {

    public UsageEvent {
        if (receivedAt != null) {
            Instant down = receivedAt.truncatedTo(ChronoUnit.MICROS);
            receivedAt = down.equals(receivedAt) ? down : down.plus(1, ChronoUnit.MICROS);
        }
    }

    /** The stored form of the id: the SHA-256 of its UTF-8 bytes, 32 bytes whatever the id's length. */
    byte[] key() {
        return Sha256.ofText(eventId);
    }

    /** What makes two events of one batch the same event. */
    record Identity(String eventId, Instant occurredAt) {
    }

    Identity identity() {
        return new Identity(eventId, occurredAt);
    }
}
