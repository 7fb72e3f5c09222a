package aikpi.quark.metrics;

import aikpi.quark.sessions.SessionTotals;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** How much AI was used: the figures assistants are usually scored by. Exact counts. */
@Serdeable
@Schema(description = "AI usage volume in the period (exact counts). Read it beside quality: volume alone rewards quantity.")
public record Volume(
        @Schema(description = "AI sessions started in the period (exact)") long aiSessions,
        @Schema(description = "Conversation turns of those sessions (exact)") long turns,
        @Schema(description = "Agent (tool) calls of those sessions (exact)") long agentCalls) {

    static Volume of(SessionTotals t) {
        return new Volume(t.sessions(), t.turns(), t.agentCalls());
    }
}
