package aikpi.quark.audience;

/** The bucket a sketch covers: one day, or one calendar month (keyed by its first day), cut in the reporting zone. */
public enum Grain {
    DAY,
    MONTH
}
