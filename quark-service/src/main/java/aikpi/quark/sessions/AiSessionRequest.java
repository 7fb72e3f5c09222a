package aikpi.quark.sessions;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One AI session as the app reports it; every field is checked by the ingestion rules. {@code outcome} is text so
 * an unknown value is named with its item rather than failing the whole body.
 */
@Serdeable
public record AiSessionRequest(
        @Nullable String sessionId,
        @Nullable String appId,
        @Nullable String featureId,
        @Nullable String userId,
        @Nullable Instant startedAt,
        @Nullable Long turns,
        @Nullable Long agentCalls,
        @Nullable String outcome,
        @Nullable Integer rating,
        @Nullable Boolean converted,
        @Nullable BigDecimal conversionValueCny) {
}
