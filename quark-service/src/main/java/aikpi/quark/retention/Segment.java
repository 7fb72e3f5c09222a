package aikpi.quark.retention;

import aikpi.vocabulary.InvalidRequestException;

/**
 * Which part of a cohort: all of it, its AI users (an AI session in the cohort's first window: its first week, or
 * first month), or the others.
 */
public enum Segment {
    ALL("all"),
    AI("ai"),
    NON_AI("non-ai");

    private final String label;

    Segment(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Segment parse(String value) {
        for (Segment s : values()) {
            if (s.label.equals(value)) {
                return s;
            }
        }
        throw new InvalidRequestException("segment must be one of all, ai, non-ai; got '" + value + "'");
    }
}
