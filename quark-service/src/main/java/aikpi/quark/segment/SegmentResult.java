package aikpi.quark.segment;

import aikpi.security.audit.AuditCounts;
import aikpi.security.audit.AuditedResult;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to Segment calls: Segment's own {@code {"success": true}}, which its libraries read, and what was stored,
 * what had been seen before, and what quark has no use for.
 */
@Serdeable
public record SegmentResult(
        @Schema(description = "always true: the body was taken, as Segment's HTTP API answers")
        boolean success,
        @Schema(description = "calls stored as quark events (installs, app opens, AI sessions) for the first time")
        int accepted,
        @Schema(description = "calls whose messageId was stored before (or came earlier in the same body): counted once")
        int duplicates,
        @Schema(description = "calls no quark figure reads (other track events; identify, screen, page, group, alias): "
                + "acknowledged, never stored or refused")
        int ignored) implements AuditedResult {

    @Override
    public AuditCounts auditCounts() {
        AuditCounts stored = AuditCounts.batch(accepted, duplicates);
        long items = (long) accepted + duplicates + ignored;
        return new AuditCounts(items, stored.accepted(), stored.duplicates(),
                accepted + duplicates == 0 && ignored > 0 ? "IGNORED" : stored.outcome());
    }
}
