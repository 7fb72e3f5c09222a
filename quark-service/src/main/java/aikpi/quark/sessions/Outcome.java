package aikpi.quark.sessions;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How an AI session ended, as far as the app knows. */
public enum Outcome {
    /** The user got what they came for. */
    RESOLVED,
    /** The user left without a result. */
    ABANDONED,
    /** Handed over to a person or another channel. */
    ESCALATED,
    /** The app could not tell; left out of the resolution rate's denominator. */
    UNKNOWN;

    public boolean isKnown() {
        return this != UNKNOWN;
    }

    static Optional<Outcome> parse(String text) {
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.name().equals(wanted)).findFirst();
    }
}
