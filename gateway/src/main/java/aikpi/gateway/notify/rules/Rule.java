package aikpi.gateway.notify.rules;

/** What a stored state row is about; each rule compares what it sees now with what it saw and told before. */
public enum Rule {
    /** A reviewed KPI's status (MET, ON_TRACK, AT_RISK, OFF_TRACK, NOT_STARTED; UNKNOWN is never recorded). */
    STATUS,
    /** Whether a volume target with a quality floor counts: COUNTED, or NOT_COUNTED when its floor is not met. */
    FLOOR,
    /** Whether a vanity alert fires for a scope and period: FIRING or QUIET. */
    VANITY,
    /** Whether a source answers: OK, or DOWN (unavailable, timed out, or served stale from the cache). */
    SOURCE,
    /** Whether a source's data is complete through the last day expected complete for a period: OK or LATE. */
    LATE_DAY
}
