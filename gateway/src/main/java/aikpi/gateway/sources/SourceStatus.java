package aikpi.gateway.sources;

/** How a source answered for one view. */
public enum SourceStatus {
    /** Answered in time. */
    OK,
    /** Failed now; its last good answer (not older than the configured max-stale) is shown, marked with its time. */
    STALE,
    /** Refused the connection, failed, or its circuit is open. */
    UNAVAILABLE,
    /** Did not answer within the configured timeout. */
    TIMEOUT,
    /** Does not report this kind of period (the ledger is kept by quarter). */
    NOT_APPLICABLE;

    public boolean hasData() {
        return this == OK || this == STALE;
    }
}
