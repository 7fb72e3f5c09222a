package aikpi.quark.audience;

/** Whose distinct users a sketch counts: app opens (activity events) or AI sessions of one feature. */
public enum Audience {
    ACTIVE,
    AI
}
