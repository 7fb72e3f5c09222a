package aikpi.tongyi.hubstats;

import aikpi.vocabulary.Groupings;

/** How a hub summary is broken down. */
public enum HubGrouping {
    TOTAL,
    MODEL,
    PLATFORM;

    /** Parses {@code model} or {@code platform}; none means the total alone. */
    public static HubGrouping parse(String text) {
        return Groupings.parse(HubGrouping.class, TOTAL, text);
    }

    public String label() {
        return Groupings.label(this);
    }
}
