package aikpi.quark.retention;

import aikpi.vocabulary.InvalidRequestException;

/**
 * Which part of a cohort (the {@code segment} query value): all of it, its AI users (an AI session in the cohort's first window: its first week, or
 * first month), or the others.
 */
public enum CohortPart {
    ALL("all"),
    AI("ai"),
    NON_AI("non-ai");

    private final String label;

    CohortPart(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static CohortPart parse(String value) {
        for (CohortPart s : values()) {
            if (s.label.equals(value)) {
                return s;
            }
        }
        throw new InvalidRequestException("segment must be one of all, ai, non-ai; got '" + value + "'");
    }
}
