package db.migration;

import aikpi.security.audit.AuditTrailMigration;

/** The audit trail's table ({@link AuditTrailMigration}), as this service's migration 7. */
public class V7__audit_event extends AuditTrailMigration {
}
