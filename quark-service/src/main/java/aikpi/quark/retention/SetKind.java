package aikpi.quark.retention;

/**
 * What a stored set of users holds, per scope and window: the users who opened the app ({@link #OPEN}) or had an AI
 * session in it ({@link #AI}) in the window (app scopes only; a business unit's or the group's are unions of its
 * apps'); the users first seen in the window ({@link #COHORT}, per scope: an app, a business unit, the group); and
 * the users who were in the window's cohort once but have since been first seen earlier ({@link #LEFT}: a late
 * install moves a user to an earlier cohort, and a sketch cannot forget a member). A cohort is COHORT minus LEFT.
 */
public enum SetKind {
    OPEN,
    AI,
    COHORT,
    LEFT
}
