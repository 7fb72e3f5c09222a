package aikpi.gateway.notify.subscriptions;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A subscription as the API answers it: whether it has a signing secret, never the secret, except {@code secret} in
 * the answer that generated it (the only time it is shown).
 */
@Serdeable
public record SubscriptionView(String id, List<String> scopes, List<String> types, String channel, String target,
                               boolean hasSecret, @Nullable String secret, String language, String digest,
                               String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {

    static SubscriptionView of(Subscription s, @Nullable String generatedSecret) {
        return new SubscriptionView(s.id(), s.scopes(), s.types(), s.channel(), s.target(), s.secret() != null,
                generatedSecret, s.language(), s.digest(), s.createdBy(), s.createdAt(), s.updatedBy(), s.updatedAt());
    }
}
