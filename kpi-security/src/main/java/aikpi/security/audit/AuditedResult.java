package aikpi.security.audit;

/** The answer of a write that says itself what its audit row records. */
public interface AuditedResult {

    AuditCounts auditCounts();
}
