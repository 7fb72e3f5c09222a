package db.migration;

import aikpi.security.audit.AuditTrailMigration;

/** The audit trail's table ({@link AuditTrailMigration}), as this service's migration 6. */
public class V6__audit_event extends AuditTrailMigration {
}
