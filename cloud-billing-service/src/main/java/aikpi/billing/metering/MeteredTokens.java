package aikpi.billing.metering;

import io.micronaut.core.annotation.Nullable;

/** Tokens tongyi-service metered in a period, or why they could not be had. */
public record MeteredTokens(boolean available, @Nullable Long tokens, @Nullable String detail) {

    public static MeteredTokens of(long tokens) {
        return new MeteredTokens(true, tokens, null);
    }

    public static MeteredTokens unavailable(String why) {
        return new MeteredTokens(false, null, why);
    }
}
