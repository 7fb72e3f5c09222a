package aikpi.quark.segment;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to Segment calls: what was stored, what had been seen before, and what quark has no use for. */
@Serdeable
public record SegmentResult(
        @Schema(description = "calls stored as quark events (installs, app opens, AI sessions) for the first time")
        int accepted,
        @Schema(description = "calls whose messageId was stored before (or came earlier in the same body): counted once")
        int duplicates,
        @Schema(description = "calls no quark figure reads (other track events; identify, screen, page, group, alias): "
                + "acknowledged, never stored or refused")
        int ignored) {
}
