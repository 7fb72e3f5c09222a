package aikpi.quark.days;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * One day of an app's figures as its pipeline sends them ({@code PUT /api/v1/apps/{appId}/days/{date}}); every field
 * is checked by {@link DayRules}, which names each one that is missing or wrong.
 */
@Serdeable
public record DayRequest(
        @Schema(description = "installs that day") @Nullable Long installs,
        @Schema(description = "app opens that day") @Nullable Long opens,
        @Nullable Sessions aiSessions,
        @Schema(description = "the day's active users (an app open): base64 of HllSketch.toCompactByteArray(), lgK 4-21")
        @Nullable String activeUsers,
        @Schema(description = "users first seen that day (install or app open): base64 HLL sketch, as activeUsers")
        @Nullable String newUsers,
        @Schema(description = "users with an AI session that day: base64 HLL sketch, as activeUsers")
        @Nullable String aiUsers,
        @Schema(description = "optional: the day's active users again as base64 of a Theta CompactSketch.toByteArray() "
                + "(default seed), kept for retention (set intersections)", nullable = true)
        @Nullable String activeUsersTheta) {

    /** The day's AI sessions, counted as quark counts its own: each outcome, ratings, conversions. */
    @Serdeable
    public record Sessions(
            @Nullable Long sessions,
            @Nullable Long turns,
            @Nullable Long agentCalls,
            @Nullable Long resolved,
            @Nullable Long abandoned,
            @Nullable Long escalated,
            @Nullable Long unknown,
            @Schema(description = "sessions with a rating (1-5)") @Nullable Long rated,
            @Schema(description = "the sum of those ratings") @Nullable Long ratingSum,
            @Schema(description = "sessions that led to a downstream action") @Nullable Long converted,
            @Schema(description = "the conversions' value in CNY, at most two decimals") @Nullable BigDecimal conversionValueCny) {
    }
}
