package aikpi.tongyi.usage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One metered model call as the platform reports it; every field is checked by the ingestion rules. */
@Serdeable
public record UsageEventRequest(
        @Nullable String eventId,
        @Nullable String customerId,
        @Nullable String modelId,
        @Nullable Instant occurredAt,
        @Nullable Long inputTokens,
        @Nullable Long outputTokens) {
}
