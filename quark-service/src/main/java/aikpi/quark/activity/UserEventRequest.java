package aikpi.quark.activity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One install, or one app open, as the app reports it; every field is checked by the ingestion rules. */
@Serdeable
public record UserEventRequest(
        @Nullable String eventId,
        @Nullable String appId,
        @Nullable String userId,
        @Nullable Instant occurredAt) {
}
