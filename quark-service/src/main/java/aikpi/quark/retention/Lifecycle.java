package aikpi.quark.retention;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/** An app's active users per interval, split as PostHog's lifecycle insight splits them. */
@Serdeable
@Schema(description = "Per interval: new (first seen in it and active), returning (active in it and in the previous "
        + "interval), resurrecting (active in it, seen before, not active in the previous interval) and dormant (active "
        + "in the previous interval, not in this one; negative). new + returning + resurrecting = active.")
public record Lifecycle(
        String appId,
        String period,
        @Schema(description = "day, week or month") String interval,
        String zone,
        LocalDate asOf,
        boolean estimate,
        @Nullable Double relativeStandardError,
        @Schema(description = "how new users are told when not from first-seen days, or why there are no intervals",
                nullable = true) @Nullable String note,
        List<Step> intervals) {

    /** One interval's users. */
    @Serdeable
    public record Step(
            LocalDate start,
            LocalDate end,
            @Schema(description = "the interval has not ended yet") boolean partial,
            long active,
            @JsonProperty("new") @Schema(name = "new") long newUsers,
            long returning,
            long resurrecting,
            @Schema(description = "zero or negative") long dormant) {
    }
}
