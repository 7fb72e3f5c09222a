package aikpi.gateway.notify.subscriptions;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * Who hears which notices, and how: the scopes ({@code group} or units) and notice types it hears, the channel and its
 * target (a URL or an address), the subscriber's language and digest. {@code secret} is the stored form of the
 * signing secret ({@link SubscriptionSecrets}: ciphertext or an {@code env:} reference), never the secret itself.
 */
public record Subscription(String id, List<String> scopes, List<String> types, String channel, String target,
                           @Nullable String secret, String language, String digest, String createdBy,
                           Instant createdAt, String updatedBy, Instant updatedAt) {

    /** The scope and type list of a standing subscription that hears everything (never one a subscriber can give). */
    public static final String EVERY = "*";
    /** The digest of a subscription that hears each notice as it comes. */
    public static final String NO_DIGEST = "none";

    /** Whether a notice of {@code type} about {@code scope} is one this subscription hears. */
    public boolean hears(String scope, String type) {
        return (scopes.contains(EVERY) || scopes.contains(scope)) && (types.contains(EVERY) || types.contains(type));
    }

    /** Whether its notices wait for its daily or weekly digest instead of going out one by one. */
    public boolean digested() {
        return !NO_DIGEST.equals(digest);
    }
}
