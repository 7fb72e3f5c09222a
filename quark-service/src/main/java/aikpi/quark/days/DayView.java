package aikpi.quark.days;

import aikpi.quark.days.AppDay.DayCounts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A stored day of an app fed by daily aggregates: the version counted now, and every version it replaced. */
@Serdeable
public record DayView(
        String appId,
        LocalDate date,
        @Schema(description = "1 for the first PUT of the day; each PUT with other figures adds one") int version,
        Instant receivedAt,
        long installs,
        long opens,
        DayCounts aiSessions,
        SketchSummary activeUsers,
        SketchSummary newUsers,
        SketchSummary aiUsers,
        @Schema(nullable = true) @Nullable SketchSummary activeUsersTheta,
        @Schema(description = "the versions this one replaced, kept for audit, newest first") List<Replaced> replaced) {

    /** A stored sketch: its family, its lgK (HLL), its estimate and its size as stored. */
    @Serdeable
    public record SketchSummary(String family, @Schema(nullable = true) @Nullable Integer lgK, long estimate, int bytes) {
    }

    /** A replaced version of the day, as it was. */
    @Serdeable
    public record Replaced(int version, Instant receivedAt, Instant replacedAt, long installs, long opens, long aiSessions,
                           long activeUsers, long newUsers, long aiUsers) {
    }
}
