package aikpi.quark.sessions;

import aikpi.quark.firstseen.UserSighting;
import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.time.Instant;

/** A validated AI session, ready to store. {@code conversionValueCny} is at fen scale when present. */
public record AiSession(
        String sessionId,
        String appId,
        String featureId,
        String userId,
        Instant startedAt,
        int turns,
        int agentCalls,
        Outcome outcome,
        @Nullable Integer rating,
        boolean converted,
        @Nullable BigDecimal conversionValueCny) {

    public UserSighting sighting() {
        return new UserSighting(appId, featureId, userId, startedAt);
    }
}
