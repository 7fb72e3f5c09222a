package aikpi.tongyi.usage;

import java.time.Instant;

/** A validated usage event, ready to store. */
public record UsageEvent(String eventId, String customerId, String modelId, Instant occurredAt, long inputTokens,
                         long outputTokens) {
}
