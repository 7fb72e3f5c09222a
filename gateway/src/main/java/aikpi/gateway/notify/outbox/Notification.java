package aikpi.gateway.notify.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One row of the outbox as the API lists it: a notice for one subscription and how its delivery stands. */
@Serdeable
public record Notification(String id, String noticeId, String subscriptionId, String type, String scope,
                           String status, int attempts, Instant nextAttemptAt, @Nullable String lastError,
                           Instant createdAt, @Nullable Instant sentAt) {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String DEAD = "DEAD";
    /** Waiting for its subscription's next digest. */
    public static final String HELD = "HELD";
    /** Told in a digest. */
    public static final String DIGESTED = "DIGESTED";
}
