package aikpi.tongyi.resources;

import aikpi.vocabulary.Groupings;

/** How a resource summary is broken down; each has its query in {@link ResourceUsageRepository}. */
public enum ResourceGrouping {
    TOTAL,
    /** By the model the GPU time was spent on; entries naming no model are in the total only. */
    MODEL,
    PURPOSE;

    /** Parses {@code model} or {@code purpose}; none means the total alone. */
    public static ResourceGrouping parse(String text) {
        return Groupings.parse(ResourceGrouping.class, TOTAL, text);
    }

    public String label() {
        return Groupings.label(this);
    }
}
