package db.migration;

import aikpi.security.audit.AuditTrailMigration;

/** The audit trail's table ({@link AuditTrailMigration}), as this service's migration 4. */
public class V4__audit_event extends AuditTrailMigration {
}
