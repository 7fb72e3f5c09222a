package aikpi.tongyi.usage;

import aikpi.vocabulary.Sha256;
import java.time.Instant;

/**
 * A validated usage event, ready to store. Its identity is its id and the instant it happened: a retry or a replay
 * carries both unchanged, and the time in the key keeps the inserts of a batch near each other in the index.
 * {@code receivedAt} is when the service received it (null: unknown, stored before receipts were recorded).
 */
public record UsageEvent(String eventId, String customerId, String modelId, Instant occurredAt, long inputTokens,
                         long outputTokens, Instant receivedAt) {

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
