package aikpi.gateway.notify.subscriptions;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A subscription as a client sends it ({@code PUT /api/v1/subscriptions/{id}}). {@code secret}: for a webhook, a
 * Standard Webhooks secret ({@code whsec_} + base64) or {@code env:NAME}; left out, the gateway generates one (a new
 * subscription) or keeps the one it has. {@code language} defaults to {@code en}, {@code digest} to {@code none}.
 */
@Serdeable
public record SubscriptionRequest(@Nullable List<String> scopes, @Nullable List<String> types, @Nullable String channel,
                                  @Nullable String target, @Nullable String secret, @Nullable String language,
                                  @Nullable String digest) {
}
