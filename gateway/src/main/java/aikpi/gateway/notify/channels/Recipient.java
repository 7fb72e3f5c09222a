package aikpi.gateway.notify.channels;

import io.micronaut.core.annotation.Nullable;

/**
 * Where a channel delivers: the subscription's target (URL or address), its secret opened for this delivery (never
 * logged or stored so), and the language the subscriber reads.
 */
public record Recipient(String subscriptionId, String target, @Nullable String secret, String language) {

    @Override
    public String toString() {
        return "Recipient[" + subscriptionId + " → " + target + "]";
    }
}
