package aikpi.quark.audience;

/**
 * Whose distinct users a sketch counts: app opens (activity events), AI sessions of one feature, or the users first
 * seen in the app (installs and app opens) on the bucket's days.
 */
public enum Audience {
    ACTIVE,
    AI,
    /**
     * Users first seen in the app: a union of these up to a day counts the app's users seen by then, and unions of
     * several apps' count a user of two apps once. An event-fed app's users are counted exactly too (first_seen);
     * these sketches let them be merged with the users of apps fed by daily aggregates.
     */
    NEW
}
