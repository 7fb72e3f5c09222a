package aikpi.quark.retention;

import aikpi.vocabulary.InvalidRequestException;

/** What counts as being active again: opening the app, or having an AI session in it. */
public enum Activity {
    OPEN("open", SetKind.OPEN),
    AI_SESSION("ai-session", SetKind.AI);

    private final String label;
    private final SetKind kind;

    Activity(String label, SetKind kind) {
        this.label = label;
        this.kind = kind;
    }

    public String label() {
        return label;
    }

    public SetKind kind() {
        return kind;
    }

    public static Activity parse(String value) {
        for (Activity a : values()) {
            if (a.label.equals(value)) {
                return a;
            }
        }
        throw new InvalidRequestException("returnOn must be one of open, ai-session; got '" + value + "'");
    }
}
