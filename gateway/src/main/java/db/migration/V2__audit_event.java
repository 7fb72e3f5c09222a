package db.migration;

import aikpi.security.audit.AuditTrailMigration;

/** The audit trail's table ({@link AuditTrailMigration}), as this service's migration 2. */
public class V2__audit_event extends AuditTrailMigration {
}
